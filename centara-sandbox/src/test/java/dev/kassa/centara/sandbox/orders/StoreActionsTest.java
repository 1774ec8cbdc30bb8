package dev.kassa.centara.sandbox.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centara.sandbox.CentaraTest;
import dev.kassa.common.testing.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The store's actions on an external order and the automatic deletion, by moving the clock (spec B.6). */
class StoreActionsTest extends CentaraTest {

    @BeforeEach
    void registry() {
        putSampleRegistry();
    }

    private String post(String reference, String dueAt, String amount) {
        String body = fixture("centara-order-sample.json").replace("SHOPIFY-0001", reference)
                .replace("\"Amount\": \"4210\"", "\"Amount\": \"" + amount + "\"")
                .replace("\"Created\": \"2017-10-31T15:30:24Z\"", "\"Created\": \"2017-10-31T15:30:24Z\", \"DueAt\": \"" + dueAt + "\"");
        Http.Response r = api("POST", "/api/order", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("OrderId").asString();
    }

    private int status(String key) {
        return api("GET", "/api/order/" + key, null).json().get("Status").asInt();
    }

    private String now() {
        return admin("GET", "/sandbox/clock", null).json().get("now").asString();
    }

    @Test
    void readyFollowsPaymentsAndCloseAndDeleteEndTheOrder() {
        String paid = post("PAID", now(), "4210");
        String partly = post("PARTLY", now(), "10");
        String unpaid = post("UNPAID", now(), "0");
        assertThat(admin("POST", "/sandbox/orders/" + paid + "/ready", null).json().get("Status").asInt()).isEqualTo(8);
        JsonNode partlyReady = admin("POST", "/sandbox/orders/" + partly + "/ready", null).json();
        assertThat(partlyReady.get("Status").asInt()).isEqualTo(7);
        assertThat(partlyReady.get("Flags").asInt()).isEqualTo(15);
        assertThat(admin("POST", "/sandbox/orders/" + unpaid + "/ready", null).json().get("Status").asInt()).isEqualTo(6);
        assertThat(admin("POST", "/sandbox/orders/" + paid + "/ready", null).status()).as("already ready").isEqualTo(409);

        assertThat(admin("POST", "/sandbox/orders/" + paid + "/close", null).json().get("Status").asInt()).isEqualTo(4);
        assertThat(admin("POST", "/sandbox/orders/" + partly + "/delete", null).json().get("Status").asInt()).isEqualTo(5);
        Http.Response again = admin("POST", "/sandbox/orders/" + paid + "/delete", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("closed");
        assertThat(status(paid)).isEqualTo(4);
        assertThat(admin("POST", "/sandbox/orders/" + paid + "/ship", null).status()).isEqualTo(404);
        assertThat(admin("POST", "/sandbox/orders/00000000-0000-0000-0000-000000000000/close", null).status()).isEqualTo(404);
        assertThat(state().get("activity").get("orderHistory").findValues("action").stream().map(JsonNode::asString))
                .containsExactly("created", "created", "created", "ready", "ready", "ready", "close", "delete");
    }

    @Test
    void openOrdersAreDeletedAutomaticallySevenDaysAfterDueAt() {
        String dueAt = now();
        String open = post("OPEN", dueAt, "4210");
        String ready = post("READY", dueAt, "0");
        String closed = post("CLOSED", dueAt, "4210");
        admin("POST", "/sandbox/orders/" + ready + "/ready", null);
        admin("POST", "/sandbox/orders/" + closed + "/close", null);

        admin("POST", "/sandbox/clock/advance", "{\"seconds\": " + (7 * 24 * 3600 - 60) + "}");
        assertThat(status(open)).as("not yet").isEqualTo(3);
        admin("POST", "/sandbox/clock/advance", "{\"seconds\": 61}");
        assertThat(status(open)).isEqualTo(9);
        assertThat(status(ready)).isEqualTo(9);
        assertThat(status(closed)).as("a closed order stays closed").isEqualTo(4);
        assertThat(admin("POST", "/sandbox/orders/" + open + "/close", null).status()).isEqualTo(409);
    }
}
