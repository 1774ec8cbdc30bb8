package dev.kassa.common.sandbox.traffic;

import dev.kassa.common.sandbox.SettingsTable;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * The HTTP faults and the request journal of a sandbox (decision 0020). A sandbox imports this and gives a
 * {@link SandboxTraffic.Vendor} bean; {@code kassa.sandbox.journal.capacity} (default 10,000 calls) and
 * {@code kassa.sandbox.journal.bodies} (default false) size the journal.
 */
@Configuration(proxyBeanMethods = false)
@Import({TrafficController.class, TrafficPages.class})
public class SandboxTrafficConfiguration {

    @Bean
    HttpFaults httpFaults(SettingsTable settings, SandboxTraffic.Vendor vendor) {
        return new HttpFaults(settings, vendor);
    }

    @Bean
    RequestJournal requestJournal(@Value("${kassa.sandbox.journal.capacity:10000}") int capacity,
                                  @Value("${kassa.sandbox.journal.bodies:false}") boolean bodies) {
        return new RequestJournal(capacity, bodies);
    }

    @Bean
    FilterRegistrationBean<SandboxTraffic> sandboxTraffic(HttpFaults faults, RequestJournal journal, SandboxTraffic.Vendor vendor,
                                                          Clock clock) {
        FilterRegistrationBean<SandboxTraffic> registration = new FilterRegistrationBean<>(new SandboxTraffic(faults, journal, vendor, clock));
        registration.addUrlPatterns("/*");
        // outside the admin token's filter, so refused calls are journaled too
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }
}
