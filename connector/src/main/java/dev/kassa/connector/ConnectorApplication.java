package dev.kassa.connector;

import dev.kassa.centra.api.Pause;
import dev.kassa.connector.config.ConnectorProperties;
import java.time.Clock;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.PropertySource;

/**
 * The connector: POS transactions in, Centra stock out, the catalogue to the tills, and ship from store
 * (check first) from Centra's webhooks to the shop's till and back. Started by {@code kassa connector};
 * defaults in {@code connector-defaults.properties}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan
@EnableConfigurationProperties(ConnectorProperties.class)
@PropertySource("classpath:connector-defaults.properties")
@org.springframework.context.annotation.Import({dev.kassa.common.web.ApiDocs.class, dev.kassa.common.web.ProgramLogs.class})
public class ConnectorApplication {

    public static final String PROGRAM = "connector";

    /** Runs the connector alone (the {@code kassa connector} command runs it through the app's launcher). */
    public static void main(String[] args) {
        org.springframework.boot.SpringApplication.run(ConnectorApplication.class, args);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** How Centra calls wait (budget, back-off, Retry-After); tests may replace it. */
    @Bean
    @ConditionalOnMissingBean
    Pause pause() {
        return Pause.REAL;
    }
}
