package dev.kassa.connector.shipfromstore;

import dev.kassa.centara.api.CentaraClient;
import dev.kassa.connector.centra.CentraClients;
import dev.kassa.connector.config.ConnectorConfig;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The stores' Centara tills: one client for Centara's external orders, when Centara is configured. */
@Component
class Tills {

    private final Optional<CentaraClient> client;

    Tills(ConnectorConfig config, CentraClients centra) {
        this.client = config.centara().map(c -> new CentaraClient(c.baseUrl(), c.auth(), new CentaraClient.Settings(
                c.connectTimeout(), c.requestTimeout(), config.clientSettings().maxAttempts(),
                config.clientSettings().firstBackoff(), Duration.ofSeconds(30)), d -> centra.pause().pause(d)));
    }

    /** The client, or empty when {@code kassa.connector.centara.*} is not set. */
    Optional<CentaraClient> client() {
        return client;
    }

    static final String NOT_CONFIGURED = "Centara is not configured (kassa.connector.centara.*)";
}
