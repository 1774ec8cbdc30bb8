package dev.kassa.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centra.sandbox.CentraSandboxApplication;
import dev.kassa.centara.sandbox.CentaraSandboxApplication;
import dev.kassa.common.testing.Http;
import dev.kassa.common.testing.TestDatabase;
import dev.kassa.connector.ConnectorApplication;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.node.ObjectNode;

/**
 * The demo's wiring, as {@code kassa demo} starts it but on free ports: both sandboxes with the demo
 * retailer and the connector with {@link Demo#connectorProperties}. A sale at a Centara till reaches the
 * connector by the till's push and lowers the store's web stock in Centra; the till's item feed has the
 * Centra catalogue with Swedish prices.
 */
class DemoWiringTest {


    /** One of the demo's programs on a free port, on a fresh database, seeded with the demo retailer. */
    static ConfigurableApplicationContext start(Class<?> app, List<String> extra) {
        List<String> args = new ArrayList<>(List.of(TestDatabase.fresh().asArgs()));
        args.addAll(List.of("--server.port=0", "--kassa.sandbox.admin-token=" + Demo.ADMIN_TOKEN, "--kassa.sandbox.seed=demo",
                "--logging.level.root=WARN"));
        args.addAll(extra);
        return new SpringApplicationBuilder(app).run(args.toArray(String[]::new));
    }

    private static String base(ConfigurableApplicationContext c) {
        return "http://127.0.0.1:" + c.getEnvironment().getProperty("local.server.port");
    }

    private static int stockholmPhysical(String centra, String ean) {
        return Http.send("GET", centra + "/api/store-stockholm/stock?ean=" + ean, Map.of("API-Authorization", "demo-stockholm-secret"),
                null).json().get("products").get(0).get("physicalStock").asInt();
    }

    private static void await(String what, java.util.function.BooleanSupplier done, java.util.function.Supplier<String> story)
            throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(60));
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError(what + " did not happen within 60 s; " + story.get());
            }
            Thread.sleep(100);
        }
    }

    @Test
    void aSaleAtTheTillLowersWebStockAndTheTillFeedHasTheCatalogue() throws Exception {
        try (ConfigurableApplicationContext centra = start(CentraSandboxApplication.class, List.of());
             ConfigurableApplicationContext centara = start(CentaraSandboxApplication.class, List.of())) {
            String centraBase = base(centra);
            String till = base(centara);
            List<String> connectorArgs = new ArrayList<>(Demo.connectorProperties(centraBase, till));
            try (ConfigurableApplicationContext connector = start(ConnectorApplication.class, connectorArgs)) {
                String kassa = base(connector);
                // the demo's till pushes to 127.0.0.1:8080; here the connector listens elsewhere
                Map<String, String> admin = Map.of("Authorization", "Bearer " + Demo.ADMIN_TOKEN);
                ObjectNode state = (ObjectNode) Http.send("GET", till + "/sandbox/state", admin, null).json();
                ((ObjectNode) state.get("transactionTarget")).put("url", kassa + "/api/pos/transactions");
                assertThat(Http.send("PUT", till + "/sandbox/state", admin, state.toString()).status()).isEqualTo(200);

                Map<String, String> pos = Map.of("Authorization", "Bearer demo-pos-key-0001");
                Map<String, String> head = Map.of("Authorization", "Bearer " + Demo.CONNECTOR_TOKEN);
                await("the catalogue reached the till feed", () ->
                        Http.send("GET", kassa + "/api/pos/items", pos, null).json().get("Items").size() == 31,
                        () -> Http.send("GET", kassa + "/api/admin/catalogue", head, null).body());
                assertThat(Http.send("GET", kassa + "/api/pos/items", pos, null).json().get("Items").get(0).get("Currency")
                        .asString()).as("Stockholm's till gets Swedish prices").isEqualTo("SEK");

                // an item the demo's Stockholm shop has at least two of
                String ean = null;
                for (tools.jackson.databind.JsonNode row : Http.send("GET", centraBase + "/api/store-stockholm/stock?limit=100",
                        Map.of("API-Authorization", "demo-stockholm-secret"), null).json().get("products")) {
                    if (ean == null && row.get("physicalStock").asInt() - row.get("allocatedStock").asInt() >= 2) {
                        ean = row.get("ean").asString();
                    }
                }
                assertThat(ean).as("the demo's Stockholm shop stocks something").isNotNull();
                String sold = ean;
                int before = stockholmPhysical(centraBase, sold);
                Http.Response sale = Http.send("POST", till + "/sandbox/stores/1/sales", admin,
                        "{\"pos\": 1, \"tender\": 2, \"lines\": [{\"barcode\": \"" + sold + "\", \"quantity\": 2, \"price\": 599}]}");
                assertThat(sale.status()).as(sale.body()).isEqualTo(201);

                await("the sale lowered Stockholm's web stock", () -> stockholmPhysical(centraBase, sold) == before - 2,
                        () -> "till: " + Http.send("GET", till + "/sandbox/transactions", admin, null).body() + "; connector: "
                                + Http.send("GET", kassa + "/api/admin/stock", head, null).body());
                Http.Response stock = Http.send("GET", kassa + "/api/admin/stock", head, null);
                assertThat(stock.body()).contains("\"store\":\"stockholm\"", "\"store\":\"berlin\"");
            }
        }
    }
}
