package dev.kassa.centra.sandbox.integrationapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centra.sandbox.Datasets;
import dev.kassa.centra.sandbox.SandboxTest;
import dev.kassa.common.testing.Http;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Centra's Integration API in the sandbox, over real HTTP: stock per warehouse and size, setStock and
 * changeStock on the same ledger as the Order API, tokens and their permissions, and the rate limits.
 */
class IntegrationApiTest extends SandboxTest {

    private static final String SIZE_M = "5901144123590"; // item 201: warehouse 1 499/7, warehouse 2 10/2

    @BeforeEach
    void load() {
        putState(Datasets.GOLDEN);
        assertThat(admin("PUT", "/sandbox/integration-api", "{\"plan\": \"growth\"}").status()).isEqualTo(200);
    }

    private Response gql(String token, String query, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        Http.Response r = Http.send("POST", base() + "/graphql", token == null ? Map.of("Content-Type", "application/json")
                : Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"), JSON.writeValueAsString(body));
        return new Response(r.status(), r.body(), r.raw());
    }

    private JsonNode ok(String token, String query, Map<String, Object> variables) {
        Response r = gql(token, query, variables);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private int[] stock(int warehouse, int size) {
        JsonNode s = ok(STOCK_TOKEN, """
                query($w: Int!, $s: Int!) { warehouse(id: $w) { stock(where: {productSizeId: [$s]}) {
                  physicalQuantity allocatedQuantity freeToAllocateQuantity } } }""", Map.of("w", warehouse, "s", size))
                .get("data").get("warehouse").get("stock");
        assertThat(s.size()).isEqualTo(1);
        return new int[]{s.get(0).get("physicalQuantity").asInt(), s.get(0).get("allocatedQuantity").asInt(),
                s.get(0).get("freeToAllocateQuantity").asInt()};
    }

    private static final String SET = """
            mutation($input: StockSetInput!) { setStock(input: $input) {
              userErrors { message path } userWarnings { message path } } }""";

    private static Map<String, Object> set(int warehouse, String type, List<Map<String, Object>> sizes) {
        return Map.of("input", Map.of("warehouse", Map.of("id", warehouse), "description", "till sales",
                "stockQuantityType", type, "productSizes", sizes));
    }

    private static Map<String, Object> size(String key, Object value, int quantity) {
        return Map.of("productSize", Map.of(key, value), "quantity", quantity);
    }

    @Test
    void stockIsReadPerWarehouseAndSizeAndOneLedgerServesBothApis() {
        JsonNode answer = ok(STOCK_TOKEN, """
                { warehouses { id name stock(where: {productSizeId: [201, 202]}) {
                    productSize { id EAN } physicalQuantity allocatedQuantity freeToAllocateQuantity } } }""", null);
        JsonNode central = answer.get("data").get("warehouses").get(0);
        assertThat(central.get("name").asString()).isEqualTo("Central");
        assertThat(central.get("stock").get(0).get("productSize").get("EAN").asString()).isEqualTo(SIZE_M);
        assertThat(central.get("stock").get(0).get("physicalQuantity").asInt()).isEqualTo(499);
        assertThat(central.get("stock").get(0).get("freeToAllocateQuantity").asInt()).isEqualTo(492);
        assertThat(answer.get("extensions").get("permissionsUsed")).extracting(JsonNode::asString)
                .containsExactlyInAnyOrder("Warehouse:read", "Warehouse.stock:read", "ProductSize:read");
        assertThat(answer.get("extensions").get("complexity").asLong()).isPositive();

        JsonNode written = ok(STOCK_TOKEN, SET, set(1, "PHYSICAL", List.of(size("EAN", SIZE_M, 300), size("id", 202, 15))));
        assertThat(written.get("data").get("setStock").get("userErrors")).isEmpty();
        assertThat(stockOf("order-api", "s3cret", SIZE_M)[0]).as("the Order API sees the GraphQL write").isEqualTo(300);
        assertThat(stock(1, 202)[0]).isEqualTo(15);
        assertThat(stock(2, 201)).as("another warehouse untouched").containsExactly(10, 2, 8);

        orderApi("POST", "/api/order-api/stock", "s3cret", "{\"products\":[{\"product\":\"" + SIZE_M + "\",\"quantity\":250}]}");
        assertThat(stock(1, 201)[0]).as("GraphQL sees the Order API's write").isEqualTo(250);
    }

    @Test
    void belowAllocatedIsRaisedWithAWarningAndFreeToAllocateAddsTheAllocated() {
        JsonNode r = ok(STOCK_TOKEN, SET, set(1, "PHYSICAL", List.of(size("id", 201, 3)))).get("data").get("setStock");
        assertThat(r.get("userWarnings").get(0).get("message").asString()).contains("raised to 7");
        assertThat(stock(1, 201)).containsExactly(7, 7, 0);
        ok(STOCK_TOKEN, SET, set(1, "FREE_TO_ALLOCATE", List.of(size("SKU", "POSBLUM", 10))));
        assertThat(stock(1, 201)).containsExactly(17, 7, 10);
    }

    @Test
    void aCallWithAnyUserErrorWritesNothingAndSaysWhere() {
        JsonNode r = ok(STOCK_TOKEN, SET, set(1, "PHYSICAL", List.of(size("id", 201, 40), size("EAN", "0000000000000", 5),
                size("id", 202, -1)))).get("data").get("setStock");
        assertThat(r.get("userErrors")).hasSize(2);
        assertThat(r.get("userErrors").get(0).get("path")).extracting(JsonNode::asString)
                .containsExactly("input", "productSizes", "1", "productSize");
        assertThat(r.get("userErrors").get(1).get("message").asString()).contains("greater or equal to 0");
        assertThat(stock(1, 201)[0]).as("nothing half-written").isEqualTo(499);

        JsonNode unknown = ok(STOCK_TOKEN, SET, set(99, "PHYSICAL", List.of(size("id", 201, 1)))).get("data").get("setStock");
        assertThat(unknown.get("userErrors").get(0).get("message").asString()).isEqualTo("Warehouse not found");

        Response wrongType = gql(STOCK_TOKEN, SET, Map.of("input", Map.of("warehouse", Map.of("id", 1), "description", "x",
                "stockQuantityType", "PHYSICAL", "productSizes", List.of(Map.of("productSize", Map.of("id", 201), "quantity", "ten")))));
        assertThat(wrongType.json().get("errors").get(0).get("message").asString()).as("GraphQL's own refusal of the value")
                .contains("'input'", "Int");
        assertThat(stock(1, 201)[0]).isEqualTo(499);

        Response tooMany = gql(STOCK_TOKEN, "{ warehouses(limit: 500) { id } }", null);
        assertThat(tooMany.json().get("errors").get(0).get("message").asString()).isEqualTo("Limit must be in range 1 - 200");
    }

    @Test
    void changeStockAddsRemovesAndMovesWithinWhatIsFree() {
        String change = """
                mutation($input: StockChangeInput!) { changeStock(input: $input) {
                  stockChange { id lines { productSize { id } deliveredQuantity } } userErrors { message path } } }""";
        JsonNode added = ok(STOCK_TOKEN, change, Map.of("input", Map.of("intoWarehouse", Map.of("id", 1), "description", "delivery",
                "productSizes", List.of(Map.of("productSize", Map.of("id", 201), "deliveredQuantity", 5)))));
        assertThat(added.get("data").get("changeStock").get("stockChange").get("lines").get(0).get("deliveredQuantity").asInt()).isEqualTo(5);
        assertThat(stock(1, 201)[0]).isEqualTo(504);
        ok(STOCK_TOKEN, change, Map.of("input", Map.of("outFromWarehouse", Map.of("id", 1), "intoWarehouse", Map.of("name", "Store Stockholm"),
                "description", "transfer", "productSizes", List.of(Map.of("productSize", Map.of("id", 201), "deliveredQuantity", 4)))));
        assertThat(stock(1, 201)[0]).isEqualTo(500);
        assertThat(stock(2, 201)[0]).isEqualTo(14);
        JsonNode tooMuch = ok(STOCK_TOKEN, change, Map.of("input", Map.of("outFromWarehouse", Map.of("id", 2), "description", "x",
                "productSizes", List.of(Map.of("productSize", Map.of("id", 201), "deliveredQuantity", 13)))));
        assertThat(tooMuch.get("data").get("changeStock").get("userErrors").get(0).get("message").asString()).contains("Only 12");
        assertThat(stock(2, 201)[0]).isEqualTo(14);
    }

    @Test
    void aTokenIsNeededAndOneWithoutAPermissionIsRefusedThatField() {
        assertThat(gql(null, "{ warehouses { id } }", null).status()).isEqualTo(401);
        assertThat(gql("not-a-token", "{ warehouses { id } }", null).status()).isEqualTo(401);
        Response refused = gql(READER_TOKEN, SET, set(1, "PHYSICAL", List.of(size("id", 201, 1))));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.json().get("errors").get(0).get("message").asString()).contains("StockChange:write");
        assertThat(refused.json().get("data").isNull()).isTrue();
        assertThat(stock(1, 201)[0]).isEqualTo(499);
        Response noSizes = gql(READER_TOKEN, "{ warehouse(id: 1) { stock(limit: 1) { productSize { id } } } }", null);
        assertThat(noSizes.json().get("errors").get(0).get("message").asString()).contains("ProductSize:read");
    }

    @Test
    void mutationsBeyondTheBudgetAre429WithAMomentToRetryAtAndRateLimitsShowsTheWindows() {
        // the sandbox clock runs: the bucket refills 2 points a second while the calls go out
        long started = System.nanoTime();
        int accepted = 0;
        Response over = null;
        while (accepted < 200) {
            Response r = gql(STOCK_TOKEN, SET, set(1, "PHYSICAL", List.of(size("id", 201, 100 + accepted))));
            if (r.status() == 429) {
                over = r;
                break;
            }
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            accepted++;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(over).as("a 429 once the 10 s window's 20 mutations are spent").isNotNull();
        assertThat(accepted).isBetween(20, 20 + (int) Math.ceil(seconds * 2) + 1);
        int last = 100 + accepted - 1;
        String retryAfter = over.raw().headers().firstValue("Retry-After").orElseThrow();
        Instant at = ZonedDateTime.parse(retryAfter, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Instant now = Instant.parse(admin("GET", "/sandbox/clock", null).json().get("now").asString());
        assertThat(Duration.between(now, at)).as("a point comes back every 0.5 s (whole seconds, rounded up)")
                .isBetween(Duration.ofSeconds(-1), Duration.ofSeconds(2));
        assertThat(stock(1, 201)[0]).as("refused whole").isEqualTo(last);

        JsonNode windows = ok(STOCK_TOKEN, "{ rateLimits(where: {type: [MUTATION]}) { type intervalSeconds quota usedQuota remainingQuota } }",
                null).get("data").get("rateLimits");
        assertThat(windows).hasSize(2);
        assertThat(windows.get(0).get("intervalSeconds").asString()).isEqualTo("TEN_SECONDS");
        assertThat(windows.get(0).get("quota").asInt()).isEqualTo(20);
        // both windows refill while the test goes on (2 and 0.5 points a second): bounds from the time gone by
        double sinceStart = (System.nanoTime() - started) / 1e9;
        double since429 = sinceStart - seconds;
        assertThat(windows.get(0).get("remainingQuota").asInt()).isBetween(0, (int) Math.ceil(since429 * 2) + 1);
        assertThat(windows.get(1).get("usedQuota").asInt()).as("the hour's window, refilling 0.5 a second")
                .isBetween(accepted - (int) Math.ceil(sinceStart / 2) - 1, accepted);

        admin("POST", "/sandbox/clock/advance", "{\"seconds\": 2}");
        assertThat(gql(STOCK_TOKEN, SET, set(1, "PHYSICAL", List.of(size("id", 201, 1)))).status()).isEqualTo(200);
        assertThat(admin("PUT", "/sandbox/integration-api", "{\"plan\": \"nope\"}").status()).isEqualTo(400);
    }
}
