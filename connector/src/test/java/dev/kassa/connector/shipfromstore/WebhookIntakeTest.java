package dev.kassa.connector.shipfromstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centra.sandbox.webhooks.WebhookSignature;
import dev.kassa.common.testing.Http;
import dev.kassa.common.testing.SharedFixtures;
import dev.kassa.connector.ShipFromStoreTest;
import dev.kassa.connector.webhook.WebhookSignatureCheck;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /webhooks/centra} with the docs' payloads and signature vector: signed calls are stored
 * once and applied in any order; a tampered body, a stale timestamp or a missing signature is refused
 * with 401 and nothing is stored.
 */
class WebhookIntakeTest extends ShipFromStoreTest {

    private int stored() {
        return jdbc.sql("select count(*) from connector_webhook_event").query(Integer.class).single();
    }

    @Test
    void theDocsSignatureVectorHoldsAndAnythingElseIsRefused() {
        SharedFixtures.assertCopiesMatchTheSharedSpec();
        JsonNode v = JSON.readTree(fixture("centra-webhook-signature-vector.json"));
        byte[] body = v.get("rawBody").asString().getBytes(StandardCharsets.UTF_8);
        String header = v.get("header").asString();
        Instant t = Instant.ofEpochSecond(v.get("t").asLong());
        WebhookSignatureCheck check = new WebhookSignatureCheck(v.get("secret").asString(), Duration.ofSeconds(300));

        assertThat(check.problem(header, body, t)).isEmpty();
        assertThat(check.problem(header, body, t.plusSeconds(300))).as("at the tolerance").isEmpty();
        assertThat(check.problem(header + ",v0=ignored", body, t)).as("unknown pairs are ignored").isEmpty();
        assertThat(check.problem(header, "payload=%7B%22x%22%3A%22tesT%22%7D".getBytes(StandardCharsets.UTF_8), t))
                .get().asString().contains("does not match");
        assertThat(check.problem(header, body, t.plusSeconds(301))).get().asString().contains("301 s old");
        assertThat(check.problem(header, body, t.minusSeconds(301))).get().asString().contains("in the future");
        assertThat(check.problem(null, body, t)).get().asString().contains("missing");
        assertThat(check.problem("v1=abc", body, t)).get().asString().contains("t=<unix seconds>");
        assertThat(new WebhookSignatureCheck("", Duration.ofSeconds(300)).problem(header, body, t)).get().asString()
                .contains("no webhook secret");
    }

    @Test
    void aTamperedBodyAStaleTimestampOrNoSignatureIsRefusedAndNothingIsStored() {
        int before = stored();
        String json = fixture("centra-check-first-create.json");
        String body = WebhookSignature.body(JSON.readTree(json).toString());
        long now = clock.instant().getEpochSecond();
        String signature = WebhookSignature.header(WEBHOOK_SECRET, now, body);
        Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");

        Http.Response tampered = Http.send("POST", base() + "/webhooks/centra", Map.of("X-Centra-Signature", signature),
                body.replace("19", "91"));
        assertThat(tampered.status()).isEqualTo(401);
        assertThat(tampered.body()).contains("does not match").doesNotContain(WEBHOOK_SECRET);
        assertThat(deliver(json, now - 600).status()).as("stale").isEqualTo(401);
        assertThat(Http.send("POST", base() + "/webhooks/centra", form, body).status()).as("unsigned").isEqualTo(401);
        assertThat(Http.send("POST", base() + "/webhooks/centra", Map.of("X-Centra-Signature",
                WebhookSignature.header("another-secret", now, body)), body).status()).as("wrong secret").isEqualTo(401);
        assertThat(stored()).isEqualTo(before);

        String notJson = "payload=%7Bnot";
        Http.Response bad = Http.send("POST", base() + "/webhooks/centra",
                Map.of("X-Centra-Signature", WebhookSignature.header(WEBHOOK_SECRET, now, notJson)), notJson);
        assertThat(bad.status()).as("signed but not JSON").isEqualTo(400);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void everyFixturePayloadIsStoredOnceAndApplied() {
        int before = stored();
        for (String f : List.of("centra-check-first-accepted.json", "centra-check-first-rejected.json",
                "centra-check-first-timeout.json", "centra-allocation-request-create.json", "centra-check-first-create.json")) {
            Http.Response r = deliver(fixture(f));
            assertThat(r.status()).as(f + ": " + r.body()).isEqualTo(200);
        }
        assertThat(stored()).isEqualTo(before + 6);
        Http.Response again = deliver(fixture("centra-check-first-create.json"));
        assertThat(again.json().get("new").asInt()).as("a duplicate delivery").isZero();
        assertThat(stored()).isEqualTo(before + 6);

        processor.processAll();
        // order 19 was offered to warehouses 2, 3 and 4 (Stockholm, Göteborg, Berlin)
        assertThat(jdbc.sql("select warehouse_id from connector_offer where order_number = 19 order by warehouse_id")
                .query(Long.class).list()).containsExactly(2L, 3L, 4L);
        // the allocation request is for warehouse 9, which is no store of this connector
        assertThat(jdbc.sql("select state from connector_webhook_event where type = 'allocation_request' and centra_id = 2131231241249")
                .query(String.class).list()).containsExactly("ignored");
        assertThat(jdbc.sql("select count(*) from connector_webhook_event where state = 'pending'").query(Integer.class).single())
                .isZero();
        JsonNode log = Http.send("GET", base() + "/api/admin/webhooks", Map.of("Authorization", "Bearer " + ADMIN), null).json();
        assertThat(log.get("events").findValuesAsString("type")).contains("check_first", "allocation_request");
    }

    @Test
    void eventsThatArriveBeforeTheirCreateApplyWhenItComes() {
        long order = 900_001;
        String deadline = clock.instant().plus(Duration.ofHours(1)).toString();
        String create = """
                {"events": [{"type": "check_first", "action": "create", "date": "2026-11-23 10:00:00.000001", "id": %d,
                  "data": {"warehouses": [{"warehouseId": 2, "expirationAt": "%s"}, {"warehouseId": 3, "expirationAt": "%s"}]}}]}"""
                .formatted(order, deadline, deadline);
        String otherShopWon = """
                {"events": [{"type": "check_first", "action": "accepted", "date": "2026-11-23 10:00:05.000001", "id": %d,
                  "data": {"warehouseId": 4}}]}""".formatted(order);
        assertThat(deliver(otherShopWon).status()).isEqualTo(200);
        processor.processAll();
        assertThat(jdbc.sql("select count(*) from connector_offer where order_number = ?").param(order).query(Integer.class).single())
                .isZero();

        assertThat(deliver(create).status()).isEqualTo(200);
        processor.processAll();

        assertThat(jdbc.sql("select state from connector_offer where order_number = ? order by warehouse_id").param(order)
                .query(String.class).list()).containsExactly("lost", "lost");
        assertThat(Http.send("GET", base() + "/api/admin/offers?store=goteborg", Map.of("Authorization", "Bearer " + ADMIN), null)
                .body()).contains("\"order\":" + order);
    }
}
