package dev.kassa.bench;

import dev.kassa.centra.sandbox.seed.CatalogueGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * POST stock throughput and GET products paging of the Centra sandbox, each next to a raw-JDBC baseline
 * doing the database work of the same operation (lock the items, update their stock rows / read the
 * same page) on the same database in the same run, so the ratio says what HTTP, JSON, validation and
 * the sandbox's own logic cost on this machine today.
 */
final class CentraStockBench {

    private CentraStockBench() {
    }

    static void run(String[] args) throws Exception {
        BenchSupport.Options o = BenchSupport.Options.parse(args,
                Map.of("--stock-items", "100000", "--clients", "4", "--seconds", "10"));
        int stockItems = o.integer("--stock-items");
        int clients = o.integer("--clients");
        int seconds = o.integer("--seconds");
        String dbUrl = o.sandboxDbUrl();
        String dbUser = o.text("--db-user");
        String dbPassword = o.text("--db-password");
        try (ConfigurableApplicationContext app = BenchSupport.centraSandbox(dbUrl, o)) {
            String base = BenchSupport.baseUrl(app);
            HttpClient http = BenchSupport.http();
            long t0 = System.nanoTime();
            String dataset = JsonMapper.builder().build().writeValueAsString(CatalogueGenerator.generate(stockItems, 1));
            BenchSupport.admin(http, base, "PUT", "/sandbox/state", dataset, 200);
            System.out.printf(Locale.ROOT, "Centra sandbox on %s, %d stock items (loaded in %.1f s), %d clients, %d s per figure, %d cores%n%n",
                    BenchSupport.databaseName(dbUrl), stockItems, (System.nanoTime() - t0) / 1e9, clients, seconds,
                    Runtime.getRuntime().availableProcessors());
            BenchSupport.header();
            double single = 0;
            for (int batch : new int[]{1, 100, 1000}) {
                double sandbox = stockUpdates(http, base, stockItems, batch, clients, seconds);
                double raw = rawStockUpdates(dbUrl, dbUser, dbPassword, stockItems, batch, clients, seconds);
                BenchSupport.row("POST stock, batches of " + batch + " (items/s)", sandbox, raw);
                single = batch == 1 ? sandbox : single;
            }
            double paging = paging(http, base, stockItems, seconds);
            double rawPaging = rawPaging(dbUrl, dbUser, dbPassword, stockItems, seconds);
            BenchSupport.row("GET products, limit=1000 pages (items/s)", paging, rawPaging);
            if (o.embedded()) {
                // the commit cost: the same batches of 1 on an H2 that writes each commit to its file at once, as the
                // sandboxes' did before decision 0019 (and the connector's still does)
                String atOnce = o.dbUrl();
                try (ConfigurableApplicationContext before = BenchSupport.centraSandbox(atOnce, o)) {
                    String beforeBase = BenchSupport.baseUrl(before);
                    BenchSupport.admin(http, beforeBase, "PUT", "/sandbox/state", dataset, 200);
                    double sandbox = stockUpdates(http, beforeBase, stockItems, 1, clients, seconds);
                    double raw = rawStockUpdates(atOnce, dbUser, dbPassword, stockItems, 1, clients, seconds);
                    BenchSupport.row("POST stock, batches of 1, H2 writing each commit at once (before; items/s)", sandbox, raw);
                    // and the sandbox as it is once more, now that the JIT is as warm for it as it was for the one before
                    double again = stockUpdates(http, base, stockItems, 1, clients, seconds);
                    BenchSupport.row("POST stock, batches of 1, again (items/s)", again,
                            rawStockUpdates(dbUrl, dbUser, dbPassword, stockItems, 1, clients, seconds));
                    System.out.printf(Locale.ROOT, "%nPOST stock, batches of 1, best of each: commits within 500 ms / each commit at once"
                            + " = %.2f%n", Math.max(single, again) / sandbox);
                }
            }
        }
    }

    private static double stockUpdates(HttpClient http, String base, int stockItems, int batch, int clients,
                                       int seconds) throws Exception {
        return BenchSupport.throughput(clients, seconds, () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int from = random.nextInt(stockItems);
            StringBuilder body = new StringBuilder(batch * 48).append("{\"products\":[");
            for (int k = 0; k < batch; k++) {
                body.append(k == 0 ? "" : ",").append("{\"product\":\"").append(CatalogueGenerator.ean((from + k) % stockItems))
                        .append("\",\"quantity\":").append(100 + random.nextInt(900)).append('}');
            }
            body.append("]}");
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/" + CatalogueGenerator.URI + "/stock"))
                    .header("API-Authorization", CatalogueGenerator.SECRET).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || !r.body().contains("\"ok\"")) {
                throw new IllegalStateException("POST stock failed: " + r.statusCode() + " " + r.body());
            }
            return batch;
        });
    }

    /** The same database work without the sandbox: lock the items in id order, update their rows, commit. */
    private static double rawStockUpdates(String url, String user, String password, int stockItems, int batch,
                                          int clients, int seconds) throws Exception {
        ThreadLocal<Connection> connections = ThreadLocal.withInitial(() -> {
            try {
                Connection c = DriverManager.getConnection(url, user, password);
                c.setAutoCommit(false);
                return c;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<Connection> opened = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            return BenchSupport.throughput(clients, seconds, () -> {
                Connection c = connections.get();
                if (!opened.contains(c)) {
                    opened.add(c);
                }
                ThreadLocalRandom random = ThreadLocalRandom.current();
                int from = random.nextInt(stockItems);
                long[] ids = new long[batch];
                for (int k = 0; k < batch; k++) {
                    ids[k] = (from + k) % stockItems + 1;
                }
                java.util.Arrays.sort(ids);
                String in = String.join(",", java.util.Collections.nCopies(batch, "?"));
                try (PreparedStatement lock = c.prepareStatement("select stock_item_id from centra_stock_item where stock_item_id in ("
                        + in + ") order by stock_item_id for update");
                     PreparedStatement update = c.prepareStatement(
                             "update centra_stock set physical = ? where stock_item_id = ? and warehouse_id = ? and allocated <= ?")) {
                    for (int k = 0; k < batch; k++) {
                        lock.setLong(k + 1, ids[k]);
                    }
                    try (ResultSet rs = lock.executeQuery()) {
                        while (rs.next()) {
                            rs.getLong(1);
                        }
                    }
                    for (long id : ids) {
                        int q = 100 + random.nextInt(900);
                        update.setInt(1, q);
                        update.setLong(2, id);
                        update.setLong(3, CatalogueGenerator.SHOP);
                        update.setInt(4, q);
                        update.addBatch();
                    }
                    update.executeBatch();
                    c.commit();
                }
                return batch;
            });
        } finally {
            for (Connection c : opened) {
                c.close();
            }
        }
    }

    private static double paging(HttpClient http, String base, int stockItems, int seconds) throws Exception {
        int pages = (stockItems + 999) / 1000;
        return BenchSupport.throughput(1, seconds, () -> {
            int page = 1 + ThreadLocalRandom.current().nextInt(pages);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/" + CatalogueGenerator.URI
                    + "/products?limit=1000&page=" + page)).header("API-Authorization", CatalogueGenerator.SECRET).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET products failed: " + r.body());
            }
            return page == pages ? stockItems - (pages - 1) * 1000 : 1000;
        });
    }

    /** The same rows without the sandbox: the page query and the prices of its variants, read with JDBC. */
    private static double rawPaging(String url, String user, String password, int stockItems, int seconds) throws Exception {
        int pages = (stockItems + 999) / 1000;
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement page = c.prepareStatement("""
                     select si.stock_item_id, si.size_sku, si.size_name, si.ean, si.upc, v.variant_id, v.sku, v.name,
                            p.product_id, p.sku, p.name, p.brand, p.created_at
                     from centra_stock_item si join centra_variant v on v.variant_id = si.variant_id
                     join centra_product p on p.product_id = v.product_id
                     order by si.stock_item_id limit 1000 offset ?""");
             PreparedStatement prices = c.prepareStatement("""
                     select vp.variant_id, vp.price from centra_variant_price vp
                     where vp.variant_id between ? and ?""")) {
            return BenchSupport.throughput(1, seconds, () -> {
                int p = ThreadLocalRandom.current().nextInt(pages);
                page.setInt(1, p * 1000);
                int rows = 0;
                long minVariant = Long.MAX_VALUE;
                long maxVariant = 0;
                try (ResultSet rs = page.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        long v = rs.getLong(6);
                        minVariant = Math.min(minVariant, v);
                        maxVariant = Math.max(maxVariant, v);
                        rs.getString(2);
                        rs.getString(4);
                        rs.getString(11);
                    }
                }
                prices.setLong(1, minVariant);
                prices.setLong(2, maxVariant);
                try (ResultSet rs = prices.executeQuery()) {
                    while (rs.next()) {
                        rs.getBigDecimal(2);
                    }
                }
                return rows;
            });
        }
    }
}
