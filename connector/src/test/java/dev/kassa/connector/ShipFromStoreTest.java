package dev.kassa.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centara.sandbox.CentaraSandboxApplication;
import dev.kassa.centra.sandbox.webhooks.WebhookSignature;
import dev.kassa.common.testing.Http;
import dev.kassa.common.testing.TestDatabase;
import dev.kassa.common.time.AdjustableClock;
import dev.kassa.connector.shipfromstore.EventProcessor;
import dev.kassa.connector.shipfromstore.ShipFromStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Base of the ship-from-store tests: the real connector over real HTTP, a real Centra sandbox (the demo
 * retailer) whose webhooks go to the connector, and a real Centara sandbox (the demo's tills). The
 * connector's clock is an {@link AdjustableClock} the tests move; its background loops are slowed so each
 * test drives the processor and the worker itself.
 */
@Tag("db")
@SpringBootTest(classes = {ConnectorApplication.class, ShipFromStoreTest.Clocks.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.dev.kassa=WARN", "kassa.connector.admin-token=" + ShipFromStoreTest.ADMIN,
                "kassa.connector.stock.poll-millis=3600000", "kassa.connector.stock.reconcile-millis=3600000",
                "kassa.connector.catalogue.sync-millis=0",
                "kassa.connector.ship-from-store.poll-millis=3600000", "kassa.connector.ship-from-store.till-poll-millis=60000",
                "kassa.connector.ship-from-store.safety-net-millis=0",
                "kassa.connector.centra.write-budget.writes-per-10s=1000",
                "kassa.connector.centra.write-budget.writes-per-hour=100000",
                "kassa.connector.centra.retry.first-backoff-millis=1", "kassa.connector.centra.retry.max-attempts=2"})
public abstract class ShipFromStoreTest {

    public static final String ADMIN = "connector-admin-token";
    public static final String WEBHOOK_SECRET = "connector-webhook-secret";
    public static final String STOCKHOLM_KEY = "pos-key-stockholm-0001";
    public static final String GOTEBORG_KEY = "pos-key-goteborg-0002";
    public static final String BERLIN_KEY = "pos-key-berlin-0003";
    public static final String CENTARA_TOKEN = "demo-centara-token";
    /** Every console user of these tests (anna: Göteborg, sven: Stockholm, lena: Berlin, office: head office) has this password. */
    public static final String PASSWORD = "console-test-password";
    private static final String PASSWORD_HASH = new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4).encode(PASSWORD);
    protected static final CentraSandbox CENTRA = CentraSandbox.start();
    protected static final ConfigurableApplicationContext CENTARA = startCentara();
    protected static final String TILL = "http://127.0.0.1:" + CENTARA.getEnvironment().getProperty("local.server.port");
    protected static final Map<String, String> TILL_ADMIN = Map.of("Authorization", "Bearer kassa-demo");
    protected static final TestDatabase DB = TestDatabase.fresh();
    /**
     * The sandbox's webhook goes here once (replacing its state would restart its order numbers), and on
     * to the connector of the test class running (classes with other settings run connectors of their own).
     */
    private static final FlakyProxy WEBHOOKS = new FlakyProxy("http://127.0.0.1:9");
    /**
     * The connector's calls to the stores' Centra endpoints go through this proxy, which can hold a call until a
     * test releases it (ShipmentBesideStockWriteTest); failures come from the sandboxes' own faults (decision 0020).
     */
    protected static final FlakyProxy CENTRA_CALLS = new FlakyProxy(CENTRA.base());
    private static boolean webhookPointed;

    /** The Centara sandbox's HTTP faults (decision 0020): {@code POST} adds the fault {@code json}, {@code DELETE} clears them. */
    protected static tools.jackson.databind.JsonNode centaraFaults(String method, String json) {
        dev.kassa.common.testing.Http.Response r = dev.kassa.common.testing.Http.send(method, TILL + "/sandbox/faults/http", TILL_ADMIN, json);
        org.assertj.core.api.Assertions.assertThat(r.status()).as(r.body()).isIn(200, 201);
        return r.json();
    }

    protected static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    @TestConfiguration
    static class Clocks {
        @Bean
        @org.springframework.context.annotation.Primary
        Clock adjustableClock() {
            return AdjustableClock.system();
        }
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected ShipFromStore worker;
    @Autowired
    protected EventProcessor processor;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected Clock clock;
    @Autowired
    private dev.kassa.connector.jobs.Jobs jobs;

    private static ConfigurableApplicationContext startCentara() {
        List<String> args = new ArrayList<>(List.of(TestDatabase.fresh().asArgs()));
        args.addAll(List.of("--server.port=0", "--kassa.sandbox.admin-token=kassa-demo", "--kassa.sandbox.seed=demo",
                "--logging.level.root=WARN"));
        return new SpringApplicationBuilder(CentaraSandboxApplication.class).run(args.toArray(String[]::new));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        DB.properties().forEach((k, v) -> registry.add(k, () -> v));
        storeProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    /**
     * The stores (Stockholm and Göteborg check first, Berlin direct then confirm), Centra's endpoints and
     * Centara's connection (all from one property source: a list binds from one).
     */
    protected static Map<String, String> storeProperties() {
        Map<String, String> p = CENTRA.connectorPropertiesWithStores(STOCKHOLM_KEY, GOTEBORG_KEY);
        p.put("kassa.connector.centra.endpoints.de.base-url", CENTRA.endpoint("order-api-de"));
        p.put("kassa.connector.centra.endpoints.de.secret", "demo-de-secret");
        p.put("kassa.connector.centra.endpoints.de.pricelist", "EUR");
        String berlin = "kassa.connector.stores[2].";
        p.put(berlin + "id", "berlin");
        p.put(berlin + "name", "Store Berlin");
        p.put(berlin + "country", "de");
        p.put(berlin + "centra-warehouse", "4");
        p.put(berlin + "centara-store", "3");
        p.put(berlin + "pos-api-key", BERLIN_KEY);
        p.put(berlin + "centra-endpoint.secret", "demo-berlin-secret");
        for (String[] store : new String[][] {{"0", "stockholm"}, {"1", "goteborg"}, {"2", "berlin"}}) {
            p.put("kassa.connector.stores[" + store[0] + "].centra-endpoint.base-url", CENTRA_CALLS.url() + "/api/store-" + store[1]);
        }
        p.put("kassa.connector.centara.base-url", TILL);
        p.put("kassa.connector.centara.token", CENTARA_TOKEN);
        p.put("kassa.connector.centara.web-tender", "50");
        p.put("kassa.connector.webhook.secret", WEBHOOK_SECRET);
        // Göteborg's "not in stock" rejects set its stock of the order's items to 0 (ConsoleShopFloorTest)
        p.put("kassa.connector.stores[1].ship-from-store.not-in-stock-corrects-stock", "true");
        // karin works in Göteborg and reads the console in Swedish whatever her browser says (ConsoleLanguageTest)
        String[][] users = {{"anna", "goteborg", ""}, {"sven", "stockholm", ""}, {"lena", "berlin", ""}, {"office", "", ""},
                {"karin", "goteborg", "sv"}};
        for (int i = 0; i < users.length; i++) {
            p.put("kassa.connector.console.users[" + i + "].username", users[i][0]);
            p.put("kassa.connector.console.users[" + i + "].password", PASSWORD_HASH);
            p.put("kassa.connector.console.users[" + i + "].store", users[i][1]);
            p.put("kassa.connector.console.users[" + i + "].language", users[i][2]);
        }
        return p;
    }

    @BeforeEach
    void onlyThisContextsJobsRun() {
        // Contexts with other settings (RulesTest, ReferencePrefixTest) stay cached and alive beside this one, on
        // the same database; their jobs would take this context's offers and work them on their own settings,
        // which no real deployment does (every node of one database has the same settings).
        dev.kassa.connector.jobs.OneEngineAtATime.only(jobs);
    }

    @BeforeEach
    void pointWebhookHere() {
        WEBHOOKS.retarget(base());
        WEBHOOKS.calm();
        CENTRA_CALLS.calm();
        CENTRA.calm();
        centaraFaults("DELETE", null);
        // this context's clock catches up with the sandbox's, which earlier test classes may have moved: the
        // webhook signatures' timestamps and the offers' deadlines are on the sandbox's clock
        Instant sandbox = Instant.parse(CENTRA.admin("GET", "/sandbox/clock", null).json().get("now").asString());
        Duration behind = Duration.between(clock.instant(), sandbox);
        if (behind.toSeconds() > 1) {
            ((AdjustableClock) clock).advance(behind);
        }
        if (webhookPointed) {
            return;
        }
        ObjectNode state = (ObjectNode) CENTRA.admin("GET", "/sandbox/state", null).json();
        ObjectNode hook = (ObjectNode) state.get("webhooks").get(0);
        hook.put("url", WEBHOOKS.url() + "/webhooks/centra").put("secret", WEBHOOK_SECRET);
        Http.Response r = CENTRA.admin("PUT", "/sandbox/state", state.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        webhookPointed = true;
    }

    /** Centra's webhooks go to {@code url} from now on instead of to the connector (until the next test). */
    protected static void webhooksTo(String url) {
        WEBHOOKS.retarget(url);
    }

    /** Centra's webhooks from now on fail before reaching the connector ({@code true}) or arrive again. */
    protected static void webhooksLost(boolean lost) {
        WEBHOOKS.failAll(lost);
    }

    protected static String fixture(String name) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("src", "test", "resources", "fixtures", name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Posts Centra's webhook {@code json} as Centra would, signed with timestamp {@code t}. */
    protected Http.Response deliver(String json, long t) {
        String body = WebhookSignature.body(JSON.readTree(json).toString());
        return Http.send("POST", base() + "/webhooks/centra", Map.of("Content-Type", "application/x-www-form-urlencoded",
                "X-Centra-Signature", WebhookSignature.header(WEBHOOK_SECRET, t, body)), body);
    }

    protected Http.Response deliver(String json) {
        return deliver(json, clock.instant().getEpochSecond());
    }

    protected String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Places a Swedish web order of one item in the Centra sandbox, offered to the named warehouses; its number. */
    protected long placeWebOrder(String ean, int qty, long... warehouses) {
        StringBuilder offers = new StringBuilder();
        for (long w : warehouses) {
            offers.append(offers.isEmpty() ? "" : ", ").append("{\"warehouse\": ").append(w).append(", \"expiresInSeconds\": 3600}");
        }
        Http.Response r = CENTRA.admin("POST", "/sandbox/web-orders", """
                {"country": "SE", "customer": {"email": "eva@example.com", "firstName": "Eva", "lastName": "Lind",
                 "address": "Storgatan 2", "zipcode": "41101", "city": "Göteborg"},
                 "lines": [{"ean": "%s", "qty": %d}], "offers": [%s]}""".formatted(ean, qty, offers));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("orderNumber").asLong();
    }

    /** Waits (real time, the sandbox's sender is asynchronous) until the connector stored an event of the order, then processes. */
    protected void receive(long order, String action) {
        Instant end = Instant.now().plus(Duration.ofSeconds(30));
        while (jdbc.sql("select count(*) from connector_webhook_event where centra_id = ? and action = ?").params(order, action)
                .query(Integer.class).single() == 0) {
            assertThat(Instant.now()).as("the %s event of order %d arrived", action, order).isBefore(end);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        processor.processAll();
    }

    protected JsonNode offerOf(String key, String store, long order) {
        for (JsonNode o : Http.send("GET", base() + "/api/stores/" + store + "/offers", Map.of("Authorization", "Bearer " + key), null)
                .json().get("offers")) {
            if (o.get("order").asLong() == order) {
                return o;
            }
        }
        return null;
    }

    protected Http.Response storeCall(String key, String path, String body) {
        return Http.send("POST", base() + path, Map.of("Authorization", "Bearer " + key), body);
    }

    protected JsonNode centraOrder(long order) {
        return Http.send("GET", CENTRA.endpoint("order-api-se") + "/orders?order=" + order,
                Map.of("API-Authorization", "demo-se-secret"), null).json().get("orders").get(0);
    }

    /**
     * Moves time forward for the connector and the Centra sandbox alike (the offers' deadlines are on the
     * sandbox's clock; the context, and so the clock, is shared by the test classes).
     */
    protected void advance(Duration d) {
        ((AdjustableClock) clock).advance(d);
        Http.Response r = CENTRA.admin("POST", "/sandbox/clock/advance", "{\"seconds\": " + d.toSeconds() + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
}
