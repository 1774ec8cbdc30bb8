package dev.kassa.centara.sandbox;

import dev.kassa.common.sandbox.AdminErrors;
import dev.kassa.common.time.AdjustableClock;
import dev.kassa.common.web.AdminTokenFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Centara sandbox: Centara's external orders API ({@code spec/centara-external-orders.md}) at
 * {@code /api/order}, a till simulator that sells and pushes POS transactions, and the admin API under
 * {@code /sandbox}. Started by {@code kassa centara-sandbox}; defaults in
 * {@code centara-sandbox-defaults.properties}.
 */
@SpringBootConfiguration
// The connector's console brings Spring Security and Thymeleaf onto the classpath when all three programs
// run in one JVM (kassa demo, tests); the sandboxes use neither: their APIs authenticate themselves.
@EnableAutoConfiguration(
        excludeName = {"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
                "org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration"})
@ComponentScan
@Import(AdminErrors.class)
@EnableScheduling
@PropertySource("classpath:centara-sandbox-defaults.properties")
public class CentaraSandboxApplication {

    public static final String PROGRAM = "centara-sandbox";

    @Bean
    @ConditionalOnMissingBean
    AdjustableClock sandboxClock() {
        return AdjustableClock.system();
    }

    @Bean
    FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(@Value("${kassa.sandbox.admin-token:}") String token) {
        return AdminTokenFilter.registration("Centara sandbox", token, "/till");
    }
}
