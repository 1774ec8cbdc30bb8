package dev.kassa.connector.web;

import dev.kassa.common.web.Secrets;
import dev.kassa.connector.config.ConnectorConfig;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call the connector's APIs, through Spring Security, with a bearer token each
 * ({@code Authorization: Bearer …}, compared in constant time, never logged):
 * <ul>
 *   <li>a store's POS key for {@code /api/pos/**} (the key names the store) and {@code /api/stores/{store}/**}
 *       (only its own store: another store's path is 403);</li>
 *   <li>the admin token for {@code /api/admin/**} and {@code /actuator/prometheus}.</li>
 * </ul>
 * A refusal is a 401 (or 403) problem document ({@link ApiProblems}) before any controller; a controller
 * takes the store as its {@code @AuthenticationPrincipal}. The console's log-ins are {@code ConsoleSecurity}'s;
 * Centra's webhooks are checked by their signature on the raw body, which no chain reads.
 */
@Configuration
class ApiSecurity {

    static final String STORE = "ROLE_STORE";
    private static final ApiProblem NO_POS_KEY = new ApiProblem(HttpStatus.UNAUTHORIZED,
            "a store's POS key is needed: Authorization: Bearer <pos-api-key>", Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"pos\""));
    static final String ADMIN = "ROLE_ADMIN";

    @Bean
    @Order(2)
    SecurityFilterChain storeApi(HttpSecurity http, ConnectorConfig config) throws Exception {
        http.securityMatcher("/api/pos/**", "/api/stores/**")
                .addFilterBefore(new BearerToken(key -> config.storeWithKey(key)
                        .map(s -> UsernamePasswordAuthenticationToken.authenticated(s, null, List.of(new SimpleGrantedAuthority(STORE))))),
                        AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a.requestMatchers("/api/stores/{store}/**").access((auth, context) ->
                                new AuthorizationDecision(ownStore(auth.get(), context.getVariables().get("store"))))
                        .anyRequest().hasAuthority(STORE))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> ApiProblems.write(request, response, NO_POS_KEY))
                        .accessDeniedHandler((request, response, ex) -> ApiProblems.write(request, response, new ApiProblem(
                                HttpStatus.FORBIDDEN, "this key is of store " + store(SecurityContextHolder.getContext()
                                .getAuthentication()).map(ConnectorConfig.Store::id).orElse("?") + ", not of " + pathStore(request)))));
        return stateless(http).build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain adminApi(HttpSecurity http, ConnectorConfig config) throws Exception {
        http.securityMatcher("/api/admin/**", "/actuator/prometheus")
                .addFilterBefore(new BearerToken(token -> Secrets.constantTimeEquals(token, config.adminToken())
                        ? Optional.of(UsernamePasswordAuthenticationToken.authenticated("head office", null,
                        List.of(new SimpleGrantedAuthority(ADMIN)))) : Optional.empty()), AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().hasAuthority(ADMIN))
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> ApiProblems.write(request, response,
                        new ApiProblem(HttpStatus.UNAUTHORIZED, request.getHeader(HttpHeaders.AUTHORIZATION) == null
                                ? "the admin API needs the header Authorization: Bearer <admin token>"
                                : "the admin token in the Authorization header is not valid",
                                Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"admin\"")))));
        return stateless(http).build();
    }

    /** No session, no CSRF (no cookies are used), no request cache: it would read the parameters, and so a body. */
    static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable);
    }

    /** The store a POS key authenticated, if that is what the request carries. */
    static Optional<ConnectorConfig.Store> store(Authentication auth) {
        return auth != null && auth.getPrincipal() instanceof ConnectorConfig.Store s ? Optional.of(s) : Optional.empty();
    }

    private static boolean ownStore(Authentication auth, String pathStore) {
        return store(auth).map(s -> s.id().equals(pathStore)).orElse(false);
    }

    private static String pathStore(HttpServletRequest request) {
        String[] parts = request.getRequestURI().split("/");
        return parts.length > 3 ? parts[3] : "";
    }

    /** Reads {@code Authorization: Bearer <token>} and, when {@code check} knows the token, authenticates the request. */
    static final class BearerToken extends OncePerRequestFilter {
        private final Function<String, Optional<? extends Authentication>> check;

        BearerToken(Function<String, Optional<? extends Authentication>> check) {
            this.check = check;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                check.apply(header.substring(7).trim()).ifPresent(auth -> {
                    var context = SecurityContextHolder.createEmptyContext();
                    context.setAuthentication(auth);
                    SecurityContextHolder.setContext(context);
                });
            }
            chain.doFilter(request, response);
        }
    }
}
