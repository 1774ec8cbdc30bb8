package dev.kassa.connector.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centra.sandbox.integrationapi.Tokens;
import dev.kassa.common.testing.Http;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link StockPropertyTest}'s promise with stock through Centra's Integration API: the same interleavings,
 * duplicates, two writers at once, and calls to {@code /graphql} refused before they did anything or
 * answered into the void after Centra applied them; Centra ends with exactly what the transactions say.
 * It runs at a store of its own (the Central warehouse, Centara store 4), so that its transactions, dated
 * on the same days as the Order API run's, are not the same store's history.
 */
class StockPropertyOnIntegrationApiTest extends StockPropertyTest {

    @DynamicPropertySource
    static void integrationApi(DynamicPropertyRegistry registry) {
        onIntegrationApi(registry);
        registry.add("kassa.connector.stores[3].id", () -> "central");
        registry.add("kassa.connector.stores[3].name", () -> "Central shop");
        registry.add("kassa.connector.stores[3].country", () -> "se");
        registry.add("kassa.connector.stores[3].centra-warehouse", () -> "1");
        registry.add("kassa.connector.stores[3].centara-store", () -> "4");
        registry.add("kassa.connector.stores[3].pos-api-key", () -> KEY);
        registry.add("kassa.connector.stores[3].centra-endpoint.base-url", () -> CENTRA.endpoint("order-api-se"));
        registry.add("kassa.connector.stores[3].centra-endpoint.secret", () -> "demo-se-secret");
    }

    private static final String KEY = "pos-key-central-00004";

    @Override
    protected String store() {
        return "central";
    }

    @Override
    protected String key() {
        return KEY;
    }

    @Override
    protected int centaraStore() {
        return 4;
    }

    private static JsonNode graphql(String query) {
        Http.Response r = Http.send("POST", CENTRA.base() + "/graphql", Map.of("Authorization", "Bearer " + Tokens.DEMO,
                "Content-Type", "application/json"), "{\"query\": \"" + query.replace("\"", "\\\"") + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().has("errors")).as(r.body()).isFalse();
        return r.json().get("data");
    }

    @Override
    protected void setPhysical(Item item, int quantity) {
        graphql("mutation { setStock(input: {warehouse: {id: 1}, description: \"test\", stockQuantityType: PHYSICAL,"
                + " productSizes: [{productSize: {id: " + item.stockItemId() + "}, quantity: " + quantity + "}]}) { userErrors { message } } }");
    }

    @Override
    protected int physical(Item item) {
        return graphql("{ warehouse(id: 1) { stock(where: {productSizeId: [" + item.stockItemId() + "]}) { physicalQuantity } } }")
                .get("warehouse").get("stock").get(0).get("physicalQuantity").asInt();
    }

    @org.junit.jupiter.api.BeforeAll
    static void unlimited() {
        centraPlan("off");
    }

    @org.junit.jupiter.api.AfterAll
    static void growthAgain() {
        centraPlan("growth");
    }

    @Override
    protected String faultsAim() {
        return "\"path\": \"/graphql\"";
    }

    @Override
    protected boolean readBackSeen() {
        return false; // the faults hit reads as well as writes here: which seed loses a write's answer is not fixed
    }
}
