package dev.kassa.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centra.sandbox.CentraSandboxApplication;
import dev.kassa.common.testing.Http;
import dev.kassa.connector.ConnectorApplication;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Shadow mode end to end: till sales and a web order go through a connector in shadow mode, which reads
 * Centra, computes every write and records it — and the Centra sandbox's whole state is byte for byte what
 * it was. The same sales through a live connector then write exactly what shadow mode recorded. On H2 and
 * PostgreSQL.
 */
@org.junit.jupiter.api.Tag("db")
class ShadowModeTest {

    private static final Map<String, String> ADMIN = Map.of("Authorization", "Bearer " + Demo.ADMIN_TOKEN);
    private static final Map<String, String> HEAD = Map.of("Authorization", "Bearer " + Demo.CONNECTOR_TOKEN);
    private static final Map<String, String> STOCKHOLM = Map.of("Authorization", "Bearer demo-pos-key-0001");
    private static final Map<String, String> GOTEBORG = Map.of("Authorization", "Bearer demo-pos-key-0002");

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(60));
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as(what + " within 60 s").isBefore(end);
            Thread.sleep(100);
        }
    }

    private static String sale(String id, int receipt, String itemId, String ean, int qty) {
        return """
                {"TransactionId": "%s", "Type": "Sale", "StoreId": 1, "Pos": 1, "ZNumber": 1, "ReceiptNumber": %d, "Timestamp": "%s",
                 "Lines": [{"LineNumber": 1, "ItemId": "%s", "Barcode": "%s", "Quantity": %d, "UnitPrice": 599, "Amount": %d}],
                 "Payments": [{"TenderCode": 2, "Amount": %d}], "Total": %d}""".formatted(id, receipt,
                Instant.now().toString().replaceAll("\\.\\d+", ""), itemId, ean, qty, qty * 599, qty * 599, qty * 599);
    }

    private static final List<String[]> SALES = List.of(new String[]{"shadow-1", "1", "LS100-WH-M", "7350000010022", "1"},
            new String[]{"shadow-2", "2", "LS100-WH-M", "7350000010022", "2"}, new String[]{"shadow-3", "3", "LS100-WH-S", "7350000010015", "1"});

    private static ConfigurableApplicationContext connector(String centraBase, String mode, dev.kassa.common.testing.TestDatabase db) {
        List<String> args = new ArrayList<>(List.of(db.asArgs()));
        args.addAll(Demo.connectorProperties(centraBase, "http://127.0.0.1:9"));
        args.addAll(List.of("--server.port=0", "--logging.level.root=WARN", "--kassa.connector.mode=" + mode,
                "--kassa.connector.stock.poll-millis=3600000"));
        return new org.springframework.boot.builder.SpringApplicationBuilder(ConnectorApplication.class).run(args.toArray(String[]::new));
    }

    /** Posts the sales, then runs the stock writer once for Stockholm (all three lines in one cycle). */
    private static void sell(ConfigurableApplicationContext connector, String kassa) throws InterruptedException {
        await("the catalogue mirrored", () -> Http.send("GET", kassa + "/api/pos/items", STOCKHOLM, null).json().get("Items").size() == 31);
        for (String[] s : SALES) {
            Http.Response r = Http.send("POST", kassa + "/api/pos/transactions", STOCKHOLM,
                    sale(s[0], Integer.parseInt(s[1]), s[2], s[3], Integer.parseInt(s[4])));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        }
        connector.getBean(dev.kassa.connector.stock.StockWriter.class).cycle("stockholm");
    }

    @Test
    void shadowModeWritesNothingAndRecordsWhatLiveModeThenWrites() throws Exception {
        try (ConfigurableApplicationContext centra = DemoWiringTest.start(CentraSandboxApplication.class, List.of())) {
            String centraBase = "http://127.0.0.1:" + centra.getEnvironment().getProperty("local.server.port");
            Map<String, Integer> shadowWrites = new TreeMap<>();
            dev.kassa.common.testing.TestDatabase db = dev.kassa.common.testing.TestDatabase.fresh();
            String before;
            try (ConfigurableApplicationContext shadow = connector(centraBase, "shadow", db)) {
                String kassa = "http://127.0.0.1:" + shadow.getEnvironment().getProperty("local.server.port");
                ObjectNode state = (ObjectNode) Http.send("GET", centraBase + "/sandbox/state", ADMIN, null).json();
                ((ObjectNode) state.get("webhooks").get(0)).put("url", kassa + "/webhooks/centra");
                assertThat(Http.send("PUT", centraBase + "/sandbox/state", ADMIN, state.toString()).status()).isEqualTo(200);
                // a web order offered to Göteborg reaches the connector as an offer
                Http.send("POST", centraBase + "/sandbox/web-orders", ADMIN, """
                        {"country":"SE","customer":{"email":"eva@example.com","firstName":"Eva"},"lines":[{"ean":"7350000010015","qty":1}],
                         "offers":[{"warehouse":3}]}""");
                await("the offer", () -> Http.send("GET", kassa + "/api/stores/goteborg/offers", GOTEBORG, null).body().contains("\"offered\""));
                long offer = Http.send("GET", kassa + "/api/stores/goteborg/offers", GOTEBORG, null).json().get("offers").get(0).get("id").asLong();
                before = Http.send("GET", centraBase + "/sandbox/state", ADMIN, null).body();

                sell(shadow, kassa);
                assertThat(Http.send("POST", kassa + "/api/stores/goteborg/offers/" + offer + "/accept", GOTEBORG, "{\"by\":\"anna\"}").status())
                        .isEqualTo(200);
                shadow.getBean(dev.kassa.connector.shipfromstore.ShipFromStore.class).workAll();

                JsonNode recorded = Http.send("GET", kassa + "/api/admin/shadow", HEAD, null).json();
                assertThat(recorded.get("mode").asString()).isEqualTo("shadow");
                recorded.get("stockWrites").forEach(w -> shadowWrites.put(w.get("itemId").asString(), w.get("wouldWrite").asInt()));
                assertThat(shadowWrites).containsOnlyKeys("LS100-WH-M", "LS100-WH-S");
                assertThat(recorded.get("calls").toString()).contains("check-first", "accept");
                JsonNode offerNow = Http.send("GET", kassa + "/api/stores/goteborg/offers/" + offer, GOTEBORG, null).json();
                assertThat(offerNow.get("state").asString()).isEqualTo("shadowed");

                String after = Http.send("GET", centraBase + "/sandbox/state", ADMIN, null).body();
                assertThat(after).as("Centra's state, byte for byte").isEqualTo(before);
            }

            // switched to live on the same database: nothing recorded in shadow is replayed
            try (ConfigurableApplicationContext switched = connector(centraBase, "live", db)) {
                switched.getBean(dev.kassa.connector.stock.StockWriter.class).cycle("stockholm");
                switched.getBean(dev.kassa.connector.shipfromstore.ShipFromStore.class).workAll();
                assertThat(Http.send("GET", centraBase + "/sandbox/state", ADMIN, null).body()).as("after the switch to live").isEqualTo(before);
            }

            // the same sales through a live connector (its own database): it writes what shadow mode recorded
            try (ConfigurableApplicationContext live = connector(centraBase, "live", dev.kassa.common.testing.TestDatabase.fresh())) {
                String kassa = "http://127.0.0.1:" + live.getEnvironment().getProperty("local.server.port");
                sell(live, kassa);
                Map<String, Integer> written = new TreeMap<>();
                Http.send("GET", kassa + "/api/admin/stock/writes?store=stockholm", HEAD, null).json().get("writes")
                        .forEach(w -> w.get("items").forEach(i -> written.put(i.get("itemId").asString(), Math.max(i.get("target").asInt(), 0))));
                assertThat(written).isEqualTo(shadowWrites);
                for (Map.Entry<String, Integer> e : written.entrySet()) {
                    String ean = e.getKey().equals("LS100-WH-M") ? "7350000010022" : "7350000010015";
                    assertThat(Http.send("GET", centraBase + "/api/store-stockholm/stock?ean=" + ean,
                            Map.of("API-Authorization", "demo-stockholm-secret"), null).json().get("products").get(0).get("physicalStock").asInt())
                            .isEqualTo(e.getValue());
                }
            }
        }
    }
}
