package dev.kassa.centara.sandbox;

import dev.kassa.common.sandbox.AdminErrors;
import dev.kassa.common.sandbox.SandboxAutoConfiguration;
import dev.kassa.common.time.AdjustableClock;
import dev.kassa.common.web.AdminTokenFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
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
@SandboxAutoConfiguration
@ComponentScan
@Import({AdminErrors.class, dev.kassa.common.web.ApiDocs.class, dev.kassa.common.web.ProgramLogs.class,
        dev.kassa.common.sandbox.traffic.SandboxTrafficConfiguration.class})
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
        return AdminTokenFilter.registration("Centara sandbox", token, "/till", "/actuator/prometheus");
    }
}
