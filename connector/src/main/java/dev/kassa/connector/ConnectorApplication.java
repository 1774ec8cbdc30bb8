package dev.kassa.connector;

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
 * The connector: POS transactions in (this part), Centra stock out, catalogue to the tills, ship from
 * store (to come). Started by {@code kassa connector}; defaults in {@code connector-defaults.properties}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan
@EnableConfigurationProperties(ConnectorProperties.class)
@PropertySource("classpath:connector-defaults.properties")
public class ConnectorApplication {

    public static final String PROGRAM = "connector";

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
