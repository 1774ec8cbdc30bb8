package dev.kassa.centra.sandbox.shipfromstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kassa.centra.sandbox.SandboxTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** "Direct, then confirm" (§9, §13.10): requests, their statuses, timeouts that move the allocation on. */
class AllocationRequestTest extends SandboxTest {

    private Receiver receiver;

    @BeforeEach
    void setUp() {
        receiver = new Receiver();
        putState(ShipFromStoreDataset.json(receiver.url(), 0));
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    long place(int qty) {
        Response r = admin("POST", "/sandbox/web-orders", ShipFromStoreDataset.webOrder("DE", qty,
                ", \"expiresInSeconds\": 120"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("orderNumber").asLong();
    }

    JsonNode requests(String query) {
        return getOk("/api/shop/allocation-requests" + query, "shop-secret").get("allocation_requests");
    }

    JsonNode put(Object id, String status) {
        Response r = orderApi("PUT", "/api/shop/allocation-request", "shop-secret",
                "{\"id\": " + id + ", \"status\": \"" + status + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    String allocatedIn(long order) {
        return getOk("/api/shop/orders?order=" + order, "shop-secret").get("orders").get(0).get("products").get(0)
                .get("warehouses").toString();
    }

    @Test
    void anOrderAllocatedInADirectThenConfirmShopGetsARequestInTheDocumentedShape() {
        long order = place(1);
        JsonNode list = requests("?order=" + order);
        assertThat(list.size()).isEqualTo(1);
        JsonNode r = list.get(0);
        assertThat(r.get("status").asString()).isEqualTo("sent");
        assertThat(r.get("warehouseId").asLong()).isEqualTo(5);
        assertThat(r.get("warehouseName").asString()).isEqualTo("Store Berlin");
        assertThat(r.get("order").get("number").asLong()).isEqualTo(order);
        assertThat(r.get("order").get("id").asString()).matches("[0-9a-f]{32}");
        assertThat(r.get("lines").get(0).get("quantity").asInt()).isEqualTo(1);
        assertThat(r.get("expirationDate").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d");
        assertThat(getOk("/api/shop/orders/" + order + "/allocation-requests", "shop-secret")
                .get("allocation_requests")).isEqualTo(list);
        assertThat(allocatedIn(order)).contains("Store Berlin");

        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.events().isEmpty());
        JsonNode event = receiver.events().get(0);
        JsonNode fixture = JSON.readTree(fixture("centra-allocation-request-create.json")).get("events").get(0);
        assertThat(Shapes.of(event)).isEqualTo(Shapes.of(fixture));
        assertThat(event.get("id").asLong()).as("the request's id (§13.9)").isEqualTo(r.get("id").asLong());
        assertThat(event.get("data").get("status").asString()).isEqualTo("allocated");
        assertThat(event.get("data").get("order").get("number").asLong()).isEqualTo(order);
    }

    @Test
    void confirmIsFinalAndASecondAnswerIsRefusedWithTheDocumentedText() {
        long order = place(1);
        long id = requests("?order=" + order).get(0).get("id").asLong();
        JsonNode ok = put(id, "confirmed");
        assertThat(ok.get("success").asBoolean()).isTrue();
        assertThat(ok.get("errorMessages").size()).isZero();
        assertThat(put(id, "rejected").get("errorMessages").get(0).asString())
                .isEqualTo("You can't update allocation request, which is in status confirmed.");
        assertThat(requests("?order=" + order).size()).as("confirmed is not pending").isZero();
        assertThat(requests("?status=all&order=" + order).get(0).get("status").asString()).isEqualTo("confirmed");
        assertThat(put(424242, "confirmed").get("errorMessages").get(0).asString())
                .isEqualTo("Allocation request not found");
    }

    @Test
    void aRejectedRequestMovesTheAllocationToTheNextWarehouseOfTheRule() {
        long order = place(1);
        long id = requests("?order=" + order).get(0).get("id").asLong();
        put(id, "rejected");
        assertThat(allocatedIn(order)).contains("Store Hamburg").doesNotContain("Berlin");
        JsonNode next = requests("?order=" + order);
        assertThat(next.size()).isEqualTo(1);
        assertThat(next.get(0).get("warehouseId").asLong()).isEqualTo(6);
    }

    @Test
    void aTimedOutRequestMovesOnButCanStillBeConfirmedWhichOutdatesTheOther() {
        long order = place(2);
        long berlin = requests("?order=" + order).get(0).get("id").asLong();
        admin("POST", "/sandbox/clock/advance", "{\"seconds\": 121}");
        JsonNode pending = requests("?order=" + order);
        assertThat(pending.findValues("status").stream().map(JsonNode::asString)).containsExactly("timed-out", "sent");
        assertThat(allocatedIn(order)).contains("Store Hamburg").doesNotContain("Berlin");
        long hamburg = pending.get(1).get("id").asLong();

        assertThat(put(berlin, "confirmed").get("success").asBoolean()).isTrue();
        assertThat(allocatedIn(order)).contains("Store Berlin").doesNotContain("Hamburg");
        assertThat(requests("?status=outdated&order=" + order).get(0).get("id").asLong()).isEqualTo(hamburg);
        assertThat(put(hamburg, "confirmed").get("errorMessages").get(0).asString())
                .isEqualTo("You can't update allocation request, which is in status outdated.");
    }

    @Test
    void confirmingWithoutStockIsRefusedAndChangesNothing() {
        long order = place(3);
        long berlin = requests("?order=" + order).get(0).get("id").asLong();
        admin("POST", "/sandbox/clock/advance", "{\"seconds\": 121}");
        // Berlin's 3 went back to its free stock; the shop's own POS sells them before the late confirm.
        Response sold = orderApi("POST", "/api/berlin/stock", "berlin-secret",
                "{\"products\": [{\"product\": \"" + ShipFromStoreDataset.EAN + "\", \"quantity\": 0}]}");
        assertThat(sold.body()).contains("\"ok\"");
        assertThat(put(berlin, "confirmed").get("errorMessages").get(0).asString())
                .isEqualTo("Warehouse doesn't have sufficient stock to allocate the request.");
        assertThat(allocatedIn(order)).contains("Store Hamburg").doesNotContain("Berlin");
        assertThat(requests("?order=" + order).findValues("status").stream().map(JsonNode::asString))
                .containsExactly("timed-out", "sent");
    }

    @Test
    void badRequestsAreAnsweredInTheDocumentedShapes() {
        JsonNode r = orderApi("PUT", "/api/shop/allocation-request", "shop-secret",
                "{\"id\": 1, \"status\": \"maybe\"}").json();
        assertThat(r.get("success").asBoolean()).isFalse();
        assertThat(r.get("errorMessages").get("status").asString())
                .isEqualTo("invalid value, expected 'confirmed' or 'rejected'");
        JsonNode s = getOk("/api/shop/allocation-requests?status=bogus", "shop-secret");
        assertThat(s.get("status").asString()).isEqualTo("no");
        assertThat(s.get("errorMessages").get("status").asString()).contains("got \"bogus\"");
        assertThat(orderApi("GET", "/api/shop/allocation-requests?page=0", "shop-secret", null).status()).isEqualTo(400);
    }
}
