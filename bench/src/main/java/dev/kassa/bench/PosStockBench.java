package dev.kassa.bench;

import dev.kassa.centra.api.Pause;
import dev.kassa.common.demo.DemoCatalogue;
import dev.kassa.connector.ConnectorApplication;
import dev.kassa.connector.jobs.Jobs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./kassa bench pos-stock}: the connector's stock sync under the load of many shops, against the
 * Centra sandbox with its rate limit on, with time compressed. Then the intake's throughput beside raw JDBC
 * storing the same rows on the same database.
 *
 * <p>Time compression: the connector runs on a clock {@code --compress} times faster than real time (its
 * waits are shortened the same way), and the sandbox's rate limit is Centra's 20 writes per 10 s divided
 * by the same factor. So {@code --stores} shops selling {@code --rate} items per second for
 * {@code --minutes} minutes take {@code minutes / compress} real minutes, and every figure below is in
 * compressed (shop) time.
 */
final class PosStockBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PosStockBench() {
    }

    /** A clock running {@code factor} times faster than real time from now on. */
    record FastClock(Instant start, long startNanos, int factor) {
        Clock clock() {
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return start.plusNanos((System.nanoTime() - startNanos) * factor);
                }
            };
        }

        Pause pause() {
            return d -> {
                long nanos = d.toNanos() / factor;
                if (nanos > 0) {
                    Thread.sleep(Duration.ofNanos(nanos));
                }
            };
        }
    }

    static void run(String[] args) throws Exception {
        BenchSupport.Options o = BenchSupport.Options.parse(args, Map.of("--stores", "50", "--rate", "1",
                "--minutes", "20", "--compress", "10", "--clients", "8", "--seconds", "10", "--api", "order-api",
                "--workers", "8"));
        int stores = o.integer("--stores");
        int compress = o.integer("--compress");
        if (compress < 1 || 10 % compress != 0) {
            throw new IllegalArgumentException("--compress must divide 10 (1, 2, 5 or 10): the sandbox's rate limit window is whole seconds");
        }
        List<String> apis = List.of(o.text("--api").split(","));
        for (String api : apis) {
            if (!api.equals("order-api") && !api.equals("integration-api")) {
                throw new IllegalArgumentException("--api takes order-api, integration-api or both separated by a comma, got " + api);
            }
        }
        for (int i = 0; i < apis.size(); i++) {
            run(o, apis.get(i), i == apis.size() - 1);
        }
    }

    /** One run: stock through {@code api}; the intake phase after the last. */
    private static void run(BenchSupport.Options o, String api, boolean intakeToo) throws Exception {
        int stores = o.integer("--stores");
        int compress = o.integer("--compress");
        boolean integration = api.equals("integration-api");
        // the connector is what is measured: it gets --db-url; the sandbox stands in for Centra on its own H2 file
        String connectorDb = o.dbUrl();
        String dbUrl = dev.kassa.common.db.EmbeddedDatabase.h2Url(java.nio.file.Files.createTempDirectory("kassa-bench-centra"), "db",
                dev.kassa.common.db.EmbeddedDatabase.Commits.WITHIN_HALF_A_SECOND);
        HttpClient http = BenchSupport.http();
        System.out.printf(Locale.ROOT, "## --api %s%n%n%d stores × %d sale/s for %d minutes (compressed %d×), Centra sandbox with %s"
                        + " (per 10 s shop time = %d s real); %s%n%n", api, stores, o.integer("--rate"), o.integer("--minutes"), compress,
                integration ? "its Integration API's Growth limits: 20 mutations, 60 requests" : "its rate limit of 20 Order API writes",
                10 / compress, BenchSupport.databaseName(connectorDb));
        try (ConfigurableApplicationContext centra = new SpringApplicationBuilder(dev.kassa.centra.sandbox.CentraSandboxApplication.class)
                .run("--server.port=0", "--spring.datasource.url=" + dbUrl, "--spring.datasource.username=sa",
                        "--spring.datasource.password=", "--kassa.sandbox.admin-token=" + BenchSupport.ADMIN_TOKEN,
                        "--kassa.sandbox.seed=demo", "--logging.level.root=WARN", "--spring.main.banner-mode=off")) {
            String centraBase = BenchSupport.baseUrl(centra);
            prepareCentra(http, centraBase, stores, compress, integration);
            FastClock fast = new FastClock(Instant.now(), System.nanoTime(), compress);
            List<String> props = connectorArgs(centraBase, connectorDb, o, stores);
            if (integration) {
                props.addAll(List.of("--kassa.connector.centra.api=integration-api",
                        "--kassa.connector.centra.integration-api.base-url=" + centraBase,
                        "--kassa.connector.centra.integration-api.token=" + dev.kassa.centra.sandbox.integrationapi.Tokens.DEMO));
            }
            try (ConfigurableApplicationContext connector = new SpringApplicationBuilder(ConnectorApplication.class)
                    .initializers(ctx -> {
                        ctx.getBeanFactory().registerSingleton("clock", fast.clock());
                        ctx.getBeanFactory().registerSingleton("pause", fast.pause());
                    }).run(props.toArray(String[]::new))) {
                String base = BenchSupport.baseUrl(connector);
                JdbcClient jdbc = connector.getBean(JdbcClient.class);
                awaitCatalogue(jdbc);
                java.util.function.Supplier<long[]> mutations = integration
                        ? connector.getBean(dev.kassa.connector.centra.IntegrationApiPipe.class)::sent : null;
                storesSelling(http, base, stores, o.integer("--rate"), o.integer("--minutes"), compress, fast, jdbc, centraBase, mutations);
                if (intakeToo) {
                    intake(http, base, jdbc, connector.getBean(Jobs.class), connectorDb, o);
                }
            }
        }
    }

    /** The demo retailer plus one warehouse and one Order API endpoint per bench store, and the rate limit. */
    private static void prepareCentra(HttpClient http, String centra, int stores, int compress, boolean integration) throws Exception {
        ObjectNode state = (ObjectNode) JSON.readTree(BenchSupport.admin(http, centra, "GET", "/sandbox/state", null, 200));
        ArrayNode warehouses = (ArrayNode) state.get("warehouses");
        ArrayNode apis = (ArrayNode) state.get("orderApi");
        JsonNode template = null;
        for (JsonNode api : apis) {
            if (api.get("uri").asString().equals("store-stockholm")) {
                template = api;
            }
        }
        for (int s = 1; s <= stores; s++) {
            long id = 100 + s;
            warehouses.addObject().put("id", id).put("name", "Bench store " + s).put("policy", "direct");
            ObjectNode api = (ObjectNode) template.deepCopy();
            api.put("uri", "bench-store-" + s).put("secret", "bench-secret-" + s).put("primaryWarehouse", id);
            apis.add(api);
        }
        for (JsonNode product : state.get("products")) {
            for (JsonNode variant : product.get("variants")) {
                for (JsonNode size : variant.get("sizes")) {
                    for (int s = 1; s <= stores; s++) {
                        ((ArrayNode) size.get("stock")).addObject().put("warehouse", 100 + s).put("physical", 1_000_000).put("allocated", 0);
                    }
                }
            }
        }
        state.remove("activity");
        BenchSupport.admin(http, centra, "PUT", "/sandbox/state", state.toString(), 200);
        if (integration) {
            // Centra's Growth plan with its windows shortened as the shops' time is: 20 mutations per 10 s of shop time
            BenchSupport.admin(http, centra, "PUT", "/sandbox/integration-api", "{\"plan\": \"growth\", \"speed\": " + compress + "}", 200);
        } else {
            BenchSupport.admin(http, centra, "PUT", "/sandbox/integration-api", "{\"plan\": \"off\"}", 200);
            BenchSupport.admin(http, centra, "PUT", "/sandbox/faults",
                    "{\"rateLimit\": {\"writes\": 20, \"perSeconds\": " + (10 / compress) + "}}", 200);
        }
    }

    private static List<String> connectorArgs(String centra, String dbUrl, BenchSupport.Options o, int stores) {
        List<String> a = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + dbUrl,
                "--spring.datasource.username=" + o.text("--db-user"), "--spring.datasource.password=" + o.text("--db-password"),
                "--spring.datasource.hikari.maximum-pool-size=40",
                "--logging.level.root=WARN", "--kassa.connector.admin-token=" + BenchSupport.ADMIN_TOKEN + "-connector",
                "--kassa.connector.stock.poll-millis=100", "--kassa.connector.stock.workers=" + o.integer("--workers"),
                "--kassa.connector.centra.endpoints.se.base-url=" + centra + "/api/order-api-se",
                "--kassa.connector.centra.endpoints.se.secret=demo-se-secret"));
        for (int s = 1; s <= stores; s++) {
            String p = "--kassa.connector.stores[" + (s - 1) + "].";
            a.addAll(List.of(p + "id=bench-" + s, p + "name=Bench store " + s, p + "country=se",
                    p + "centra-warehouse=" + (100 + s), p + "centara-store=" + s,
                    p + "pos-api-key=bench-pos-key-" + String.format(Locale.ROOT, "%04d", s),
                    p + "centra-endpoint.base-url=" + centra + "/api/bench-store-" + s,
                    p + "centra-endpoint.secret=bench-secret-" + s));
        }
        return a;
    }

    private static void awaitCatalogue(JdbcClient jdbc) throws InterruptedException {
        for (int i = 0; i < 600 && jdbc.sql("select count(*) from connector_catalogue_item").query(Integer.class).single() == 0; i++) {
            Thread.sleep(100);
        }
    }

    /** Every store sells {@code rate} items a (shop) second; then waits until every sale reached Centra. */
    private static void storesSelling(HttpClient http, String base, int stores, int rate, int minutes, int compress,
                                      FastClock fast, JdbcClient jdbc, String centra, java.util.function.Supplier<long[]> mutations)
            throws Exception {
        List<DemoCatalogue.Size> sizes = new ArrayList<>();
        List<String> itemIds = new ArrayList<>();
        for (DemoCatalogue.Variant v : DemoCatalogue.variants()) {
            for (DemoCatalogue.Size s : v.sizes()) {
                sizes.add(s);
                itemIds.add(v.model().sku() + "-" + v.colour().code() + "-" + s.sizeSku());
            }
        }
        long realMillis = minutes * 60_000L / compress;
        long intervalNanos = 1_000_000_000L / rate / compress;
        AtomicLong sales = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        long start = System.nanoTime();
        for (int s = 1; s <= stores; s++) {
            int store = s;
            pool.submit(() -> {
                Random random = new Random(store);
                long next = start + random.nextLong(intervalNanos);
                int n = 0;
                while (System.nanoTime() - start < realMillis * 1_000_000L) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(Duration.ofNanos(wait));
                    }
                    next += intervalNanos;
                    int i = random.nextInt(sizes.size());
                    String body = """
                            {"TransactionId": "%d.1.1.%d", "Type": "Sale", "StoreId": %d, "Pos": 1, "ZNumber": 1, "ReceiptNumber": %d,
                             "Timestamp": "%s", "Lines": [{"LineNumber": 1, "ItemId": "%s", "Barcode": "%s", "Quantity": 1, "UnitPrice": 100, "Amount": 100}]}"""
                            .formatted(store, ++n, store, n, OffsetDateTime.ofInstant(fast.clock().instant(), ZoneOffset.UTC).withNano(0),
                                    itemIds.get(i), sizes.get(i).ean());
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/pos/transactions"))
                            .header("Authorization", "Bearer bench-pos-key-" + String.format(Locale.ROOT, "%04d", store))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    (r.statusCode() == 200 ? sales : failures).incrementAndGet();
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(realMillis + 60_000, java.util.concurrent.TimeUnit.MILLISECONDS);
        drain(jdbc);
        long writes = jdbc.sql("select count(*) from connector_stock_write where state in ('done', 'settled')").query(Long.class).single();
        long applied = jdbc.sql("select count(*) from connector_pos_line where state = 'applied'").query(Long.class).single();
        List<Long> staleness = jdbc.sql("select settled_at_ms - received_at_ms from connector_pos_line where state = 'applied' order by 1")
                .query(Long.class).list();
        double limited = 0;
        double itemReads = 0;
        double pageReads = 0;
        for (String line : metrics(http, base)) {
            double value = value(line);
            if (line.startsWith("kassa_centra_rate_limited_total")) {
                limited = value;
            } else if (line.startsWith("kassa_stock_reads_total{") && line.contains("kind=\"item\"")) {
                itemReads += value;
            } else if (line.startsWith("kassa_stock_reads_total{") && line.contains("kind=\"page\"")) {
                pageReads += value;
            }
        }
        long itemsWritten = jdbc.sql("""
                select count(*) from connector_stock_write_item i join connector_stock_write w on w.write_id = i.write_id
                where w.state in ('done', 'settled')""").query(Long.class).single();
        System.out.println("| measure | value |");
        System.out.println("|---|---:|");
        System.out.printf(Locale.ROOT, "| sales sent / refused | %,d / %,d |%n", sales.get(), failures.get());
        System.out.printf(Locale.ROOT, "| sales applied to Centra | %,d |%n", applied);
        long centraWrites = writes;
        if (mutations != null) {
            long[] sent = mutations.get();
            centraWrites = sent[0];
            System.out.printf(Locale.ROOT, "| stores' writes / setStock mutation operations carrying them | %,d / %,d |%n", writes, sent[0]);
        } else {
            System.out.printf(Locale.ROOT, "| POST stock calls | %,d |%n", writes);
        }
        System.out.printf(Locale.ROOT, "| Centra writes per sale (seeds' procedure: 1 GET + 1 POST = 1 write per sale) | %.4f |%n",
                centraWrites / (double) Math.max(1, applied));
        System.out.printf(Locale.ROOT, "| items written / GET stock calls to read them: item by item + by page (decision 0006) | %,d / %,.0f + %,.0f |%n",
                itemsWritten, itemReads, pageReads);
        System.out.printf(Locale.ROOT, "| GET stock calls per POST stock (item by item it would be %.1f) | %.2f |%n",
                itemsWritten / (double) Math.max(1, writes), (itemReads + pageReads) / Math.max(1, writes));
        System.out.printf(Locale.ROOT, "| writes the seeds' procedure would need per second, vs Centra's 2 per second | %.0f vs 2 |%n",
                stores * (double) rate);
        System.out.printf(Locale.ROOT, "| staleness of web stock (sale stored → Centra written), p50 / p95 / max, shop seconds | %.1f / %.1f / %.1f |%n",
                percentile(staleness, 0.50) / 1000.0, percentile(staleness, 0.95) / 1000.0, percentile(staleness, 1.0) / 1000.0);
        System.out.printf(Locale.ROOT, "| 429 answers from Centra | %.0f |%n%n", limited);
    }

    private static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1 < 0 ? 0 : Math.ceil(p * sorted.size()) - 1));
    }

    /** Waits (up to 10 real minutes) until the stock writer has settled every line. */
    private static void drain(JdbcClient jdbc) throws InterruptedException {
        long drainStart = System.nanoTime();
        while (jdbc.sql("select count(*) from connector_pos_line where state in ('pending', 'writing')").query(Long.class).single() > 0
                && System.nanoTime() - drainStart < 600_000_000_000L) {
            Thread.sleep(200);
        }
    }

    /** The n-th bench transaction: two lines of items the catalogue does not have (dead letters for the writer). */
    private static String body(long n) {
        return """
                {"TransactionId": "i.%d", "Type": "Sale", "StoreId": %d, "Pos": 2, "ZNumber": 1, "ReceiptNumber": 1,
                 "Timestamp": "2026-11-22T10:00:00+01:00", "Lines": [{"LineNumber": 1, "ItemId": "NOPE-%d", "Barcode": null, "Quantity": 1},
                 {"LineNumber": 2, "ItemId": "NOPE-%d", "Barcode": null, "Quantity": 2}]}""".formatted(n, (int) (n % 50) + 1, n % 7, n % 5);
    }

    /** Spring's count and total seconds of POST /api/pos/transactions answered {@code status}, from the connector's metrics. */
    private static double[] serverTime(HttpClient http, String base, String status) throws Exception {
        double[] out = new double[2];
        for (String line : metrics(http, base)) {
            if (line.contains("uri=\"/api/pos/transactions\"") && line.contains("status=\"" + status + "\"")) {
                if (line.startsWith("http_server_requests_seconds_count")) {
                    out[0] += value(line);
                } else if (line.startsWith("http_server_requests_seconds_sum")) {
                    out[1] += value(line);
                }
            }
        }
        return out;
    }

    /** The connector's Prometheus samples, comment lines left out. */
    private static List<String> metrics(HttpClient http, String base) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                        .header("Authorization", "Bearer " + BenchSupport.ADMIN_TOKEN + "-connector").build(),
                HttpResponse.BodyHandlers.ofString()).body().lines().filter(l -> !l.startsWith("#")).toList();
    }

    /** A sample's value: what follows its last space. */
    private static double value(String sample) {
        return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
    }

    /**
     * POST /api/pos/transactions at full speed beside raw JDBC doing the intake's statements: first with the
     * stock writer working the lines as they arrive, as in production, then with it held.
     */
    private static void intake(HttpClient http, String base, JdbcClient jdbc, Jobs jobs, String dbUrl, BenchSupport.Options o)
            throws Exception {
        int clients = o.integer("--clients");
        int seconds = o.integer("--seconds");
        AtomicLong ids = new AtomicLong();
        AtomicLong raws = new AtomicLong();
        double[] before = serverTime(http, base, "200"); // the selling phase's
        double over = overHttp(http, base, clients, seconds, ids);
        double[] server = serverTime(http, base, "200");
        server[0] -= before[0];
        server[1] -= before[1];
        drain(jdbc);
        // the floor: the same requests through the same filters to the same controller, answered 401 at its key
        // check, so nothing is read, parsed or stored; what the intake costs beyond HTTP is the rest
        double floor = BenchSupport.throughput(clients, seconds, () -> {
            long n = ids.incrementAndGet();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/pos/transactions"))
                    .header("Authorization", "Bearer not-a-pos-key")
                    .POST(HttpRequest.BodyPublishers.ofString(body(n))).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 401) {
                throw new IllegalStateException("intake answered " + r.statusCode() + " to an unknown key: " + r.body());
            }
            return 1;
        });
        double baseline = rawJdbc(clients, seconds, dbUrl, o, raws);
        drain(jdbc);
        // the intake path alone: the job engine stopped, so the stock writer does not work the lines meanwhile
        // (they wait, pending, and are written when it starts again)
        jobs.stop();
        double overHeld = overHttp(http, base, clients, seconds, ids);
        double baselineHeld = rawJdbc(clients, seconds, dbUrl, o, raws);
        long backlog = jdbc.sql("select count(*) from connector_pos_line where state = 'pending'").query(Long.class).single();
        long drainStart = System.nanoTime();
        jobs.start();
        drain(jdbc);
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        System.out.println("| measure | connector over HTTP | raw JDBC | connector / raw |");
        System.out.println("|---|---:|---:|---:|");
        BenchSupport.row("POS transactions stored per second (2 lines each), " + clients + " clients, the stock writer working",
                over, baseline);
        BenchSupport.row("the same, the stock writer held (the intake path alone)", overHeld, baselineHeld);
        System.out.printf(Locale.ROOT, "%nthe same requests answered 401 at the controller's key check (HTTP and the filters alone): %,.0f/s;"
                + " the intake reaches %.2f of that%n", floor, over / floor);
        System.out.printf(Locale.ROOT, "the stock writer then settled the %,d lines left pending in %.1f s (%,.0f lines/s, %d stores)%n",
                backlog, drainSeconds, backlog / drainSeconds, 50);
        System.out.printf(Locale.ROOT, "time in the connector per stored transaction (Spring's http.server.requests, filters to answer):"
                + " %.1f ms on average over %,.0f requests (the warm-up's too); the clients waited %.1f ms each%n", server[1] / server[0] * 1000, server[0],
                clients * 1000.0 / over);
    }

    /** POST /api/pos/transactions from {@code clients} threads for {@code seconds} (after a warm-up): transactions stored per second. */
    private static double overHttp(HttpClient http, String base, int clients, int seconds, AtomicLong ids) throws Exception {
        return BenchSupport.throughput(clients, seconds, () -> {
            long n = ids.incrementAndGet();
            int store = (int) (n % 50) + 1;
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/pos/transactions"))
                    .header("Authorization", "Bearer bench-pos-key-" + String.format(Locale.ROOT, "%04d", store))
                    .POST(HttpRequest.BodyPublishers.ofString(body(n))).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("intake answered " + r.statusCode() + ": " + r.body());
            }
            return 1;
        });
    }

    /** The intake's statements for the same transactions, over plain JDBC on a connection per client: transactions per second. */
    private static double rawJdbc(int clients, int seconds, String dbUrl, BenchSupport.Options o, AtomicLong raw) throws Exception {
        return BenchSupport.parallel(clients, () -> {
            long done = 0;
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            try (Connection c = DriverManager.getConnection(dbUrl, o.text("--db-user"), o.text("--db-password"))) {
                c.setAutoCommit(false);
                while (System.nanoTime() < end) {
                    long n = raw.incrementAndGet();
                    String id = "r." + n;
                    try (PreparedStatement lock = c.prepareStatement("select slot from connector_intake_lock where slot = ? for update")) {
                        lock.setInt(1, (int) (n % 64));
                        lock.executeQuery().close();
                    }
                    try (PreparedStatement find = c.prepareStatement("select document from connector_pos_transaction where transaction_id = ?")) {
                        find.setString(1, id);
                        try (ResultSet r = find.executeQuery()) {
                            r.next();
                        }
                    }
                    try (PreparedStatement t = c.prepareStatement("insert into connector_pos_transaction (transaction_id, store_id, kind, document, occurred_at_ms, received_at_ms) values (?, ?, 'Sale', ?, ?, ?)")) {
                        t.setString(1, id);
                        t.setString(2, "bench-" + (n % 50 + 1));
                        t.setString(3, "{\"TransactionId\": \"" + id + "\"}");
                        t.setLong(4, n);
                        t.setLong(5, n);
                        t.executeUpdate();
                    }
                    for (int l = 1; l <= 2; l++) {
                        try (PreparedStatement line = c.prepareStatement("insert into connector_pos_line (transaction_id, line_number, item_id, barcode, quantity, store_id, kind, occurred_at_ms, received_at_ms, state) values (?, ?, ?, null, ?, ?, 'Sale', ?, ?, 'pending')")) {
                            // the same work for the stock writer as the connector's own intake leaves it
                            line.setString(1, id);
                            line.setInt(2, l);
                            line.setString(3, "NOPE-" + (l == 1 ? n % 7 : n % 5));
                            line.setInt(4, l);
                            line.setString(5, "bench-" + (n % 50 + 1));
                            line.setLong(6, n);
                            line.setLong(7, n);
                            line.executeUpdate();
                        }
                    }
                    c.commit();
                    done++;
                }
            }
            return done;
        });
    }
}
