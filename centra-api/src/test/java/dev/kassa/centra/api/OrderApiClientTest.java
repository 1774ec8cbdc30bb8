package dev.kassa.centra.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kassa.centra.sandbox.CentraSandboxApplication;
import dev.kassa.common.testing.Http;
import dev.kassa.common.testing.HttpReceiver;
import dev.kassa.common.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The client against the real Centra sandbox over HTTP (its demo retailer), and against a scripted local
 * server for failures the sandbox does not produce. Waits are recorded, never slept: a 429's wait moves the
 * sandbox clock instead.
 */
@Tag("db")
class OrderApiClientTest {

    private static final String EAN = "7350000010015";
    private static ConfigurableApplicationContext sandbox;
    private static String base;
    private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() {
        List<String> args = new ArrayList<>(List.of(TestDatabase.fresh().asArgs()));
        args.addAll(List.of("--server.port=0", "--kassa.sandbox.admin-token=t", "--kassa.sandbox.seed=demo",
                "--logging.level.root=WARN"));
        sandbox = new SpringApplicationBuilder(CentraSandboxApplication.class).run(args.toArray(String[]::new));
        base = "http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static Http.Response admin(String method, String path, String body) {
        return Http.send(method, base + path, Map.of("Authorization", "Bearer t"), body);
    }

    private OrderApiClient client(CentraEndpoint endpoint, Pause pause) {
        return new OrderApiClient(endpoint, WriteBudget.centraDefault(Clock.systemUTC()), pause,
                new OrderApiClient.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), 3, Duration.ofMillis(100),
                        Duration.ofSeconds(2), 5));
    }

    private OrderApiClient stockholm() {
        return client(CentraEndpoint.of(base + "/api/store-stockholm", "demo-stockholm-secret"), pauses::add);
    }

    @Test
    void readsAndWritesStockTheWayThePosGuideDoes() {
        OrderApiClient client = stockholm();
        StockRow before = client.stockByEan(EAN).getFirst();
        assertThat(before.ean()).isEqualTo(EAN);
        assertThat(before.stockItemId()).isEqualTo(1001);
        StockUpdate.Result r = client.updateStock(List.of(new StockUpdate(EAN, before.physical() + 10)));
        assertThat(r.ok()).isTrue();
        StockRow after = client.stockByEan(EAN).getFirst();
        assertThat(after.physical()).isEqualTo(before.physical() + 10);
        assertThat(client.updateStock(List.of(new StockUpdate(EAN, after.physical() - 5))).ok()).isTrue();
        assertThat(client.stockByEan(EAN).getFirst().physical()).isEqualTo(before.physical() + 5);
        assertThat(pauses).allSatisfy(p -> assertThat(p).isZero());
    }

    @Test
    void unknownProductsAreReportedAndTheOthersApplied() {
        OrderApiClient client = stockholm();
        StockUpdate.Result r = client.updateStock(List.of(new StockUpdate("0000000000000", 3), new StockUpdate(EAN, 7)));
        assertThat(r.ok()).isFalse();
        assertThat(r.productsNotFound()).containsExactly("0000000000000");
        assertThat(client.stockByEan(EAN).getFirst().physical()).isEqualTo(7);
    }

    @Test
    void a429IsWaitedOutAsRetryAfterSaysAndTheWriteGoesThrough() {
        assertThat(admin("PUT", "/sandbox/faults", "{\"rateLimit\": {\"writes\": 1, \"perSeconds\": 30}}").status()).isEqualTo(200);
        try {
            List<Duration> waits = new ArrayList<>();
            OrderApiClient client = client(CentraEndpoint.of(base + "/api/store-stockholm", "demo-stockholm-secret"), d -> {
                waits.add(d);
                if (!d.isZero()) {
                    admin("POST", "/sandbox/clock/advance", "{\"seconds\": " + d.toSeconds() + "}");
                }
            });
            for (int i = 0; i < 3; i++) {
                assertThat(client.updateStock(List.of(new StockUpdate(EAN, 20 + i))).ok()).isTrue();
            }
            assertThat(waits.stream().filter(d -> !d.isZero()).toList()).as("two writes had to wait for the window")
                    .hasSize(2).allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(30)));
            assertThat(client.stockByEan(EAN).getFirst().physical()).isEqualTo(22);
        } finally {
            admin("PUT", "/sandbox/faults", "{}");
        }
    }

    @Test
    void aWrongSecretIsRefusedAtOnceAndNeverShown() {
        OrderApiClient client = client(CentraEndpoint.of(base + "/api/store-stockholm", "not-the-secret-42"), pauses::add);
        assertThatThrownBy(() -> client.stockByEan(EAN)).isInstanceOf(CentraException.class)
                .satisfies(e -> {
                    assertThat(((CentraException) e).status()).isEqualTo(401);
                    assertThat(((CentraException) e).retriesExhausted()).isFalse();
                    assertThat(e.getMessage()).doesNotContain("not-the-secret-42");
                });
        assertThat(pauses).isEmpty();
        assertThat(client.endpoint().toString()).doesNotContain("not-the-secret-42").contains("***");
    }

    @Test
    void a429WithRetryAfterAsAMomentIsWaitedOutToo() {
        // the Order API sends seconds (the test above); a proxy or a newer Centra may send an HTTP-date
        String moment = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(8));
        try (HttpReceiver centra = new HttpReceiver()) {
            centra.script.add(new HttpReceiver.Answer(429, "", Map.of("Retry-After", moment)));
            centra.script.add(new HttpReceiver.Answer(200, "{\"status\": \"ok\"}", Map.of()));
            OrderApiClient client = client(CentraEndpoint.of(centra.url("/api/x"), "s"), pauses::add);
            assertThat(client.updateStock(List.of(new StockUpdate(EAN, 1))).ok()).isTrue();
            assertThat(centra.calls).hasSize(2);
            assertThat(pauses.stream().filter(d -> !d.isZero()).toList()).singleElement()
                    .satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(9)));
        }
    }

    @Test
    void serverErrorsAreRetriedWithGrowingBackoffUntilTheyPass() {
        try (HttpReceiver centra = new HttpReceiver()) {
            centra.script.add(new HttpReceiver.Answer(503, "", Map.of()));
            centra.script.add(new HttpReceiver.Answer(502, "", Map.of()));
            centra.script.add(new HttpReceiver.Answer(200, "{\"status\": \"ok\"}", Map.of()));
            OrderApiClient client = client(CentraEndpoint.of(centra.url("/api/x"), "s"), pauses::add);
            assertThat(client.updateStock(List.of(new StockUpdate(EAN, 1))).ok()).isTrue();
            assertThat(centra.calls).hasSize(3).allSatisfy(c -> {
                assertThat(c.body()).isEqualTo("{\"products\":[{\"product\":\"" + EAN + "\",\"quantity\":1}]}");
                assertThat(c.header("API-Authorization")).isEqualTo("s");
            });
            List<Duration> backoffs = pauses.stream().filter(d -> !d.isZero()).toList();
            assertThat(backoffs).hasSize(2);
            assertThat(backoffs.get(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(150));
            assertThat(backoffs.get(1)).isBetween(Duration.ofMillis(200), Duration.ofMillis(300));
        }
    }

    @Test
    void retriesAreBoundedAndTransportErrorsCountToo() {
        try (HttpReceiver centra = new HttpReceiver()) {
            centra.status.set(500);
            OrderApiClient client = client(CentraEndpoint.of(centra.url("/api/x"), "s"), pauses::add);
            assertThatThrownBy(() -> client.stockByEan(EAN)).isInstanceOf(CentraException.class)
                    .hasMessageContaining("failed 3 times").satisfies(e -> {
                        assertThat(((CentraException) e).status()).isEqualTo(500);
                        assertThat(((CentraException) e).retriesExhausted()).isTrue();
                    });
            assertThat(centra.calls).hasSize(3);
        }
        HttpReceiver gone = new HttpReceiver();
        String url = gone.url("/api/x");
        gone.close();
        OrderApiClient client = client(CentraEndpoint.of(url, "s"), pauses::add);
        assertThatThrownBy(() -> client.updateStock(List.of(new StockUpdate(EAN, 1)))).isInstanceOf(CentraException.class)
                .satisfies(e -> assertThat(((CentraException) e).status()).isZero())
                .hasMessageContaining("ConnectException");
    }

    @Test
    void looseNumbersAreRead() {
        try (HttpReceiver centra = new HttpReceiver()) {
            centra.script.add(new HttpReceiver.Answer(200, """
                    {"status": "ok", "products": [{"stockItemId": "116", "ean": "1233421127", "upc": "",
                     "physicalStock": "53", "allocatedStock": 44, "availableStock": "9"}]}""", Map.of()));
            StockRow row = client(CentraEndpoint.of(centra.url("/api/x"), "s"), pauses::add).stockByEan("1233421127").getFirst();
            assertThat(row).isEqualTo(new StockRow(116, "1233421127", null, 53, 44, 9));
        }
    }

    @Test
    void anOrderThatCannotBeReadIsLeftOutAndTheOthersOfThePageAreRead() {
        try (HttpReceiver centra = new HttpReceiver()) {
            centra.script.add(new HttpReceiver.Answer(200, """
                    {"status": "ok", "orders": [{"orderId": "1001", "orderStatus": "2", "products": []},
                     {"orderId": "1002", "products": [{"lineId": 1, "qty": "three"}]},
                     {"orderId": 1003, "orderStatus": "1"}]}""", Map.of()));
            List<CentraOrder> orders = client(CentraEndpoint.of(centra.url("/api/x"), "s"), pauses::add).orders(Map.of("limit", "100"));
            assertThat(orders).extracting(CentraOrder::number).containsExactly(1001L, 1003L);
        }
    }

    @Test
    void allocationRequestsAreReadEveryPageAndAnsweredInEitherOfTheDocumentedShapes() {
        try (HttpReceiver centra = new HttpReceiver()) {
            StringBuilder page1 = new StringBuilder("{\"status\": \"ok\", \"allocation_requests\": [");
            for (int i = 0; i < 100; i++) {
                page1.append(i == 0 ? "" : ",").append("""
                        {"id": %d, "status": "sent", "warehouseId": "27", "expirationDate": "2024-02-14T16:02:25+01:00",
                         "order": {"id": "5cdb865329d982314aab6c5b84ac1201", "number": 1103},
                         "lines": [{"lineId": 1484, "quantity": "1", "stockItemId": 121}]}""".formatted(1000 + i));
            }
            centra.script.add(new HttpReceiver.Answer(200, page1.append("]}").toString(), Map.of()));
            centra.script.add(new HttpReceiver.Answer(200, """
                    {"status": "ok", "allocation_requests": [{"id": 1141, "status": "timed-out", "warehouseId": 27,
                     "expirationDate": "", "order": {"id": "x", "number": "1104"}, "lines": []}]}""", Map.of()));
            centra.script.add(new HttpReceiver.Answer(200, "{\"status\": true, \"errorMessages\": []}", Map.of()));
            centra.script.add(new HttpReceiver.Answer(200, """
                    {"success": false, "errorMessages": ["You can't update allocation request, which is in status confirmed."]}""",
                    Map.of()));
            centra.script.add(new HttpReceiver.Answer(200, """
                    {"success": false, "errorMessages": {"status": "invalid value, expected 'confirmed' or 'rejected'"}}""", Map.of()));
            OrderApiClient client = client(CentraEndpoint.of(centra.url("/api/x"), "s"), pauses::add);

            List<AllocationRequest> all = client.allocationRequests(Map.of("warehouse", "27"));
            assertThat(all).hasSize(101);
            assertThat(all.getFirst()).isEqualTo(new AllocationRequest(1000, "sent", 27,
                    java.time.OffsetDateTime.parse("2024-02-14T16:02:25+01:00").toInstant().toEpochMilli(), 1103,
                    List.of(new AllocationRequest.Line(1484, 1, 121))));
            assertThat(all.getLast().open()).as("timed out, still confirmable").isTrue();
            assertThat(all.getLast().expiresAtMs()).isNull();
            assertThat(centra.calls).as("a full page of 100 asks for the next").hasSize(2);
            assertThat(centra.calls.get(0).path()).isEqualTo("/api/x/allocation-requests");

            assertThat(client.answerAllocationRequest(1141, true)).as("status: true, as the parameter table has it").isEmpty();
            assertThat(centra.calls.get(2).body()).isEqualTo("{\"id\":1141,\"status\":\"confirmed\"}");
            assertThat(client.answerAllocationRequest(1141, false)).hasValue(
                    "You can't update allocation request, which is in status confirmed.");
            assertThat(client.answerAllocationRequest(1141, false)).hasValue(
                    "status: invalid value, expected 'confirmed' or 'rejected'");
        }
    }

    @Test
    void badEndpointsAndUpdatesAreRefusedWhenMade() {
        assertThatThrownBy(() -> CentraEndpoint.of("ftp://x/api", "s")).hasMessageContaining("http(s)");
        assertThatThrownBy(() -> CentraEndpoint.of("http://x/api", " ")).hasMessageContaining("secret");
        assertThatThrownBy(() -> new StockUpdate(EAN, -1)).hasMessageContaining("negative");
        assertThatThrownBy(() -> new StockUpdate("", 1)).hasMessageContaining("product");
    }
}
