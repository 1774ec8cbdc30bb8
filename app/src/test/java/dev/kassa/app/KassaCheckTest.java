package dev.kassa.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centara.sandbox.CentaraSandboxApplication;
import dev.kassa.centra.sandbox.CentraSandboxApplication;
import dev.kassa.common.testing.Http;
import dev.kassa.common.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kassa check} against the demo's sandboxes: nothing wrong with the demo's settings, and each
 * misconfiguration a retailer can make — a wrong secret, a wrong web tender, Centara away, a wrong time
 * zone, a warehouse name that is not Centra's, a store plugin writing another warehouse, a database not
 * migrated, a store plugin reading another endpoint's warehouse as a virtual warehouse — is a ✗ naming it,
 * with exit code 1. The write test leaves every warehouse's stock as it was.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KassaCheckTest {

    private static ConfigurableApplicationContext centra;
    private static ConfigurableApplicationContext centara;
    private static String centraBase;
    private static String till;
    private static final TestDatabase DB = TestDatabase.fresh();
    /** An Integration API token that may read stock but not write it. */
    private static final String READ_ONLY = "read-only-integration-api-token";
    private static final Map<String, String> ADMIN = Map.of("Authorization", "Bearer " + Demo.ADMIN_TOKEN);

    @BeforeAll
    static void start() {
        centra = DemoWiringTest.start(CentraSandboxApplication.class, List.of(
                "--kassa.sandbox.integration-api.tokens." + READ_ONLY + "=Warehouse:read,Warehouse.stock:read,ProductSize:read"));
        centara = DemoWiringTest.start(CentaraSandboxApplication.class, List.of());
        centraBase = "http://127.0.0.1:" + centra.getEnvironment().getProperty("local.server.port");
        till = "http://127.0.0.1:" + centara.getEnvironment().getProperty("local.server.port");
        // the connector's database, as the connector leaves it after its first start
        Flyway.configure().dataSource(DB.url(), DB.properties().get("spring.datasource.username"), DB.properties().get("spring.datasource.password")).locations("classpath:db/connector")
                .table("connector_schema_history").load().migrate();
    }

    @AfterAll
    static void stop() {
        centara.close();
        centra.close();
    }

    private record Checked(int status, String table) {
    }

    private static Checked check(List<String> db, String... changes) {
        List<String> args = new ArrayList<>(List.of("check"));
        args.addAll(db);
        List<String> settings = new ArrayList<>(Demo.connectorProperties(centraBase, till));
        for (String change : changes) {
            if (!change.contains("=")) {
                args.add(change); // an option of the check, such as --write-test EAN
                continue;
            }
            String name = change.substring(0, change.indexOf('=') + 1);
            settings.removeIf(s -> s.startsWith(name));
            settings.add(change);
        }
        args.addAll(settings);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Kassa.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        return new Checked(status, out.toString(StandardCharsets.UTF_8));
    }

    private static Checked check(String... changes) {
        return check(List.of(DB.asArgs()), changes);
    }

    @Test
    @Order(1)
    void theDemosSettingsPass() {
        Checked c = check();
        assertThat(c.table()).as(c.table()).doesNotContain("✗").contains("✓ database", "✓ database migrations", "✓ Centra endpoint se",
                "✓ Centra store goteborg", "✓ store berlin has its own endpoint", "✓ catalogue de", "✓ Centara store 3 (berlin)",
                "✓ webhook secret", "No problem found.");
        assertThat(c.status()).isZero();
    }

    @Test
    @Order(2)
    void eachMisconfigurationIsNamed() {
        Checked secret = check("--kassa.connector.stores[0].centra-endpoint.secret=not-the-secret");
        assertThat(secret.status()).isEqualTo(1);
        assertThat(secret.table()).contains("✗ Centra store stockholm", "refused the secret (401)", "copy the plugin's secret");

        Checked tender = check("--kassa.connector.centara.web-tender=77");
        assertThat(tender.table()).contains("✗ Centara store 1 (stockholm)", "Centara has no tender 77", "web-tender");
        Checked store = check("--kassa.connector.stores[1].centara-store=42");
        assertThat(store.table()).contains("✗ Centara store 42 (goteborg)", "Centara has no store 42");

        Checked away = check("--kassa.connector.centara.base-url=http://127.0.0.1:9");
        assertThat(away.table()).contains("✗ Centara", "no answer at http://127.0.0.1:9");
        assertThat(away.status()).isEqualTo(1);

        Checked shared = check("--kassa.connector.stores[0].centra-endpoint.base-url=" + centraBase + "/api/order-api-se",
                "--kassa.connector.stores[0].centra-endpoint.secret=demo-se-secret");
        assertThat(shared.table()).contains("✗ store stockholm has its own endpoint", "shares", "with endpoint se");

        Checked fresh = check(List.of(TestDatabase.fresh().asArgs()));
        assertThat(fresh.table()).contains("✗ database migrations", "not applied yet", "start the connector once");

        Checked config = check("--kassa.connector.stores[0].country=no-such");
        assertThat(config.table()).contains("✗ configuration", "kassa.connector.stores[0].country");
        assertThat(config.status()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void afterADayOfTheDemoEveryRowIsChecked() throws Exception {
        // the connector runs on the database for a while, as the demo does: a till sale, an order accepted by each
        // Swedish shop (in the till now), and a German web order (an allocation request for Berlin)
        List<String> args = new ArrayList<>(List.of(DB.asArgs()));
        args.addAll(Demo.connectorProperties(centraBase, till));
        args.addAll(List.of("--server.port=0", "--logging.level.root=WARN"));
        try (ConfigurableApplicationContext connector = new org.springframework.boot.builder.SpringApplicationBuilder(
                dev.kassa.connector.ConnectorApplication.class).run(args.toArray(String[]::new))) {
            String kassa = "http://127.0.0.1:" + connector.getEnvironment().getProperty("local.server.port");
            ObjectNode state = (ObjectNode) Http.send("GET", centraBase + "/sandbox/state", ADMIN, null).json();
            ((ObjectNode) state.get("webhooks").get(0)).put("url", kassa + "/webhooks/centra");
            assertThat(Http.send("PUT", centraBase + "/sandbox/state", ADMIN, state.toString()).status()).isEqualTo(200);
            java.util.function.BooleanSupplier mirrored = () -> Http.send("GET", kassa + "/api/pos/items",
                    Map.of("Authorization", "Bearer demo-pos-key-0001"), null).json().get("Items").size() == 31;
            for (int i = 0; i < 600 && !mirrored.getAsBoolean(); i++) {
                Thread.sleep(100);
            }
            Http.Response sale = Http.send("POST", kassa + "/api/pos/transactions", Map.of("Authorization", "Bearer demo-pos-key-0001"), """
                    {"TransactionId": "check-1", "Type": "Sale", "StoreId": 1, "Timestamp": "%s",
                     "Lines": [{"LineNumber": 1, "ItemId": "LS100-WH-M", "Quantity": 1}]}""".formatted(
                    java.time.Instant.now().toString().replaceAll("\\.\\d+", "")));
            assertThat(sale.status()).as(sale.body()).isEqualTo(200);
            // an item each shop has in stock
            for (String[] shop : new String[][]{{"stockholm", "2", "demo-pos-key-0001", "7350000010022"},
                    {"goteborg", "3", "demo-pos-key-0002", "7350000010015"}}) {
                Http.send("POST", centraBase + "/sandbox/web-orders", ADMIN, """
                        {"country":"SE","customer":{"email":"eva@example.com","firstName":"Eva"},"lines":[{"ean":"%s","qty":1}],
                         "offers":[{"warehouse":%s}]}""".formatted(shop[3], shop[1]));
                Map<String, String> key = Map.of("Authorization", "Bearer " + shop[2]);
                String offers = kassa + "/api/stores/" + shop[0] + "/offers";
                for (int i = 0; i < 300 && !Http.send("GET", offers, key, null).body().contains("\"offered\""); i++) {
                    Thread.sleep(100);
                }
                long id = Http.send("GET", offers, key, null).json().get("offers").get(0).get("id").asLong();
                assertThat(Http.send("POST", offers + "/" + id + "/accept", key, "{}").status()).isEqualTo(200);
                connector.getBean(dev.kassa.connector.shipfromstore.ShipFromStore.class).workAll();
                assertThat(Http.send("GET", offers + "/" + id, key, null).json().get("state").asString()).isEqualTo("in_till");
            }
        }
        Http.Response order = Http.send("POST", centraBase + "/sandbox/web-orders", ADMIN, """
                {"country":"DE","customer":{"email":"jonas@example.com","firstName":"Jonas"},"lines":[{"ean":"7350000010015","qty":1}]}""");
        assertThat(order.status()).as(order.body()).isLessThan(300);
        Checked all = check();
        assertThat(all.table()).as(all.table()).doesNotContain("✗", "–").contains("✓ Centra time zone", "✓ store berlin warehouse name",
                "✓ store stockholm warehouse name", "✓ store goteborg warehouse name", "✓ till items in Centra", "No problem found.");
        assertThat(all.status()).isZero();
    }

    @Test
    @Order(4)
    void theTimeZoneAndTheWarehouseNameAreComparedWithWhatCentraWrites() {

        Checked zone = check("--kassa.connector.centra.time-zone=America/New_York");
        assertThat(zone.table()).contains("✗ Centra time zone", "America/New_York was -05:00 then");
        Checked name = check("--kassa.connector.stores[2].ship-from-store.centra-warehouse-name=Berlin Mitte");
        assertThat(name.table()).contains("✗ store berlin warehouse name", "Centra calls warehouse 4 'Store Berlin'",
                "the setting says 'Berlin Mitte'");
    }

    @Test
    @Order(5)
    void theWriteTestFindsAVirtualWarehouseAndAPluginWritingAnotherWarehouseAndSetsStockBack() {
        String ean = "7350000010022";
        Checked fine = check("--write-test", ean);
        assertThat(fine.table()).as(fine.table()).contains("✓ store stockholm writes its own warehouse",
                "✓ store goteborg reads back what it writes", "✓ store berlin stock set back", "✓ endpoint se stock set back",
                "✓ store goteborg has no virtual warehouse", "– virtual warehouses no endpoint writes").doesNotContain("✗");
        int stockholm = physical("store-stockholm", "demo-stockholm-secret", ean);

        // Göteborg's plugin also reads Central (a virtual warehouse): the country endpoints write Central
        ObjectNode state = (ObjectNode) Http.send("GET", centraBase + "/sandbox/state", ADMIN, null).json();
        apiNamed(state, "store-goteborg").putArray("virtualWarehouses").add(1);
        assertThat(Http.send("PUT", centraBase + "/sandbox/state", ADMIN, state.toString()).status()).isEqualTo(200);
        int central = physical("order-api-se", "demo-se-secret", ean);
        assertThat(physical("store-goteborg", "demo-goteborg-secret", ean)).as("Göteborg reads Central too").isGreaterThan(central);
        Checked virtual = check("--write-test", ean);
        assertThat(virtual.status()).isEqualTo(1);
        assertThat(virtual.table()).as(virtual.table()).contains("✗ store goteborg has no virtual warehouse",
                "its stock moved when endpoint de, endpoint se wrote", "remove the virtual warehouses",
                "✓ store goteborg writes its own warehouse", "✓ store stockholm writes its own warehouse",
                "✓ store stockholm has no virtual warehouse", "✓ store goteborg stock set back");

        // and Stockholm's plugin writes Central: a shared primary, named on Stockholm; Göteborg's virtual still named
        apiNamed(state, "store-stockholm").put("primaryWarehouse", 1);
        assertThat(Http.send("PUT", centraBase + "/sandbox/state", ADMIN, state.toString()).status()).isEqualTo(200);
        Checked wrong = check("--write-test", ean);
        assertThat(wrong.status()).isEqualTo(1);
        assertThat(wrong.table()).as(wrong.table()).contains("✗ store stockholm writes its own warehouse",
                "changed what endpoint de, endpoint se read", "✗ store goteborg has no virtual warehouse",
                "its stock moved when endpoint de, endpoint se, store stockholm wrote", "✓ store berlin has no virtual warehouse",
                "✓ store goteborg stock set back", "✓ store stockholm stock set back");
        assertThat(physical("order-api-se", "demo-se-secret", ean)).as("Central's stock is as it was").isEqualTo(central);
        assertThat(stockholm).isNotNegative();
    }

    @Test
    @Order(6)
    void onTheIntegrationApiTheTokenTheWarehousesAndAWriteAreChecked() {
        String[] api = {"--kassa.connector.centra.api=integration-api", "--kassa.connector.centra.integration-api.base-url=" + centraBase,
                "--kassa.connector.centra.integration-api.token=" + dev.kassa.centra.sandbox.integrationapi.Tokens.DEMO};
        Checked read = check(api);
        assertThat(read.table()).as(read.table()).contains("✓ Centra Integration API", "answers and takes the token",
                "mutations left in the one hour window", "✓ store stockholm stock through the Integration API", "warehouse 2 and its stock readable",
                "✓ store berlin stock through the Integration API", "– store goteborg writes through the Integration API",
                "--write-test EAN").doesNotContain("✗");

        String ean = "7350000010022";
        // Göteborg's plugin reads Central too since the test before: its REST figure is both warehouses' sum
        int before = physical("store-goteborg", "demo-goteborg-secret", ean);
        Checked write = check(concat(api, "--write-test", ean));
        assertThat(write.table()).as(write.table()).contains("✓ store goteborg writes through the Integration API",
                "✓ store goteborg stock set back").containsPattern("writes through the Integration API +wrote (\\d+), read back \\1")
                .containsPattern("goteborg stock set back +is (\\d+), was \\1")
                .doesNotContain("✗ store goteborg writes through", "✗ Centra Integration API"); // the plugins' ✗ are the test before's
        assertThat(physical("store-goteborg", "demo-goteborg-secret", ean)).isEqualTo(before);

        Checked readOnly = check(concat(api, "--kassa.connector.centra.integration-api.token=" + READ_ONLY, "--write-test", ean));
        assertThat(readOnly.status()).isEqualTo(1);
        assertThat(readOnly.table()).as(readOnly.table()).contains("✓ store stockholm stock through the Integration API",
                "✗ store stockholm writes through the Integration API", "StockChange:write");
        assertThat(physical("store-goteborg", "demo-goteborg-secret", ean)).isEqualTo(before);

        Checked wrongToken = check(concat(api, "--kassa.connector.centra.integration-api.token=not-a-token-at-all"));
        assertThat(wrongToken.table()).contains("✗ Centra Integration API", "refused the token (401)", "create an Integration API token");
        Checked noWarehouse = check(concat(api, "--kassa.connector.stores[1].centra-warehouse=99"));
        assertThat(noWarehouse.table()).contains("✗ store goteborg stock through the Integration API", "Centra has no warehouse 99",
                "centra-warehouse");
        assertThat(noWarehouse.status()).isEqualTo(1);
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }

    private static ObjectNode apiNamed(ObjectNode state, String uri) {
        for (JsonNode api : state.get("orderApi")) {
            if (api.get("uri").asString().equals(uri)) {
                return (ObjectNode) api;
            }
        }
        throw new AssertionError("no Order API " + uri + " in " + state.get("orderApi"));
    }

    private static int physical(String uri, String secret, String ean) {
        return Http.send("GET", centraBase + "/api/" + uri + "/stock?ean=" + ean, Map.of("API-Authorization", secret), null).json()
                .get("products").get(0).get("physicalStock").asInt();
    }
}
