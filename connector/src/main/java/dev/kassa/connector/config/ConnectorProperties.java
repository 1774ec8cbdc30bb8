package dev.kassa.connector.config;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kassa.connector.*}: the Centra Order API endpoints per country, the write budget, and the stores
 * with their Centra warehouse, their own Order API endpoint, their Centara store and their POS key. Bound
 * from application.yaml or the environment and checked as a whole by {@link ConnectorConfig}.
 */
@ConfigurationProperties("kassa.connector")
public record ConnectorProperties(Centra centra, List<Store> stores) {

    public ConnectorProperties {
        stores = stores == null ? List.of() : stores;
    }

    public record Centra(Map<String, Endpoint> endpoints, Budget writeBudget) {
        public Centra {
            endpoints = endpoints == null ? Map.of() : endpoints;
        }
    }

    public record Endpoint(String baseUrl, String secret) {
        @Override
        public String toString() {
            return "Endpoint[" + baseUrl + ", secret=***]";
        }
    }

    public record Budget(Integer writesPer10s, Integer writesPerHour) {
    }

    public record Store(String id, String name, Long centraWarehouse, Endpoint centraEndpoint, Integer centaraStore,
                        String posApiKey) {
        @Override
        public String toString() {
            return "Store[" + id + ", " + name + ", warehouse " + centraWarehouse + ", Centara store " + centaraStore
                    + ", posApiKey=***]";
        }
    }
}
