package dev.kassa.centra.sandbox;

import dev.kassa.common.time.AdjustableClock;
import dev.kassa.common.web.AdminTokenFilter;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.Ordered;

/**
 * The Centra sandbox: Centra's Order API as {@code spec/centra-order-api.md} describes it, served at
 * {@code /api/{uri}} per installed plugin, plus the admin API under {@code /sandbox}. Started by
 * {@code kassa centra-sandbox}; defaults in {@code centra-sandbox-defaults.properties}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan
@PropertySource("classpath:centra-sandbox-defaults.properties")
public class CentraSandboxApplication {

    public static final String PROGRAM = "centra-sandbox";

    @Bean
    @ConditionalOnMissingBean
    AdjustableClock sandboxClock() {
        return AdjustableClock.system();
    }

    @Bean
    FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(@Value("${kassa.sandbox.admin-token:}") String token) {
        if (token.isBlank()) {
            token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            // Printed, not logged: the operator needs it once, and log files should never hold secrets.
            System.out.println("Centra sandbox admin token (random, set --admin-token to choose one): " + token);
        }
        FilterRegistrationBean<AdminTokenFilter> registration = new FilterRegistrationBean<>(new AdminTokenFilter(token));
        registration.addUrlPatterns("/sandbox", "/sandbox/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
