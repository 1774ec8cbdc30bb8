package dev.kassa.centra.sandbox.shipfromstore;

import static dev.kassa.centra.sandbox.shipfromstore.ShipFromStoreDataset.EAN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kassa.centra.sandbox.SandboxTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Check first, then allocate (§8, §13.7–8), driven as a shop integration would, with real webhooks. */
class CheckFirstTest extends SandboxTest {

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

    long place(String extra) {
        Response r = admin("POST", "/sandbox/web-orders", ShipFromStoreDataset.webOrder("SE", 2, extra));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("orderNumber").asLong();
    }

    JsonNode answer(long order, long warehouse, boolean accepted) {
        Response r = orderApi("POST", "/api/shop/check-first", "shop-secret",
                "{\"orderNumber\": " + order + ", \"warehouseId\": " + warehouse + ", \"accepted\": " + accepted + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    int[] stockIn(long warehouse) {
        JsonNode stock = state().get("products").get(0).get("variants").get(0).get("sizes").get(0).get("stock");
        for (JsonNode s : stock) {
            if (s.get("warehouse").asLong() == warehouse) {
                return new int[]{s.get("physical").asInt(), s.get("allocated").asInt()};
            }
        }
        return new int[]{0, 0};
    }

    JsonNode order(long number) {
        return getOk("/api/shop/orders?order=" + number, "shop-secret").get("orders").get(0);
    }

    List<String> checkFirstEvents(long order) {
        return receiver.events().stream().filter(e -> e.get("id").asLong() == order)
                .map(e -> e.get("action").asString() + (e.get("data").has("warehouseId")
                        ? ":" + e.get("data").get("warehouseId").asLong() : "")).toList();
    }

    @Test
    void offersGoToShopsWhoseStockCoversTheLinesAndMatchTheDocumentedPayload() {
        long order = place("");
        assertThat(stockIn(1)).as("allocated from the Direct warehouse at once").containsExactly(10, 2);
        assertThat(order(order).get("orderStatus").asString()).isEqualTo("1");
        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.events().isEmpty());
        JsonNode create = receiver.events().get(0);
        JsonNode fixture = JSON.readTree(fixture("centra-check-first-create.json")).get("events").get(0);
        assertThat(Shapes.of(create)).isEqualTo(Shapes.of(fixture));
        assertThat(create.get("id").asLong()).isEqualTo(order);
        assertThat(create.get("data").get("warehouses").findValues("warehouseId").stream().map(JsonNode::asLong))
                .as("Malmö has no stock, so it is not offered").containsExactly(2L, 3L);
        assertThat(create.get("date").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        Receiver.Call call = receiver.calls.get(0);
        assertThat(call.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(call.signature()).matches("t=\\d+,v1=[0-9a-f]{64}");
    }

    @Test
    void firstAcceptWinsTheOthersAreRejectedAndTheAllocationMovesToTheShop() {
        long order = place("");
        assertThat(answer(order, 3, true).get("status").asString()).isEqualTo("ok");
        assertThat(stockIn(1)).containsExactly(10, 0);
        assertThat(stockIn(3)).containsExactly(5, 2);
        assertThat(answer(order, 2, true).get("msg").asString()).isEqualTo("order was accepted by another warehouse");
        assertThat(answer(order, 3, false).get("msg").asString()).isEqualTo("check first already answered");
        assertThat(answer(order, 4, true).get("msg").asString()).isEqualTo("warehouse is not offered this order");
        assertThat(answer(999999, 2, true).get("msg").asString()).isEqualTo("order does not exist");
        JsonNode o = order(order);
        assertThat(o.get("orderStatus").asString()).isEqualTo("2");
        assertThat(o.get("products").get(0).get("warehouses").get(0).get("name").asString()).isEqualTo("Store Göteborg");
        await().atMost(Duration.ofSeconds(10)).until(() -> checkFirstEvents(order).size() == 3);
        assertThat(checkFirstEvents(order)).containsExactly("create", "accepted:3", "rejected:2");
        JsonNode accepted = receiver.events().get(1);
        assertThat(Shapes.of(accepted)).isEqualTo(Shapes.of(JSON.readTree(fixture("centra-check-first-accepted.json"))
                .get("events").get(0)));
        assertThat(Shapes.of(receiver.events().get(2))).isEqualTo(Shapes.of(
                JSON.readTree(fixture("centra-check-first-rejected.json")).get("events").get(0)));
    }

    @Test
    void stateExportShowsOrdersOffersAndAllocationsAndAnExportCanBePutBack() {
        long order = place("");
        answer(order, 2, true);
        JsonNode activity = state().get("activity");
        assertThat(activity.get("orders").get(0).get("orderNumber").asLong()).isEqualTo(order);
        assertThat(activity.get("checkFirstOffers").findValues("state").stream().map(JsonNode::asString))
                .containsExactly("accepted", "rejected");
        assertThat(activity.get("allocations").get(0).get("warehouse").asLong()).isEqualTo(2);
        putState(state().toString());
        assertThat(state().get("activity").get("orders").size()).as("a new state starts without activity").isZero();
    }

    @Test
    void whenEveryOfferIsRejectedTheOrderGoesOnFromTheDirectWarehouse() {
        long order = place("");
        answer(order, 2, false);
        assertThat(order(order).get("orderStatus").asString()).isEqualTo("1");
        answer(order, 3, false);
        assertThat(order(order).get("orderStatus").asString()).isEqualTo("2");
        assertThat(stockIn(1)).containsExactly(10, 2);
        assertThat(order(order).get("products").get(0).get("warehouses").get(0).get("name").asString())
                .isEqualTo("Central");
    }

    @Test
    void offersTimeOutWhenTheClockPassesTheirDeadline() {
        long order = place(", \"offers\": [{\"warehouse\": 2, \"expiresInSeconds\": 60},"
                + " {\"warehouse\": 3, \"expiresInSeconds\": 600}]");
        assertThat(admin("POST", "/sandbox/clock/advance", "{\"seconds\": 61}").status()).isEqualTo(200);
        assertThat(answer(order, 2, true).get("msg").asString()).isEqualTo("check first has expired");
        assertThat(order(order).get("orderStatus").asString()).isEqualTo("1");
        admin("POST", "/sandbox/clock/advance", "{\"seconds\": 540}");
        assertThat(order(order).get("orderStatus").asString()).isEqualTo("2");
        await().atMost(Duration.ofSeconds(10)).until(() -> checkFirstEvents(order).size() == 3);
        assertThat(checkFirstEvents(order)).containsExactly("create", "timeout:2", "timeout:3");
        assertThat(Shapes.of(receiver.events().get(1))).isEqualTo(Shapes.of(
                JSON.readTree(fixture("centra-check-first-timeout.json")).get("events").get(0)));
        assertThat(stockIn(1)).containsExactly(10, 2);
    }

    @Test
    void resumeRejectsTheRemainingOffers() {
        long order = place("");
        answer(order, 2, false);
        Response r = admin("POST", "/sandbox/orders/" + order + "/resume", null);
        assertThat(r.json().get("rejectedOffers").asInt()).isEqualTo(1);
        assertThat(answer(order, 3, true).get("msg").asString()).isEqualTo("check first already answered");
        assertThat(order(order).get("orderStatus").asString()).isEqualTo("2");
    }

    @Test
    void badAnswersAreNamedFieldByFieldAndChangeNothing() {
        long order = place("");
        JsonNode r = orderApi("POST", "/api/shop/check-first", "shop-secret",
                "{\"orderNumber\": \"abc\", \"accepted\": \"maybe\"}").json();
        assertThat(r.get("status").asString()).isEqualTo("no");
        assertThat(r.get("msg").get("orderNumber").asString()).isEqualTo("invalid value");
        assertThat(r.get("msg").get("warehouseId").asString()).isEqualTo("required");
        assertThat(r.get("msg").get("accepted").asString()).isEqualTo("invalid value");
        assertThat(orderApi("POST", "/api/shop/check-first", "shop-secret", "[1,").status()).isEqualTo(400);
        assertThat(orderApi("POST", "/api/shop/check-first", "wrong", "{}").status()).isEqualTo(401);
        Response bad = admin("POST", "/sandbox/web-orders", "{\"country\": \"XX\", \"lines\": [{\"ean\": \"1\", \"qty\": 0}],"
                + " \"offers\": [{\"warehouse\": 1}]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").findValues("field").stream().map(JsonNode::asString))
                .contains("country", "customer.email", "lines[0].qty", "lines[0].ean", "offers[0].warehouse");
        assertThat(order(order).get("orderStatus").asString()).isEqualTo("1");
        assertThat(stockIn(1)).containsExactly(10, 2);
        assertThat(getOk("/api/shop/orders", "shop-secret").get("orders").size()).isEqualTo(1);
    }

    /** Many rounds: three shops accept one order at the same instant; exactly one wins, stock is reserved once. */
    @Test
    void racingAcceptsHaveExactlyOneWinner() throws Exception {
        putState(ShipFromStoreDataset.json(receiver.url(), 0).replace("{\"warehouse\": 4, \"physical\": 0}",
                "{\"warehouse\": 4, \"physical\": 500}").replace("{\"warehouse\": 2, \"physical\": 5}",
                "{\"warehouse\": 2, \"physical\": 500}").replace("{\"warehouse\": 3, \"physical\": 5}",
                "{\"warehouse\": 3, \"physical\": 500}").replace("{\"warehouse\": 1, \"physical\": 10}",
                "{\"warehouse\": 1, \"physical\": 500}"));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 25; round++) {
                long order = place("");
                CountDownLatch go = new CountDownLatch(1);
                List<Future<JsonNode>> answers = new ArrayList<>();
                for (long w = 2; w <= 4; w++) {
                    long warehouse = w;
                    Callable<JsonNode> accept = () -> {
                        go.await();
                        return answer(order, warehouse, true);
                    };
                    answers.add(pool.submit(accept));
                }
                go.countDown();
                List<String> results = new ArrayList<>();
                for (Future<JsonNode> f : answers) {
                    JsonNode a = f.get();
                    results.add(a.get("status").asString().equals("ok") ? "ok" : a.get("msg").asString());
                }
                assertThat(results).as("round " + round).containsOnlyOnce("ok")
                        .filteredOn(s -> !s.equals("ok")).containsOnly("order was accepted by another warehouse");
            }
            int allocated = stockIn(1)[1] + stockIn(2)[1] + stockIn(3)[1] + stockIn(4)[1];
            assertThat(allocated).as("each order's 2 items reserved exactly once").isEqualTo(25 * 2);
            assertThat(stockIn(1)[1]).isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
