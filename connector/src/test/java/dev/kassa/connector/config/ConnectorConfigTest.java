package dev.kassa.connector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration is checked as a whole at start-up; every problem is named by its property path. */
class ConnectorConfigTest {

    private static final ConnectorProperties.Endpoint OK = new ConnectorProperties.Endpoint("http://127.0.0.1:8081/api/x", "s");

    @Test
    void everyProblemIsListedAndNoSecretIsShown() {
        ConnectorProperties p = new ConnectorProperties(
                new ConnectorProperties.Centra(Map.of("se", new ConnectorProperties.Endpoint("ftp://x", "top-secret-1")),
                        new ConnectorProperties.Budget(0, null)),
                List.of(new ConnectorProperties.Store("Stockholm!", "", null, null, null, "short"),
                        new ConnectorProperties.Store("a", "A", 2L, OK, 1, "key-of-store-a-123"),
                        new ConnectorProperties.Store("a", "B", 2L, OK, 1, "key-of-store-a-123")));
        assertThatThrownBy(() -> new ConnectorConfig(p)).isInstanceOf(ConnectorConfig.InvalidConfiguration.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(
                        "kassa.connector.centra.endpoints.se.base-url", "kassa.connector.centra.write-budget.writes-per-10s",
                        "kassa.connector.stores[0].id", "kassa.connector.stores[0].name",
                        "kassa.connector.stores[0].centra-warehouse", "kassa.connector.stores[0].centra-endpoint",
                        "kassa.connector.stores[0].centara-store", "kassa.connector.stores[0].pos-api-key",
                        "kassa.connector.stores[2].id", "kassa.connector.stores[2].centra-warehouse",
                        "kassa.connector.stores[2].centara-store", "kassa.connector.stores[2].pos-api-key")
                        .doesNotContain("top-secret-1", "key-of-store-a-123"));
    }

    @Test
    void aGoodConfigurationGivesStoresAndTheBudget() {
        ConnectorConfig c = new ConnectorConfig(new ConnectorProperties(new ConnectorProperties.Centra(Map.of("se", OK), null),
                List.of(new ConnectorProperties.Store("stockholm", "Stockholm", 2L, OK, 1, "key-of-stockholm-1"))));
        assertThat(c.stores()).hasSize(1);
        assertThat(c.storeWithKey("key-of-stockholm-1")).get().extracting(ConnectorConfig.Store::id).isEqualTo("stockholm");
        assertThat(c.storeWithKey("key-of-stockholm-2")).isEmpty();
        assertThat(c.writeBudget()).extracting(l -> l.writes()).containsExactly(20, 1800);
        assertThat(c.stores().getFirst().toString()).doesNotContain("key-of-stockholm-1");
    }
}
