package dev.kassa.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centra.sandbox.CentraSandboxApplication;
import dev.kassa.common.testing.Http;
import dev.kassa.common.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real Centra sandbox with the demo retailer, in this JVM on a random port, for the connector's tests:
 * the connector talks to it over HTTP exactly as it would to Centra. Stockholm's endpoint writes warehouse 2,
 * Göteborg's warehouse 3.
 */
public final class CentraSandbox implements AutoCloseable {

    public static final String ADMIN = "centra-admin-token";
    public static final String STOCKHOLM_SECRET = "demo-stockholm-secret";
    public static final String GOTEBORG_SECRET = "demo-goteborg-secret";
    public static final String BERLIN_SECRET = "demo-berlin-secret";

    private final ConfigurableApplicationContext context;
    private final String base;

    private CentraSandbox(ConfigurableApplicationContext context) {
        this.context = context;
        this.base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    public static CentraSandbox start() {
        List<String> args = new ArrayList<>(List.of(TestDatabase.fresh().asArgs()));
        args.addAll(List.of("--server.port=0", "--kassa.sandbox.admin-token=" + ADMIN, "--kassa.sandbox.seed=demo",
                "--logging.level.root=WARN"));
        return new CentraSandbox(new SpringApplicationBuilder(CentraSandboxApplication.class).run(args.toArray(String[]::new)));
    }

    public String base() {
        return base;
    }

    public String endpoint(String uri) {
        return base + "/api/" + uri;
    }

    /** The properties that point a connector at this sandbox: country se, stores stockholm (1) and goteborg (2). */
    public Map<String, String> connectorProperties() {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("kassa.connector.centra.endpoints.se.base-url", endpoint("order-api-se"));
        p.put("kassa.connector.centra.endpoints.se.secret", "demo-se-secret");
        p.put("kassa.connector.centra.endpoints.se.pricelist", "SEK");
        p.put("kassa.connector.stores[0].centra-endpoint.base-url", endpoint("store-stockholm"));
        p.put("kassa.connector.stores[0].centra-endpoint.secret", STOCKHOLM_SECRET);
        p.put("kassa.connector.stores[1].centra-endpoint.base-url", endpoint("store-goteborg"));
        p.put("kassa.connector.stores[1].centra-endpoint.secret", GOTEBORG_SECRET);
        return p;
    }

    /**
     * {@link #connectorProperties()} plus the two demo stores as the connector's stores 0 (Stockholm,
     * warehouse 2, Centara store 1) and 1 (Göteborg, warehouse 3, Centara store 2) with these POS keys.
     */
    public Map<String, String> connectorPropertiesWithStores(String stockholmKey, String goteborgKey) {
        Map<String, String> p = connectorProperties();
        String[][] stores = {{"stockholm", "Store Stockholm", "2", "1", stockholmKey}, {"goteborg", "Store Göteborg", "3", "2", goteborgKey}};
        for (int i = 0; i < stores.length; i++) {
            String k = "kassa.connector.stores[" + i + "].";
            p.put(k + "id", stores[i][0]);
            p.put(k + "name", stores[i][1]);
            p.put(k + "country", "se");
            p.put(k + "centra-warehouse", stores[i][2]);
            p.put(k + "centara-store", stores[i][3]);
            p.put(k + "pos-api-key", stores[i][4]);
        }
        return p;
    }

    /** GET stock through a store's endpoint: the item's row (physicalStock, allocatedStock, …). */
    public JsonNode stock(String secret, String uri, String ean) {
        Http.Response r = Http.send("GET", endpoint(uri) + "/stock?ean=" + ean, Map.of("API-Authorization", secret), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("products").get(0);
    }

    public int physical(String ean) {
        return physical("stockholm", ean);
    }

    /** Physical stock of an item in a store's warehouse (store stockholm, goteborg or berlin), read directly. */
    public int physical(String store, String ean) {
        return stock(secret(store), "store-" + store, ean).get("physicalStock").asInt();
    }

    /** Sets Stockholm's physical stock of an item, as someone in Centra's admin would. */
    public void setPhysical(String ean, int quantity) {
        setPhysical("stockholm", ean, quantity);
    }

    public void setPhysical(String store, String ean, int quantity) {
        Http.Response r = Http.send("POST", endpoint("store-" + store) + "/stock", Map.of("API-Authorization", secret(store)),
                "{\"products\": [{\"product\": \"" + ean + "\", \"quantity\": " + quantity + "}]}");
        assertThat(r.body()).contains("\"ok\"");
    }

    public static String secret(String store) {
        return switch (store) {
            case "stockholm" -> STOCKHOLM_SECRET;
            case "goteborg" -> GOTEBORG_SECRET;
            case "berlin" -> BERLIN_SECRET;
            default -> throw new IllegalArgumentException(store);
        };
    }

    /** Sets physical and allocated stock of one stock item in one warehouse, through the admin state. */
    public void setStock(long stockItemId, long warehouse, int physical, int allocated) {
        JsonNode state = admin("GET", "/sandbox/state", null).json();
        boolean found = false;
        for (JsonNode product : state.get("products")) {
            for (JsonNode variant : product.path("variants")) {
                for (JsonNode size : variant.path("sizes")) {
                    if (size.path("stockItemId").asLong() == stockItemId) {
                        found = true;
                        boolean inWarehouse = false;
                        for (JsonNode s : size.path("stock")) {
                            if (s.path("warehouse").asLong() == warehouse) {
                                ((ObjectNode) s).put("physical", physical).put("allocated", allocated);
                                inWarehouse = true;
                            }
                        }
                        if (!inWarehouse) {
                            ((tools.jackson.databind.node.ArrayNode) size.get("stock")).addObject()
                                    .put("warehouse", warehouse).put("physical", physical).put("allocated", allocated);
                        }
                    }
                }
            }
        }
        assertThat(found).as("stock item " + stockItemId).isTrue();
        Http.Response r = admin("PUT", "/sandbox/state", state.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    public Http.Response admin(String method, String path, String body) {
        return Http.send(method, base + path, Map.of("Authorization", "Bearer " + ADMIN), body);
    }

    /** Adds a named HTTP fault to the sandbox (decision 0020, e.g. {@code {"kind": "lost-answer", …}}); its id. */
    public long fault(String json) {
        Http.Response r = admin("POST", "/sandbox/faults/http", json);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    /** How many calls the fault with this id has hit (0 once it is removed). */
    public int hits(long faultId) {
        for (tools.jackson.databind.JsonNode f : admin("GET", "/sandbox/faults/http", null).json().get("faults")) {
            if (f.get("id").asLong() == faultId) {
                return f.get("hits").asInt();
            }
        }
        return 0;
    }

    /** Clears every HTTP fault. */
    public void calm() {
        assertThat(admin("DELETE", "/sandbox/faults/http", null).status()).isEqualTo(200);
    }

    @Override
    public void close() {
        context.close();
    }
}
