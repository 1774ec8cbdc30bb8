package dev.kassa.connector.check;

import dev.kassa.connector.config.ConnectorConfig;
import dev.kassa.connector.config.ConnectorProperties;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/**
 * The connector's configuration and database, without its web server, background work or migrations, for
 * {@code kassa check}: nothing is written anywhere unless {@code --write-test} asks for it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableConfigurationProperties(ConnectorProperties.class)
@PropertySource("classpath:connector-defaults.properties")
@Import(ConnectorConfig.class)
public class PreflightApplication {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Runs the checks with the connector's Spring arguments; prints the table; 0 when nothing failed. */
    public static int run(String[] springArgs, Optional<String> writeTestEan, PrintStream out) {
        List<String> args = new ArrayList<>(List.of("--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
                "--spring.flyway.enabled=false", "--logging.level.root=WARN", "--logging.level.dev.kassa=WARN",
                "--management.endpoint.health.validate-group-membership=false"));
        args.addAll(List.of(springArgs));
        List<Preflight.Row> rows;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PreflightApplication.class)
                .logStartupInfo(false).run(args.toArray(String[]::new))) {
            rows = new Preflight(context.getBean(ConnectorConfig.class), context.getBean(DataSource.class), context.getBean(Clock.class))
                    .run(writeTestEan);
        } catch (RuntimeException e) {
            Throwable t = e;
            while (t != null && !(t instanceof ConnectorConfig.InvalidConfiguration)) {
                t = t.getCause();
            }
            if (t == null) {
                throw e;
            }
            rows = List.of(new Preflight.Row(Preflight.Mark.FAIL, "configuration", t.getMessage(),
                    "fix the settings named (kassa connector --help lists them)"));
        }
        out.print(Preflight.table(rows));
        return rows.stream().anyMatch(r -> r.mark() == Preflight.Mark.FAIL) ? 1 : 0;
    }
}
