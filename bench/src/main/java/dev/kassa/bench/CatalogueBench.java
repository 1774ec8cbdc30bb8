package dev.kassa.bench;

import dev.kassa.centra.sandbox.seed.CatalogueGenerator;
import dev.kassa.connector.ConnectorApplication;
import dev.kassa.connector.catalogue.CatalogueSync;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connector's catalogue sync of a large catalogue from the Centra sandbox (issue 18): a full sync into an
 * empty mirror, then a forced full resync with nothing changed (it must write no row), each beside a
 * baseline in the same run: the same pages read over HTTP with a plain client, and (for the first sync) the
 * same number of rows inserted with plain JDBC batches.
 */
final class CatalogueBench {

    private CatalogueBench() {
    }

    static void run(String[] args) throws Exception {
        BenchSupport.Options o = BenchSupport.Options.parse(args, Map.of("--stock-items", "100000"));
        int items = o.integer("--stock-items");
        try (ConfigurableApplicationContext centra = BenchSupport.centraSandbox(o.sandboxDbUrl(), o)) {
            String base = BenchSupport.baseUrl(centra);
            HttpClient http = BenchSupport.http();
            long loadStart = System.nanoTime();
            BenchSupport.admin(http, base, "PUT", "/sandbox/state",
                    JsonMapper.builder().build().writeValueAsString(CatalogueGenerator.generate(items, 1)), 200);
            double loaded = (System.nanoTime() - loadStart) / 1e9;
            String endpoint = base + "/api/" + CatalogueGenerator.URI;
            List<String> props = List.of("--server.port=0", "--spring.datasource.url=" + o.dbUrl(),
                    "--spring.datasource.username=" + o.text("--db-user"), "--spring.datasource.password=" + o.text("--db-password"),
                    "--logging.level.root=WARN", "--spring.main.banner-mode=off",
                    "--kassa.connector.admin-token=" + BenchSupport.ADMIN_TOKEN + "-connector",
                    "--kassa.connector.catalogue.sync-millis=0", "--kassa.connector.catalogue.page-size=1000",
                    "--kassa.connector.stock.poll-millis=3600000", "--kassa.connector.stock.reconcile-millis=3600000",
                    "--kassa.connector.ship-from-store.safety-net-millis=0",
                    "--kassa.connector.centra.endpoints.se.base-url=" + endpoint,
                    "--kassa.connector.centra.endpoints.se.secret=" + CatalogueGenerator.SECRET,
                    "--kassa.connector.stores[0].id=bench", "--kassa.connector.stores[0].name=Bench", "--kassa.connector.stores[0].country=se",
                    "--kassa.connector.stores[0].centra-warehouse=" + CatalogueGenerator.SHOP, "--kassa.connector.stores[0].centara-store=1",
                    "--kassa.connector.stores[0].pos-api-key=bench-pos-key-0001",
                    "--kassa.connector.stores[0].centra-endpoint.base-url=" + endpoint,
                    "--kassa.connector.stores[0].centra-endpoint.secret=" + CatalogueGenerator.SECRET);
            try (ConfigurableApplicationContext connector = new SpringApplicationBuilder(ConnectorApplication.class)
                    .run(props.toArray(String[]::new))) {
                CatalogueSync sync = connector.getBean(CatalogueSync.class);
                DataSource db = connector.getBean(DataSource.class);
                // warm up: the HTTP paths and the baseline's statements, once each
                readPages(http, endpoint, 2);
                System.out.printf(Locale.ROOT, "Connector catalogue sync, %,d stock items (loaded into the sandbox in %.1f s), %s, "
                        + "pages of 1000, %d cores%n%n", items, loaded, BenchSupport.databaseName(o.dbUrl()),
                        Runtime.getRuntime().availableProcessors());
                long t0 = System.nanoTime();
                CatalogueSync.Result first = sync.sync("se", true);
                double full = (System.nanoTime() - t0) / 1e9;
                long t1 = System.nanoTime();
                int pages = readPages(http, endpoint, Integer.MAX_VALUE);
                double read = (System.nanoTime() - t1) / 1e9;
                long t2 = System.nanoTime();
                insertRows(db, items);
                double inserted = (System.nanoTime() - t2) / 1e9;
                long t3 = System.nanoTime();
                CatalogueSync.Result again = sync.sync("se", true);
                double resync = (System.nanoTime() - t3) / 1e9;
                System.out.println("| measure | connector | baseline | connector / baseline |");
                System.out.println("|---|---:|---:|---:|");
                System.out.printf(Locale.ROOT, "| full sync into an empty mirror (s) | %.1f | %.1f | %.2f |%n", full, read + inserted,
                        full / (read + inserted));
                System.out.printf(Locale.ROOT, "| forced resync, nothing changed (s) | %.1f | %.1f | %.2f |%n", resync, read, resync / read);
                System.out.printf(Locale.ROOT, "%nrows written: first sync %s, resync %s; baseline: %d pages read in %.1f s, %,d rows "
                        + "inserted in %.1f s%n", first, again, pages, read, items, inserted);
            }
        }
    }

    /** GET products page by page with a plain client, as far as {@code max} pages; the pages read. */
    private static int readPages(HttpClient http, String endpoint, int max) throws Exception {
        int page = 1;
        for (; page <= max; page++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/products?limit=1000&page=" + page))
                    .header("API-Authorization", CatalogueGenerator.SECRET).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JsonMapper.builder().build().readTree(r.body());
            if (answer.path("products").isEmpty() || answer.path("next").isNull() || answer.path("next").asString("").isEmpty()) {
                return page;
            }
        }
        return page - 1;
    }

    /** The same number of mirror-sized rows inserted with plain JDBC batches of 1000 into a table of their own. */
    private static void insertRows(DataSource db, int n) throws Exception {
        try (Connection c = db.getConnection()) {
            c.createStatement().execute("create table bench_catalogue_rows (country varchar(8), stock_item_id bigint primary key,"
                    + " item_id varchar(64), ean varchar(64), sku varchar(120), product_name varchar(255), variant_name varchar(255),"
                    + " size_name varchar(120), active boolean, price numeric(18, 2), currency varchar(3), tax_percent numeric(6, 2),"
                    + " content_hash varchar(64), feed_seq bigint)");
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("insert into bench_catalogue_rows values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= n; i++) {
                    p.setString(1, "se");
                    p.setLong(2, i);
                    p.setString(3, "SKU" + i + "-V-S");
                    p.setString(4, CatalogueGenerator.ean(i));
                    p.setString(5, "SKU" + i);
                    p.setString(6, "Product " + i);
                    p.setString(7, "Variant");
                    p.setString(8, "S");
                    p.setBoolean(9, true);
                    p.setBigDecimal(10, java.math.BigDecimal.valueOf(599));
                    p.setString(11, "SEK");
                    p.setBigDecimal(12, java.math.BigDecimal.valueOf(25));
                    p.setString(13, Integer.toHexString(i));
                    p.setLong(14, i);
                    p.addBatch();
                    if (i % 1000 == 0) {
                        p.executeBatch();
                        c.commit();
                    }
                }
                p.executeBatch();
                c.commit();
            }
        }
    }
}
