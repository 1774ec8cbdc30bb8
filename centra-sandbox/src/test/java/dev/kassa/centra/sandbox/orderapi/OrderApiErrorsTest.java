package dev.kassa.centra.sandbox.orderapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centra.sandbox.Datasets;
import dev.kassa.centra.sandbox.SandboxTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Bad input gets the documented error, writes nothing, and the server goes on serving (§13.2). */
class OrderApiErrorsTest extends SandboxTest {

    private JsonNode before;

    @BeforeEach
    void load() {
        putState(Datasets.GOLDEN);
        before = state();
    }

    @AfterEach
    void nothingWasWrittenAndTheServerStillServes() {
        assertThat(state()).isEqualTo(before);
        assertThat(stockOf("order-api", "s3cret", "5901144123590")).containsExactly(499, 7, 492);
    }

    private void assertNo(Response r, int status, String msgContains) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("status").asString()).isEqualTo("no");
        assertThat(r.json().get("msg").asString()).contains(msgContains);
    }

    @Test
    void missingKeyIs401() {
        assertNo(orderApi("GET", "/api/order-api/products", null, null), 401, "unauthorized");
        assertNo(orderApi("POST", "/api/order-api/stock", null, "{\"products\":[{\"product\":\"5901144123590\",\"quantity\":1}]}"),
                401, "unauthorized");
    }

    @Test
    void wrongKeyIs401AndAnotherInstancesKeyIsWrongToo() {
        assertNo(orderApi("GET", "/api/order-api/stock", "nope", null), 401, "unauthorized");
        assertNo(orderApi("POST", "/api/order-api/stock", "se-secret",
                "{\"products\":[{\"product\":\"5901144123590\",\"quantity\":1}]}"), 401, "unauthorized");
    }

    @Test
    void endpointNotAllowedForTheInstanceIs403NotAllowed() {
        Response r = orderApi("POST", "/api/read-only/stock", "ro-secret",
                "{\"products\":[{\"product\":\"5901144123590\",\"quantity\":1}]}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json()).isEqualTo(JSON.readTree("{\"status\":\"Not Allowed\"}"));
        assertThat(orderApi("GET", "/api/read-only/stock?ean=5901144123590", "ro-secret", null).status()).isEqualTo(200);
    }

    @Test
    void unknownInstanceAndUnknownPathAre404InTheEnvelope() {
        assertNo(orderApi("GET", "/api/nobody/products", "s3cret", null), 404, "no Order API is installed at /api/nobody");
        assertNo(orderApi("GET", "/api/order-api/nothing-here", "s3cret", null), 404, "no such endpoint");
        assertNo(orderApi("DELETE", "/api/order-api/stock", "s3cret", null), 404, "no such endpoint");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON | {\"products\": [ | not valid JSON",
            "empty body | '' | empty",
            "body is an array | [] | JSON object",
            "products missing | {} | products is required",
            "products not an array | {\"products\": {\"product\": \"5901144123590\"}} | products must be an array",
            "line not an object | {\"products\": [5]} | products[0] must be an object",
            "product missing | {\"products\": [{\"quantity\": 1}]} | products[0].product is required",
            "product blank | {\"products\": [{\"product\": \" \", \"quantity\": 1}]} | products[0].product must not be empty",
            "product of wrong type | {\"products\": [{\"product\": {\"ean\": 1}, \"quantity\": 1}]} | products[0].product must be a string",
            "quantity missing | {\"products\": [{\"product\": \"5901144123590\"}]} | products[0].quantity is required",
            "quantity not a number | {\"products\": [{\"product\": \"5901144123590\", \"quantity\": \"many\"}]} | products[0].quantity must be a number",
            "quantity fractional | {\"products\": [{\"product\": \"5901144123590\", \"quantity\": 1.5}]} | products[0].quantity must be a whole number",
            "quantity negative | {\"products\": [{\"product\": \"5901144123590\", \"quantity\": -1}]} | products[0].quantity must not be negative",
            "quantity boolean | {\"products\": [{\"product\": \"5901144123590\", \"quantity\": true}]} | products[0].quantity must be a number",
            "cost price not a number | {\"products\": [{\"product\": \"5901144123590\", \"quantity\": 1, \"costPrice\": \"cheap\"}]} | products[0].costPrice must be a number",
            "currency not ISO | {\"products\": [{\"product\": \"5901144123590\", \"quantity\": 1, \"costPriceCurrency\": \"kronor\"}]} | products[0].costPriceCurrency must be an ISO 4217 code",
    })
    void badBodiesAre400NamingTheFieldAndWriteNothing(String name, String body, String message) {
        assertNo(orderApi("POST", "/api/order-api/stock", "s3cret", body), 400, message);
    }

    @Test
    void aBadLineAfterGoodOnesWritesNothingAtAll() {
        assertNo(orderApi("POST", "/api/order-api/stock", "s3cret", """
                {"products":[{"product":"5901144123590","quantity":1},
                             {"product":"5901144123606","quantity":"x"}]}"""), 400, "products[1].quantity");
    }

    @Test
    void bodiesOverTenMebibytesAre413() {
        StringBuilder huge = new StringBuilder("{\"products\":[");
        String line = "{\"product\":\"5901144123590\",\"quantity\":1},";
        while (huge.length() < OrderApiGuard.MAX_BODY_BYTES + 1000) {
            huge.append(line);
        }
        huge.append("{\"product\":\"5901144123590\",\"quantity\":1}]}");
        Response r = orderApi("POST", "/api/order-api/stock", "s3cret", huge.toString());
        assertNo(r, 413, "larger than");
    }

    @ParameterizedTest
    @CsvSource({"limit,abc", "limit,0", "page,-1", "productId,x", "modified,yesterday", "created,2024-13-45"})
    void badQueryParametersAre400NamingTheParameter(String name, String value) {
        assertNo(orderApi("GET", "/api/order-api/products?" + name + "=" + value, "s3cret", null), 400, name);
    }

    @Test
    void xmlIsRefusedClearly() {
        assertNo(orderApi("GET", "/api/order-api/products?xml=1", "s3cret", null), 400, "xml");
    }
}
