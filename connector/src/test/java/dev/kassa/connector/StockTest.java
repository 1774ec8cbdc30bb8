package dev.kassa.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.common.demo.DemoCatalogue;
import dev.kassa.common.testing.Http;
import dev.kassa.common.testing.TestDatabase;
import dev.kassa.connector.catalogue.CatalogueSync;
import dev.kassa.connector.stock.StockWriter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the stock tests: the real connector over real HTTP against a real Centra sandbox (the demo
 * retailer), on a fresh database. The writer's schedule is slowed to once an hour so each test drives it
 * itself ({@link #drain}), and so knows exactly which writes happened. The Centra sandbox is shared by
 * all stock test classes; each test uses stock items of its own.
 */
@Tag("db")
@SpringBootTest(classes = ConnectorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.dev.kassa=WARN", "kassa.connector.admin-token=" + StockTest.ADMIN,
                "kassa.connector.stock.poll-millis=3600000", "kassa.connector.stock.reconcile-millis=3600000",
                "kassa.connector.catalogue.sync-millis=0", "kassa.connector.catalogue.page-size=5",
                "kassa.connector.centra.write-budget.writes-per-10s=1000",
                "kassa.connector.centra.write-budget.writes-per-hour=100000",
                "kassa.connector.centra.retry.first-backoff-millis=1", "kassa.connector.centra.retry.max-attempts=2"})
public abstract class StockTest {

    public static final String ADMIN = "connector-admin-token";
    public static final String STOCKHOLM_KEY = "pos-key-stockholm-0001";
    public static final String GOTEBORG_KEY = "pos-key-goteborg-0002";
    public static final String BERLIN_KEY = "pos-key-berlin-00003";
    protected static final CentraSandbox CENTRA = CentraSandbox.start();
    /** Germany's endpoint goes through this proxy, which holds a call until a test releases it. */
    protected static final FlakyProxy PROXY = new FlakyProxy(CENTRA.base());
    private static final TestDatabase DB = TestDatabase.fresh();

    @LocalServerPort
    protected int port;
    @Autowired
    protected StockWriter writer;
    @Autowired
    protected CatalogueSync catalogue;
    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        // as a placeholder with the shared database as its default, so that a subclass can name its own whatever the
        // order Spring calls the two methods in (ownDatabase)
        DB.properties().forEach((k, v) -> registry.add(k, () -> "${" + OWN_DATABASE + k + ":" + v + "}"));
        // A list binds from one property source only, so every store property comes from here.
        Map<String, String> stores = CENTRA.connectorPropertiesWithStores(STOCKHOLM_KEY, GOTEBORG_KEY);
        // Berlin records its sales as Centra orders (spec §13.11); failures come from the sandbox's own faults.
        // Germany's endpoint goes through the proxy, which can hold a call until a test releases it (a sandbox
        // fault holds for a time, not until a test has looked: CatalogueSyncTest)
        stores.put("kassa.connector.centra.endpoints.de.base-url", PROXY.url() + "/api/order-api-de");
        stores.put("kassa.connector.centra.endpoints.de.secret", "demo-de-secret");
        stores.put("kassa.connector.stores[2].centra-endpoint.base-url", CENTRA.base() + "/api/store-berlin");
        stores.put("kassa.connector.stores[2].centra-endpoint.secret", CentraSandbox.BERLIN_SECRET);
        stores.put("kassa.connector.stores[2].id", "berlin");
        stores.put("kassa.connector.stores[2].name", "Store Berlin");
        stores.put("kassa.connector.stores[2].country", "de");
        stores.put("kassa.connector.stores[2].centra-warehouse", "4");
        stores.put("kassa.connector.stores[2].centara-store", "3");
        stores.put("kassa.connector.stores[2].pos-api-key", BERLIN_KEY);
        stores.put("kassa.connector.stores[2].sales-as", "orders");
        stores.forEach((k, v) -> registry.add(k, () -> v));
    }

    private static final String OWN_DATABASE = "kassa.test.own-database.";

    /**
     * For a subclass that runs its tests with stock through Centra's Integration API (the sandbox's
     * {@code /graphql}, the demo token): call from its own {@code @DynamicPropertySource}, and
     * {@link #centraPlan} around its tests.
     */
    protected static void onIntegrationApi(DynamicPropertyRegistry registry) {
        registry.add("kassa.connector.centra.api", () -> "integration-api");
        registry.add("kassa.connector.centra.integration-api.base-url", CENTRA::base);
        registry.add("kassa.connector.centra.integration-api.token", () -> dev.kassa.centra.sandbox.integrationapi.Tokens.DEMO);
    }

    /**
     * Sets the sandbox's Integration API plan: {@code off} for tests whose own write budget (1,000 writes per
     * 10 s) Centra's Growth plan would only slow, {@code growth} again after them.
     */
    protected static void centraPlan(String plan) {
        CENTRA.admin("PUT", "/sandbox/integration-api", "{\"plan\": \"" + plan + "\"}");
    }

    /**
     * For a subclass whose context must not share the stock tests' database (the same items at the same store
     * would be each other's history): call from its own {@code @DynamicPropertySource}.
     */
    protected static void ownDatabase(DynamicPropertyRegistry registry, TestDatabase database) {
        database.properties().forEach((k, v) -> registry.add(OWN_DATABASE + k, () -> v));
    }

    @Autowired
    private dev.kassa.connector.jobs.Jobs jobs;

    @BeforeEach
    void noJobsRun() {
        // These tests run the writer themselves (drain): a cycle the job engine ran beside them (every recurring
        // job runs at an engine's start) held the store's lock, so drain found nothing to do and returned while
        // the lines were still being written. A context with other settings (StockPropertyOnIntegrationApiTest)
        // stays cached beside this one on the same database: its engine is stopped too.
        dev.kassa.connector.jobs.OneEngineAtATime.none(jobs);
    }

    @BeforeEach
    void catalogueKnown() {
        if (jdbc.sql("select count(*) from connector_catalogue_item").query(Integer.class).single() == 0) {
            assertThat(catalogue.sync("se", false).ran()).isTrue();
        }
    }

    protected String base() {
        return "http://127.0.0.1:" + port;
    }

    /** A demo item by stock item id (1001 …): its Centara ItemId and EAN. */
    public record Item(long stockItemId, String itemId, String ean) {
    }

    public static Item item(long stockItemId) {
        for (DemoCatalogue.Variant v : DemoCatalogue.variants()) {
            for (DemoCatalogue.Size s : v.sizes()) {
                if (s.stockItemId() == stockItemId) {
                    return new Item(stockItemId, v.model().sku() + "-" + v.colour().code() + "-" + s.sizeSku(), s.ean());
                }
            }
        }
        throw new IllegalArgumentException("no demo stock item " + stockItemId);
    }

    /** One line of a POS transaction. */
    public record Line(String itemId, String barcode, int quantity) {
    }

    public static Line line(Item item, int quantity) {
        return new Line(item.itemId(), null, quantity);
    }

    public static String newId(int store) {
        return store + ".1." + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Receipt numbers in the order the tests ring transactions up, as a till numbers them. */
    private static final java.util.concurrent.atomic.AtomicLong RECEIPT = new java.util.concurrent.atomic.AtomicLong();

    /** The JSON of a POS transaction of Centara store 1, 2 or 3, with the next receipt number of till 1. */
    public static String transaction(String id, int store, String type, OffsetDateTime at, List<Line> lines) {
        return transaction(id, store, type, at, 1, RECEIPT.incrementAndGet(), lines);
    }

    /** The JSON of a POS transaction rung up at till {@code pos} as receipt {@code receipt} of Z 1. */
    public static String transaction(String id, int store, String type, OffsetDateTime at, int pos, long receipt, List<Line> lines) {
        List<String> json = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            json.add("{\"LineNumber\": %d, \"ItemId\": \"%s\", \"Barcode\": %s, \"Quantity\": %d%s}".formatted(i + 1, l.itemId(),
                    l.barcode() == null ? "null" : "\"" + l.barcode() + "\"", l.quantity(),
                    type.equals("Sale") ? ", \"UnitPrice\": 100, \"Amount\": " + 100 * l.quantity() : ""));
        }
        return """
                {"TransactionId": "%s", "Type": "%s", "StoreId": %d, "Pos": %d, "ZNumber": 1, "ReceiptNumber": %d,
                 "Timestamp": "%s", "Lines": [%s]}""".formatted(id, type, store, pos, receipt, at.withNano(0), String.join(", ", json));
    }

    protected Http.Response post(String key, String body) {
        return Http.send("POST", base() + "/api/pos/transactions", Map.of("Authorization", "Bearer " + key), body);
    }

    /** Posts a sale (negative: return) at Stockholm and expects it stored; its TransactionId. */
    protected String sell(OffsetDateTime at, Line... lines) {
        String id = newId(1);
        Http.Response r = post(STOCKHOLM_KEY, transaction(id, 1, "Sale", at, List.of(lines)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return id;
    }

    protected String count(OffsetDateTime at, Line... lines) {
        String id = newId(1);
        Http.Response r = post(STOCKHOLM_KEY, transaction(id, 1, "Count", at, List.of(lines)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return id;
    }

    protected static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.ofHours(1));
    }

    /** Runs the writer of a store until it has nothing more to do; the number of cycles that did something. */
    protected int drain(String store) {
        int n = 0;
        while (writer.cycle(store)) {
            n++;
            assertThat(n).as("the writer keeps finding work").isLessThan(1000);
        }
        return n;
    }

    protected String lineState(String transactionId, int line) {
        return jdbc.sql("select state from connector_pos_line where transaction_id = ? and line_number = ?")
                .params(transactionId, line).query(String.class).single();
    }

    protected Http.Response admin(String method, String path, String body) {
        return Http.send(method, base() + path, Map.of("Authorization", "Bearer " + ADMIN), body);
    }
}
