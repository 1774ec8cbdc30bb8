package dev.kassa.centra.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kassa.centra.sandbox.Datasets;
import dev.kassa.centra.sandbox.SandboxTest;
import dev.kassa.centra.sandbox.state.Settings;
import dev.kassa.common.sandbox.traffic.HttpFaults;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The Centra sandbox's named HTTP faults and request journal over real HTTP (decision 0020): each kind of
 * fault as a client meets it, lost-answer with its effect in Centra's state, the journal's counts against a
 * client's own count under concurrency, its filters, credentials by name, and the rate limit's decisions.
 */
class HttpFaultsTest extends SandboxTest {

    private static final String EAN = "5901144123590";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The sandbox is shared with the other test classes: no fault may outlive its test. */
    @AfterEach
    void noFaultsLeft() {
        assertThat(admin("DELETE", "/sandbox/faults/http", null).status()).isEqualTo(200);
        assertThat(admin("PUT", "/sandbox/faults", "{\"webhooks\": []}").status()).isEqualTo(200);
    }

    @Autowired
    private Settings settings;
    @Autowired
    private dev.kassa.common.sandbox.traffic.SandboxTraffic.Vendor vendor;

    @BeforeEach
    void fresh() {
        putState(Datasets.GOLDEN);
        assertThat(admin("DELETE", "/sandbox/faults/http", null).status()).isEqualTo(200);
        assertThat(admin("PUT", "/sandbox/faults", "{\"webhooks\": []}").status()).isEqualTo(200);
        assertThat(admin("DELETE", "/sandbox/requests", null).status()).isEqualTo(204);
    }

    private long fault(String json) {
        Response r = admin("POST", "/sandbox/faults/http", json);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private HttpResponse<String> raw(String method, String path, String body, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).header("API-Authorization", "se-secret")
                .timeout(timeout).method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return CLIENT.send(b.header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String setStock(int quantity) {
        return "{\"products\": [{\"product\": \"" + EAN + "\", \"quantity\": " + quantity + "}]}";
    }

    private int physical() {
        return getOk("/api/sweden/stock?ean=" + EAN, "se-secret").get("products").get(0).get("physicalStock").asInt();
    }

    private JsonNode journal(String query) {
        Response r = admin("GET", "/sandbox/requests" + query, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void aStatusFaultAnswersWithCentrasEnvelopeAsOftenAsItsCountSays() throws Exception {
        long id = fault("{\"kind\": \"status\", \"status\": 503, \"method\": \"post\", \"path\": \"/api/*/stock\", \"count\": 1}");

        HttpResponse<String> first = raw("POST", "/api/sweden/stock", setStock(300), Duration.ofSeconds(5));
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.headers().firstValue("Retry-After")).contains("1");
        assertThat(JSON.readTree(first.body()).get("status").asString()).isEqualTo("no");
        assertThat(physical()).as("the faulted call did nothing").isEqualTo(499);
        assertThat(raw("POST", "/api/sweden/stock", setStock(300), Duration.ofSeconds(5)).statusCode()).as("spent").isEqualTo(200);
        assertThat(physical()).isEqualTo(300);

        JsonNode listed = admin("GET", "/sandbox/faults/http", null).json().get("faults").get(0);
        assertThat(listed.get("id").asLong()).isEqualTo(id);
        assertThat(listed.get("hits").asInt()).isEqualTo(1);
        JsonNode faulted = journal("?status=503").get("requests");
        assertThat(faulted).hasSize(1);
        assertThat(faulted.get(0).get("fault").asString()).isEqualTo("status #" + id);
        assertThat(faulted.get(0).get("method").asString()).isEqualTo("POST");
        assertThat(faulted.get(0).get("credential").asString()).isEqualTo("Order API sweden");
    }

    @Test
    void aLostAnswerTakesEffectWhileTheClientSeesNoAnswer() throws Exception {
        long id = fault("{\"kind\": \"lost-answer\", \"instance\": \"sweden\", \"method\": \"POST\", \"count\": 1}");

        assertThatThrownBy(() -> raw("POST", "/api/sweden/stock", setStock(42), Duration.ofSeconds(10)))
                .isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class);
        assertThat(physical()).as("the write happened").isEqualTo(42);

        JsonNode lost = journal("?method=POST&path=/api/").get("requests").get(0);
        assertThat(lost.get("status").asInt()).as("no answer was sent").isZero();
        assertThat(lost.get("fault").asString()).isEqualTo("lost-answer #" + id);
        assertThat(lost.get("note").asString()).contains("answered 200", "never sent");
        assertThat(raw("POST", "/api/sweden/stock", setStock(43), Duration.ofSeconds(10)).statusCode()).isEqualTo(200);
    }

    @Test
    void resetAndEmptyResponseCloseTheConnectionWithoutAnswerAndWithoutEffect() throws Exception {
        fault("{\"kind\": \"reset\", \"path\": \"/api/sweden/stock\", \"method\": \"POST\", \"count\": 1}");
        assertThatThrownBy(() -> raw("POST", "/api/sweden/stock", setStock(7), Duration.ofSeconds(10))).isInstanceOf(IOException.class)
                .isNotInstanceOf(HttpTimeoutException.class);
        assertThat(physical()).isEqualTo(499);

        fault("{\"kind\": \"empty-response\", \"path\": \"/api/sweden/stock\", \"method\": \"POST\", \"count\": 1}");
        assertThatThrownBy(() -> raw("POST", "/api/sweden/stock", setStock(8), Duration.ofSeconds(10))).isInstanceOf(IOException.class)
                .isNotInstanceOf(HttpTimeoutException.class);
        assertThat(physical()).isEqualTo(499);
        assertThat(journal("?method=POST&path=/api/").get("requests")).extracting(r -> r.get("status").asInt()).containsExactly(0, 0);
    }

    @Test
    void delayAndHangKeepTheClientWaitingUntilItGivesUp() throws Exception {
        fault("{\"kind\": \"delay\", \"delayMillis\": 1500, \"path\": \"/api/*/stock\", \"method\": \"GET\", \"count\": 1}");
        assertThatThrownBy(() -> raw("GET", "/api/sweden/stock?ean=" + EAN, null, Duration.ofMillis(300)))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(raw("GET", "/api/sweden/stock?ean=" + EAN, null, Duration.ofSeconds(5)).statusCode()).isEqualTo(200);

        fault("{\"kind\": \"hang\", \"delayMillis\": 1500, \"method\": \"POST\", \"count\": 1}");
        assertThatThrownBy(() -> raw("POST", "/api/sweden/stock", setStock(9), Duration.ofMillis(300)))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(physical()).as("a hung call is never served").isEqualTo(499);
        // the sandbox finishes both calls after their clients gave up; they reach the journal then (and not the next test's)
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (journal("?path=/api/&limit=10000").get("requests").size() < 4 && System.nanoTime() < until) {
            Thread.sleep(20); // polling for the calls to end, not waiting out a deadline
        }
        JsonNode calls = journal("?path=/api/").get("requests");
        assertThat(calls).extracting(r -> r.get("method").asString() + " " + r.get("status").asInt())
                .containsExactlyInAnyOrder("GET 200", "GET 200", "POST 0", "GET 200");
        assertThat(calls).anySatisfy(r -> assertThat(r.path("note").asString()).startsWith("held 1500 ms"));
    }

    @Test
    void aProbabilityWithASeedHitsTheSameCallsAgain() throws Exception {
        String f = "{\"faults\": [{\"kind\": \"status\", \"status\": 500, \"method\": \"GET\", \"probability\": 0.5, \"seed\": 7}]}";
        List<List<Integer>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            assertThat(admin("PUT", "/sandbox/faults/http", f).status()).isEqualTo(200);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                statuses.add(raw("GET", "/api/sweden/stock?ean=" + EAN, null, Duration.ofSeconds(5)).statusCode());
            }
            runs.add(statuses);
        }
        assertThat(runs.get(0)).contains(200, 500).isEqualTo(runs.get(1));
    }

    @Test
    void faultsAreKeptInTheDatabaseAndTheAdminApiIsNeverFaulted() {
        long id = fault("{\"kind\": \"status\", \"status\": 500}");
        assertThat(orderApi("GET", "/api/sweden/stock?ean=" + EAN, "se-secret", null).status()).isEqualTo(500);
        assertThat(admin("GET", "/sandbox/state", null).status()).isEqualTo(200);
        // what a restarted sandbox reads
        assertThat(new HttpFaults(settings, vendor).list().faults()).singleElement()
                .satisfies(f -> assertThat(f.id()).isEqualTo(id)).satisfies(f -> assertThat(f.hits()).isEqualTo(1));
        assertThat(admin("DELETE", "/sandbox/faults/http/" + id, null).status()).isEqualTo(204);
        assertThat(admin("DELETE", "/sandbox/faults/http/" + id, null).status()).isEqualTo(404);
        assertThat(orderApi("GET", "/api/sweden/stock?ean=" + EAN, "se-secret", null).status()).isEqualTo(200);
    }

    @Test
    void aBadFaultIsA400NamingEveryFieldAndAddsNothing() {
        Response r = admin("POST", "/sandbox/faults/http", """
                {"kind": "explode", "method": "FETCH", "path": "/sandbox/state", "status": 200, "probability": 2, "count": 0,
                 "delayMillis": 5}""");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("kind", "method", "path", "status", "probability", "count", "delayMillis");
        Response statusOutOfRange = admin("POST", "/sandbox/faults/http", "{\"kind\": \"status\", \"status\": 200}");
        assertThat(statusOutOfRange.body()).contains("\"status\"", "400 to 599");
        assertThat(admin("POST", "/sandbox/faults/http", "{\"kind\": \"delay\"}").body()).contains("delayMillis", "required");
        assertThat(admin("POST", "/sandbox/faults/http", "{\"kind\": \"reset\", \"instance\": \"a/b\"}").body()).contains("instance");
        assertThat(admin("POST", "/sandbox/faults/http", "{\"kind\": \"reset\", \"colour\": \"red\"}").status()).isEqualTo(400);
        assertThat(admin("DELETE", "/sandbox/faults/http/x", null).status()).isEqualTo(400);
        assertThat(admin("GET", "/sandbox/faults/http", null).json().get("faults")).isEmpty();
    }

    @Test
    void theJournalCountsWhatConcurrentClientsSentAndNamesCredentialsNeverSecrets() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> sent = new ArrayList<>();
        try {
            for (int t = 0; t < 8; t++) {
                int thread = t;
                sent.add(pool.submit(() -> {
                    int n = 0;
                    for (int i = 0; i < 25; i++) {
                        if (thread % 2 == 0) {
                            raw("GET", "/api/sweden/stock?ean=" + EAN, null, Duration.ofSeconds(10));
                        } else {
                            raw("POST", "/api/sweden/stock", setStock(100 + i), Duration.ofSeconds(10));
                        }
                        n++;
                    }
                    return n;
                }));
            }
            int total = 0;
            for (Future<Integer> f : sent) {
                total += f.get();
            }
            assertThat(total).isEqualTo(200);
        } finally {
            pool.shutdown();
        }
        orderApi("GET", "/api/sweden/stock?ean=" + EAN, "wrong", null);

        JsonNode view = journal("?limit=5");
        assertThat(view.get("counts").get("GET /api/{uri}/stock").asLong()).as(journal("?method=GET&limit=10000").toString())
                .isEqualTo(101);
        assertThat(view.get("counts").get("POST /api/{uri}/stock").asLong()).isEqualTo(100);
        assertThat(view.get("requests")).hasSize(5);
        assertThat(view.get("requests").get(4).get("credential").asString()).isEqualTo("wrong secret for /api/sweden");
        assertThat(view.get("requests").get(4).get("status").asInt()).isEqualTo(401);
        assertThat(journal("?credential=Order%20API%20sweden&limit=10000").get("requests")).hasSize(200);
        assertThat(admin("GET", "/sandbox/requests?limit=10000", null).body()).doesNotContain("se-secret");
        assertThat(admin("GET", "/sandbox/requests?status=abc&colour=red", null).body()).contains("status", "colour");
        assertThat(admin("GET", "/sandbox/requests?since=yesterday", null).status()).isEqualTo(400);
        assertThat(send("GET", "/sandbox/requests", null, null, null).status()).as("the admin token is needed").isEqualTo(401);
    }

    @Test
    void theRateLimitsDecisionsAreInTheJournal() throws Exception {
        assertThat(admin("PUT", "/sandbox/faults", "{\"rateLimit\": {\"writes\": 1, \"perSeconds\": 600}}").status()).isEqualTo(200);
        assertThat(raw("POST", "/api/sweden/stock", setStock(10), Duration.ofSeconds(5)).statusCode()).isEqualTo(200);
        assertThat(raw("POST", "/api/sweden/stock", setStock(11), Duration.ofSeconds(5)).statusCode()).isEqualTo(429);
        JsonNode writes = journal("?method=POST&path=/api/").get("requests");
        assertThat(writes.get(0).get("note").asString()).startsWith("rate limit: counted");
        assertThat(writes.get(1).get("note").asString()).startsWith("rate limit: refused");
        assertThat(writes.get(1).get("status").asInt()).isEqualTo(429);
    }
}
