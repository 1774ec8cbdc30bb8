package dev.kassa.centra.sandbox.shipfromstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kassa.centra.sandbox.SandboxTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Webhook delivery to a real receiver on a local port: retries, timeouts and injected faults (§10, §13.9). */
class WebhookDeliveryTest extends SandboxTest {

    private Receiver receiver;

    @BeforeEach
    void setUp() {
        receiver = new Receiver();
        putState(ShipFromStoreDataset.json(receiver.url(), 2));
        assertThat(admin("PUT", "/sandbox/faults", "{}").status()).isEqualTo(200);
    }

    @AfterEach
    void tearDown() {
        admin("PUT", "/sandbox/faults", "{}");
        receiver.close();
    }

    private void place() {
        Response r = admin("POST", "/sandbox/web-orders", ShipFromStoreDataset.webOrder("SE", 1, ""));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private JsonNode deliveries() {
        return admin("GET", "/sandbox/webhook-deliveries", null).json();
    }

    private static void assertSigned(Receiver.Call call) throws Exception {
        String t = call.signature().substring(2, call.signature().indexOf(','));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(ShipFromStoreDataset.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + call.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(call.signature()).isEqualTo("t=" + t + ",v1=" + expected);
    }

    @Test
    void aFailingReceiverGetsTheConfiguredRetriesWithDoublingDelaysThenTheEventsFail() throws Exception {
        receiver.status.set(500);
        place();
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.calls.size() == 1);
        admin("POST", "/sandbox/clock/advance", "{\"seconds\": 1}");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.calls.size() == 2);
        admin("POST", "/sandbox/clock/advance", "{\"seconds\": 2}");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.calls.size() == 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries().get("events").path("failed").asInt() == 1);
        admin("POST", "/sandbox/clock/advance", "{\"seconds\": 60}");
        assertThat(receiver.calls).as("retries: 2 means three attempts in all").hasSize(3);
        for (Receiver.Call c : receiver.calls) {
            assertSigned(c);
            assertThat(c.body()).isEqualTo(receiver.calls.get(0).body());
        }
        JsonNode log = deliveries().get("deliveries");
        assertThat(log.findValues("attempt").stream().map(JsonNode::asInt)).containsExactly(1, 2, 3);
        assertThat(log.findValues("httpStatus").stream().map(JsonNode::asInt)).containsExactly(500, 500, 500);
        List<Long> started = log.findValues("startedAt").stream()
                .map(n -> java.time.Instant.parse(n.asString()).toEpochMilli()).toList();
        assertThat(started.get(1) - started.get(0)).as("first retry after 1 s").isGreaterThanOrEqualTo(1000);
        assertThat(started.get(2) - started.get(1)).as("second retry after 2 s").isGreaterThanOrEqualTo(2000);
    }

    @Test
    void aSlowReceiverTimesOutAndTheCallIsRetried() {
        receiver.delayMillis.set(1500);
        place();
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries().get("deliveries").size() == 1);
        assertThat(deliveries().get("deliveries").get(0).get("outcome").asString()).isEqualTo("timeout");
        receiver.delayMillis.set(0);
        admin("POST", "/sandbox/clock/advance", "{\"seconds\": 1}");
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries().get("events").path("delivered").asInt() == 1);
    }

    @Test
    void injectedDuplicatesAndDropsReachTheReceiverAsConfigured() throws Exception {
        assertThat(admin("PUT", "/sandbox/faults", "{\"webhooks\": [{\"webhook\": 0, \"duplicate\": 1}]}").status())
                .isEqualTo(200);
        place();
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.calls.size() == 2);
        assertThat(receiver.calls.get(1).body()).isEqualTo(receiver.calls.get(0).body());
        assertSigned(receiver.calls.get(1));

        admin("PUT", "/sandbox/faults", "{\"webhooks\": [{\"webhook\": 0, \"drop\": 1}]}");
        place();
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries().get("events").path("dropped").asInt() == 1);
        assertThat(receiver.calls).hasSize(2);
    }

    @Test
    void delayedEventsWaitForTheClock() {
        admin("PUT", "/sandbox/faults", "{\"webhooks\": [{\"webhook\": 0, \"delaySeconds\": 30}]}");
        place();
        assertThat(deliveries().get("events").path("pending").asInt()).isEqualTo(1);
        admin("POST", "/sandbox/clock/advance", "{\"seconds\": 31}");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.calls.size() == 1);
    }

    @Test
    void reorderedEventsArriveNewestFirstOneCallAtATime() throws Exception {
        putState(ShipFromStoreDataset.json(receiver.url(), 0).replace("\"maxEvents\": 100", "\"maxEvents\": 1"));
        admin("PUT", "/sandbox/faults", "{\"webhooks\": [{\"webhook\": 0, \"reorder\": true, \"delaySeconds\": 30}]}");
        List<Long> placed = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Response r = admin("POST", "/sandbox/web-orders", ShipFromStoreDataset.webOrder("SE", 1, ""));
            placed.add(r.json().get("orderNumber").asLong());
        }
        admin("POST", "/sandbox/clock/advance", "{\"seconds\": 31}");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.calls.size() == 3);
        assertThat(receiver.events().stream().map(e -> e.get("id").asLong()))
                .as("held back, then sent newest first").containsExactlyElementsOf(placed.reversed());
        for (Receiver.Call c : receiver.calls) {
            assertSigned(c);
        }
    }

    @Test
    void rateLimitedWritesGet429WithRetryAfterUntilTheWindowPasses() {
        admin("PUT", "/sandbox/faults", "{\"rateLimit\": {\"writes\": 2, \"perSeconds\": 10}}");
        String write = "{\"products\": [{\"product\": \"" + ShipFromStoreDataset.EAN + "\", \"quantity\": 9}]}";
        assertThat(orderApi("POST", "/api/shop/stock", "shop-secret", write).status()).isEqualTo(200);
        assertThat(orderApi("POST", "/api/shop/stock", "shop-secret", write).status()).isEqualTo(200);
        Response limited = orderApi("POST", "/api/shop/stock", "shop-secret", write);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.json().get("status").asString()).isEqualTo("no");
        assertThat(orderApi("GET", "/api/shop/stock", "shop-secret", null).status()).as("reads are not limited")
                .isEqualTo(200);
        admin("POST", "/sandbox/clock/advance", "{\"seconds\": 11}");
        assertThat(orderApi("POST", "/api/shop/stock", "shop-secret", write).status()).isEqualTo(200);
    }

    @Test
    void invalidFaultsAreRefusedFieldByField() {
        Response r = admin("PUT", "/sandbox/faults", "{\"webhooks\": [{\"webhook\": 7, \"drop\": 2}],"
                + " \"rateLimit\": {\"writes\": 0}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").findValues("field").stream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("webhooks[0].webhook", "webhooks[0].drop", "rateLimit.writes",
                        "rateLimit.perSeconds");
        assertThat(admin("GET", "/sandbox/faults", null).json().get("rateLimit").isNull()).isTrue();
    }
}
