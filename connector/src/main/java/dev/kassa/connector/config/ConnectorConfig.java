package dev.kassa.connector.config;

import dev.kassa.centra.api.CentraEndpoint;
import dev.kassa.centra.api.WriteBudget;
import dev.kassa.common.web.Secrets;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The checked configuration. Every problem is collected and the connector refuses to start with all of
 * them listed by property path; secrets are never part of a message.
 */
@Component
public class ConnectorConfig {

    /** A configured store, ready to use. */
    public record Store(String id, String name, long centraWarehouse, CentraEndpoint centraEndpoint, int centaraStore,
                        String posApiKey) {
        @Override
        public String toString() {
            return "Store[" + id + ", " + name + "]";
        }
    }

    /** The configuration could not be used; the message lists every problem. */
    public static final class InvalidConfiguration extends IllegalStateException {
        InvalidConfiguration(List<String> problems) {
            super("The connector configuration has " + problems.size() + " problem(s):\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    private final Map<String, CentraEndpoint> endpoints;
    private final List<Store> stores;
    private final List<WriteBudget.Limit> budget;

    public ConnectorConfig(ConnectorProperties p) {
        List<String> problems = new ArrayList<>();
        Map<String, CentraEndpoint> endpoints = new java.util.LinkedHashMap<>();
        ConnectorProperties.Centra centra = p.centra() == null ? new ConnectorProperties.Centra(null, null) : p.centra();
        centra.endpoints().forEach((country, e) ->
                endpoint("kassa.connector.centra.endpoints." + country, e, problems).ifPresent(ok -> endpoints.put(country, ok)));
        ConnectorProperties.Budget b = centra.writeBudget();
        int per10s = b == null || b.writesPer10s() == null ? 20 : b.writesPer10s();
        int perHour = b == null || b.writesPerHour() == null ? 1800 : b.writesPerHour();
        if (per10s < 1) {
            problems.add("kassa.connector.centra.write-budget.writes-per-10s: must be at least 1, got " + per10s);
        }
        if (perHour < 1) {
            problems.add("kassa.connector.centra.write-budget.writes-per-hour: must be at least 1, got " + perHour);
        }
        List<Store> stores = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<Integer> centaraStores = new HashSet<>();
        Set<Long> warehouses = new HashSet<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < p.stores().size(); i++) {
            ConnectorProperties.Store s = p.stores().get(i);
            String path = "kassa.connector.stores[" + i + "]";
            int before = problems.size();
            if (blank(s.id()) || !s.id().matches("[a-z0-9][a-z0-9-]{0,39}")) {
                problems.add(path + ".id: is required: lower-case letters, digits and dashes, at most 40, got '" + s.id() + "'");
            } else if (!ids.add(s.id())) {
                problems.add(path + ".id: store '" + s.id() + "' is configured twice");
            }
            if (blank(s.name())) {
                problems.add(path + ".name: is required");
            }
            if (s.centraWarehouse() == null || s.centraWarehouse() < 1) {
                problems.add(path + ".centra-warehouse: is required: the Centra warehouse id of the store");
            } else if (!warehouses.add(s.centraWarehouse())) {
                problems.add(path + ".centra-warehouse: warehouse " + s.centraWarehouse() + " belongs to another store too");
            }
            Optional<CentraEndpoint> endpoint = endpoint(path + ".centra-endpoint", s.centraEndpoint(), problems);
            if (s.centaraStore() == null || s.centaraStore() < 1) {
                problems.add(path + ".centara-store: is required: the Centara StoreId");
            } else if (!centaraStores.add(s.centaraStore())) {
                problems.add(path + ".centara-store: Centara store " + s.centaraStore() + " belongs to another store too");
            }
            if (blank(s.posApiKey()) || s.posApiKey().length() < 16) {
                problems.add(path + ".pos-api-key: is required and must be at least 16 characters");
            } else if (keys.stream().anyMatch(k -> Secrets.constantTimeEquals(k, s.posApiKey()))) {
                problems.add(path + ".pos-api-key: another store has the same key");
            } else {
                keys.add(s.posApiKey());
            }
            if (problems.size() == before) {
                stores.add(new Store(s.id(), s.name(), s.centraWarehouse(), endpoint.orElseThrow(), s.centaraStore(),
                        s.posApiKey()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfiguration(problems);
        }
        this.endpoints = Map.copyOf(endpoints);
        this.stores = List.copyOf(stores);
        this.budget = List.of(new WriteBudget.Limit(per10s, Duration.ofSeconds(10)),
                new WriteBudget.Limit(perHour, Duration.ofHours(1)));
    }

    public List<Store> stores() {
        return stores;
    }

    public Map<String, CentraEndpoint> endpoints() {
        return endpoints;
    }

    public List<WriteBudget.Limit> writeBudget() {
        return budget;
    }

    /** The store whose POS key this is, compared in constant time against every store. */
    public Optional<Store> storeWithKey(String key) {
        Store found = null;
        for (Store s : stores) {
            if (Secrets.constantTimeEquals(key, s.posApiKey())) {
                found = s;
            }
        }
        return Optional.ofNullable(found);
    }

    private static Optional<CentraEndpoint> endpoint(String path, ConnectorProperties.Endpoint e, List<String> problems) {
        if (e == null) {
            problems.add(path + ": is required (base-url and secret)");
            return Optional.empty();
        }
        if (blank(e.secret())) {
            problems.add(path + ".secret: is required");
        }
        try {
            URI uri = URI.create(e.baseUrl() == null ? "" : e.baseUrl().trim());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return blank(e.secret()) ? Optional.empty() : Optional.of(new CentraEndpoint(uri, e.secret()));
        } catch (IllegalArgumentException ex) {
            problems.add(path + ".base-url: must be an http(s) URL such as https://shop.centra.com/api/order-api, got '"
                    + e.baseUrl() + "'");
            return Optional.empty();
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
