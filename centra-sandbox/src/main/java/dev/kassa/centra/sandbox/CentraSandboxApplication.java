package dev.kassa.centra.sandbox;

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

/**
 * The Centra sandbox: Centra's Order API as {@code spec/centra-order-api.md} describes it, served at
 * {@code /api/{uri}} per installed plugin, plus the admin API under {@code /sandbox}. Started by
 * {@code kassa centra-sandbox}; defaults in {@code centra-sandbox-defaults.properties}.
 */
@SpringBootConfiguration
@SandboxAutoConfiguration
@ComponentScan
@Import({AdminErrors.class, dev.kassa.common.web.ApiDocs.class, dev.kassa.common.web.ProgramLogs.class,
        dev.kassa.common.sandbox.traffic.SandboxTrafficConfiguration.class})
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
        return AdminTokenFilter.registration("Centra sandbox", token, "/shop", "/actuator/prometheus");
    }
}
