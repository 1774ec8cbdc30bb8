package dev.kassa.connector.console;

import dev.kassa.connector.config.ConnectorConfig;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may use the store console: staff of one store and head office, logging in with the users of
 * {@code kassa.connector.console.users} (bcrypt hashes), in a session that expires
 * ({@code server.servlet.session.timeout}), with CSRF protection on every form and htmx call. The APIs'
 * bearer tokens (POS keys, the admin token) are {@code web.ApiSecurity}'s chains; Centra's webhooks are
 * checked by their signature. No chain ever reads a request body.
 */
@Configuration
class ConsoleSecurity {

    static final String HEAD_OFFICE = "ROLE_HEAD_OFFICE";
    static final String STORE_PREFIX = "STORE_";

    @Bean
    @Order(1)
    SecurityFilterChain console(HttpSecurity http) throws Exception {
        http.securityMatcher("/console", "/console/**", "/login", "/logout")
                .authorizeHttpRequests(a -> a.requestMatchers("/login").permitAll().anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/console", true).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()));
        return http.build();
    }

    /**
     * Everything else: Centra's webhooks (their signature is checked on the raw body by the controller),
     * health, the API description and static files. The APIs with keys are {@code web.ApiSecurity}'s.
     */
    @Bean
    @Order(10)
    SecurityFilterChain rest(HttpSecurity http, ConnectorConfig config) throws Exception {
        http.securityMatcher("/**")
                .addFilterBefore(new HealthReader(config.adminToken()),
                        org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable) // it would read the parameters, and so a webhook's body
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable);
        return http.build();
    }

    /**
     * The admin token on a health call ({@code Authorization: Bearer <admin-token>}) lets head office read the
     * reasons behind each component's status (Actuator's show-details when-authorized, role ADMIN).
     */
    static final class HealthReader extends org.springframework.web.filter.OncePerRequestFilter {
        private final String token;

        HealthReader(String token) {
            this.token = token;
        }

        @Override
        protected boolean shouldNotFilter(jakarta.servlet.http.HttpServletRequest request) {
            return !request.getRequestURI().startsWith("/actuator/health");
        }

        @Override
        protected void doFilterInternal(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                                        jakarta.servlet.FilterChain chain) throws jakarta.servlet.ServletException, java.io.IOException {
            String header = request.getHeader("Authorization");
            if (header != null && header.startsWith("Bearer ")
                    && dev.kassa.common.web.Secrets.constantTimeEquals(header.substring(7), token)) {
                org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                        org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated("head office", null,
                                List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
            }
            chain.doFilter(request, response);
        }
    }

    /**
     * No Spring Security observations: with them, every filter of every request (a till's sale, a webhook) is
     * wrapped in an observation of its own, which a profile of the POS intake showed as the largest share of the
     * request's CPU. The request metrics ({@code http.server.requests}) and the connector's own metrics stay.
     */
    @Bean
    org.springframework.security.config.observation.SecurityObservationSettings securityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService consoleUsers(ConnectorConfig config) {
        List<ConnectorConfig.ConsoleUser> users = config.consoleUsers();
        return username -> users.stream().filter(u -> u.username().equalsIgnoreCase(username)).findFirst()
                .map(u -> User.withUsername(u.username()).password(u.passwordHash())
                        .authorities(new SimpleGrantedAuthority(u.store().map(s -> STORE_PREFIX + s).orElse(HEAD_OFFICE)))
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException("no console user " + username));
    }

    /** The store whose staff is logged in; empty for head office. */
    static Optional<String> storeOf(Authentication auth) {
        return auth.getAuthorities().stream().map(a -> a.getAuthority()).filter(a -> a.startsWith(STORE_PREFIX))
                .map(a -> a.substring(STORE_PREFIX.length())).findFirst();
    }

    static boolean headOffice(Authentication auth) {
        return auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(HEAD_OFFICE));
    }
}
