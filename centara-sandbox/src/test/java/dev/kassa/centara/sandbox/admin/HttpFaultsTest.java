package dev.kassa.centara.sandbox.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kassa.centara.sandbox.CentaraTest;
import dev.kassa.common.testing.Http;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Centara sandbox's named HTTP faults and request journal over real HTTP (decision 0020): a status in
 * Centara's own problem details, an external order that was created while its client saw no answer, a
 * reset, and the journal naming credentials, never the token.
 */
class HttpFaultsTest extends CentaraTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The sandbox is shared with the other test classes: no fault may outlive its test. */
    @AfterEach
    void noFaultsLeft() {
        assertThat(admin("DELETE", "/sandbox/faults/http", null).status()).isEqualTo(200);
    }

    @BeforeEach
    void fresh() {
        putSampleRegistry();
        assertThat(admin("DELETE", "/sandbox/faults/http", null).status()).isEqualTo(200);
        assertThat(admin("DELETE", "/sandbox/requests", null).status()).isEqualTo(204);
    }

    private HttpResponse<String> post(String reference) throws IOException, InterruptedException {
        String body = fixture("centara-order-sample.json").replace("SHOPIFY-0001", reference);
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base() + "/api/order")).header("Authorization", "Bearer " + API_TOKEN)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long fault(String json) {
        Http.Response r = admin("POST", "/sandbox/faults/http", json);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    @Test
    void aStatusFaultAnswersWithProblemDetails() throws Exception {
        fault("{\"kind\": \"status\", \"status\": 500, \"method\": \"POST\", \"path\": \"/api/order\", \"count\": 1}");
        HttpResponse<String> r = post("FAULT-1");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(r.body()).contains("\"status\":500", "fault injected by the sandbox");
        assertThat(api("GET", "/api/order/FAULT-1", null).status()).as("nothing was created").isEqualTo(404);
        assertThat(post("FAULT-1").statusCode()).isEqualTo(200);
    }

    @Test
    void aLostAnswerCreatesTheOrderWhileTheClientSeesNoAnswer() throws Exception {
        long id = fault("{\"kind\": \"lost-answer\", \"method\": \"POST\", \"path\": \"/api/order\", \"count\": 1}");
        assertThatThrownBy(() -> post("LOST-1")).isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class);
        assertThat(api("GET", "/api/order/LOST-1", null).status()).as("the order exists").isEqualTo(200);
        assertThat(post("LOST-1").statusCode()).as("sent again: the reference is taken").isEqualTo(409);

        JsonNode calls = admin("GET", "/sandbox/requests?path=/api/order&method=POST", null).json();
        assertThat(calls.get("requests").get(0).get("fault").asString()).isEqualTo("lost-answer #" + id);
        assertThat(calls.get("requests").get(0).get("status").asInt()).isZero();
        assertThat(calls.get("requests").get(1).get("status").asInt()).isEqualTo(409);
        assertThat(calls.get("counts").get("POST /api/order").asLong()).isEqualTo(2);
        assertThat(calls.get("requests").get(0).get("credential").asString()).isEqualTo("API credentials");
        assertThat(admin("GET", "/sandbox/requests?limit=10000", null).body()).doesNotContain(API_TOKEN);
    }

    @Test
    void aResetClosesTheConnectionAndCreatesNothing() throws Exception {
        fault("{\"kind\": \"reset\", \"method\": \"POST\", \"count\": 1}");
        assertThatThrownBy(() -> post("RESET-1")).isInstanceOf(IOException.class);
        assertThat(api("GET", "/api/order/RESET-1", null).status()).isEqualTo(404);
        assertThat(admin("POST", "/sandbox/faults/http", "{\"kind\": \"reset\", \"instance\": \"order-api\"}").body())
                .as("Centara has no Order API instances").contains("instance");
    }

    @Test
    void delayHangAndEmptyResponseAsAClientMeetsThem() throws Exception {
        fault("{\"kind\": \"delay\", \"delayMillis\": 1500, \"method\": \"GET\", \"count\": 1}");
        HttpRequest get = HttpRequest.newBuilder(URI.create(base() + "/api/order/NONE")).header("Authorization", "Bearer " + API_TOKEN)
                .timeout(Duration.ofMillis(300)).build();
        assertThatThrownBy(() -> CLIENT.send(get, HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);

        fault("{\"kind\": \"hang\", \"delayMillis\": 1500, \"method\": \"POST\", \"count\": 1}");
        HttpRequest post = HttpRequest.newBuilder(URI.create(base() + "/api/order")).header("Authorization", "Bearer " + API_TOKEN)
                .header("Content-Type", "application/json").timeout(Duration.ofMillis(300))
                .POST(HttpRequest.BodyPublishers.ofString(fixture("centara-order-sample.json").replace("SHOPIFY-0001", "HANG-1"))).build();
        assertThatThrownBy(() -> CLIENT.send(post, HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);

        fault("{\"kind\": \"empty-response\", \"method\": \"POST\", \"count\": 1}");
        assertThatThrownBy(() -> post("EMPTY-1")).isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class);
        assertThat(api("GET", "/api/order/EMPTY-1", null).status()).isEqualTo(404);
        // the delayed and the hung call end after their clients gave up: wait for the journal to have them
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (admin("GET", "/sandbox/requests?path=/api/", null).json().get("requests").size() < 4 && System.nanoTime() < until) {
            Thread.sleep(20); // polling for the calls to end, not waiting out a deadline
        }
        assertThat(api("GET", "/api/order/HANG-1", null).status()).as("a hung call is never served").isEqualTo(404);
    }

    @Test
    void bodiesAreKeptOnlyWhenAsked() throws Exception {
        assertThat(post("QUIET-1").statusCode()).isEqualTo(200);
        assertThat(admin("GET", "/sandbox/requests?method=POST&path=/api/", null).json().get("requests").get(0).has("requestBody"))
                .isFalse();
        assertThat(admin("PUT", "/sandbox/requests/bodies", "{\"bodies\": true}").status()).isEqualTo(200);
        try {
            assertThat(post("LOUD-1").statusCode()).isEqualTo(200);
            JsonNode loud = admin("GET", "/sandbox/requests?method=POST&path=/api/", null).json().get("requests").get(1);
            assertThat(loud.get("requestBody").asString()).contains("LOUD-1");
            assertThat(loud.get("responseBody").asString()).contains("OrderId");
        } finally {
            admin("PUT", "/sandbox/requests/bodies", "{\"bodies\": false}");
        }
        assertThat(admin("PUT", "/sandbox/requests/bodies", "{}").status()).isEqualTo(400);
    }
}
