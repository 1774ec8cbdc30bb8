package dev.kassa.bench;

import com.sun.net.httpserver.HttpServer;
import dev.kassa.centra.sandbox.seed.CatalogueGenerator;
import dev.kassa.centra.sandbox.webhooks.WebhookSignature;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ship from store in the Centra sandbox: check-first answers per second, and webhook events delivered
 * per second, each beside a baseline measured in the same run.
 *
 * <ul>
 * <li>Accept: clients accept distinct pre-placed orders for one shop (the allocation moves from Central to
 * the shop, the other shop's offer is rejected, events are written). Baseline: the same rows read and
 * written by raw JDBC in one transaction per answer on the same database.
 * <li>Reject: both shops reject each order, so the second answer turns it into a regular order. Baseline:
 * raw JDBC, as above.
 * <li>Webhook delivery: a backlog of check_first events held back by the delay fault is released and timed
 * until a local receiver has every event. Baseline: the same bodies, signed and sent one call at a time
 * to the same receiver straight from a loop, with no outbox.
 * </ul>
 */
final class ShipFromStoreBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SECRET = "bench-webhook-secret";
    private static final int ITEMS = 200;
    private static final long CENTRAL = 1;
    private static final long SHOP_A = 2;
    private static final long SHOP_B = 3;

    private ShipFromStoreBench() {
    }

    static void run(String[] args) throws Exception {
        BenchSupport.Options o = BenchSupport.Options.parse(args,
                Map.of("--orders", "1000", "--clients", "4", "--events", "2000"));
        int orders = o.integer("--orders");
        int clients = o.integer("--clients");
        int events = o.integer("--events");
        String dbUrl = o.sandboxDbUrl();
        Receiver receiver = new Receiver();
        try (ConfigurableApplicationContext app = BenchSupport.centraSandbox(dbUrl, o)) {
            String base = BenchSupport.baseUrl(app);
            HttpClient http = BenchSupport.http();
            System.out.printf(Locale.ROOT, "Centra sandbox on %s, %d orders per figure (each: 1 line, offered to 2 shops), "
                    + "%d clients, %d webhook events per delivery figure, %d cores%n%n", BenchSupport.databaseName(dbUrl),
                    orders, clients, events, Runtime.getRuntime().availableProcessors());
            BenchSupport.header();
            load(http, base, receiver.url(), 1);
            holdWebhooks(http, base);

            List<Long> forSandbox = place(http, base, orders, clients);
            List<Long> forRaw = place(http, base, orders, clients);
            double sandbox = answer(clients, forSandbox, n -> checkFirst(http, base, n, SHOP_A, true));
            double raw;
            try (RawCheckFirst jdbc = new RawCheckFirst(dbUrl, o)) {
                raw = answer(clients, forRaw, n -> jdbc.accept(n, SHOP_A, SHOP_B));
            }
            BenchSupport.row("check-first accept, one shop per order (answers/s)", sandbox, raw);

            forSandbox = place(http, base, orders, clients);
            forRaw = place(http, base, orders, clients);
            sandbox = answer(clients, forSandbox, n -> checkFirst(http, base, n, SHOP_A, false)
                    + checkFirst(http, base, n, SHOP_B, false));
            try (RawCheckFirst jdbc = new RawCheckFirst(dbUrl, o)) {
                raw = answer(clients, forRaw, n -> jdbc.reject(n, SHOP_A) + jdbc.reject(n, SHOP_B));
            }
            BenchSupport.row("check-first reject by both shops, order goes on from Central (answers/s)", sandbox, raw);

            for (int maxEvents : new int[]{1, 50}) {
                load(http, base, receiver.url(), maxEvents);
                holdWebhooks(http, base);
                place(http, base, (events + 1) / 2, clients);
                double delivered = releaseAndTime(http, base, receiver);
                double direct = sendDirect(http, receiver);
                BenchSupport.row("webhook delivery, maxEvents " + maxEvents + " (events/s)", delivered, direct);
            }
        } finally {
            receiver.stop();
        }
    }

    /** A dataset with Central and two check-first shops, {@link #ITEMS} items in stock everywhere. */
    private static void load(HttpClient http, String base, String webhookUrl, int maxEvents) throws Exception {
        ObjectNode d = JSON.createObjectNode();
        d.put("timeZone", "Europe/Stockholm");
        d.putArray("countries").addObject().put("code", "SE").put("name", "Sweden").put("taxPercent", 25);
        d.putArray("markets").addObject().put("id", 1).put("name", "Sweden").putArray("countries").add("SE");
        d.putArray("pricelists").addObject().put("id", 1).put("name", "SEK").put("currency", "SEK")
                .putArray("countries").add("SE");
        ArrayNode warehouses = d.putArray("warehouses");
        warehouses.addObject().put("id", CENTRAL).put("name", "Central").put("policy", "direct");
        warehouses.addObject().put("id", SHOP_A).put("name", "Shop A").put("policy", "check-first");
        warehouses.addObject().put("id", SHOP_B).put("name", "Shop B").put("policy", "check-first");
        d.putArray("allocationRules").addObject().put("market", 1).putArray("warehouses").add(CENTRAL).add(SHOP_A).add(SHOP_B);
        ObjectNode variant = d.putArray("products").addObject().put("productId", 1).put("sku", "P1").put("name", "Bench")
                .put("createdAt", "2026-01-01 00:00:00").putArray("variants").addObject().put("variantId", 1)
                .put("sku", "V1").put("name", "One");
        variant.putArray("prices").addObject().put("pricelist", 1).put("price", 100);
        ArrayNode sizes = variant.putArray("sizes");
        for (int i = 0; i < ITEMS; i++) {
            ArrayNode stock = sizes.addObject().put("stockItemId", i + 1).put("name", "S" + i).put("sizeSku", "S" + i)
                    .put("ean", CatalogueGenerator.ean(i)).putArray("stock");
            for (long w : new long[]{CENTRAL, SHOP_A, SHOP_B}) {
                stock.addObject().put("warehouse", w).put("physical", 10_000_000);
            }
        }
        d.putArray("orderApi").addObject().put("uri", "shop").put("secret", "shop-secret").put("primaryWarehouse", CENTRAL);
        d.putArray("webhooks").addObject().put("url", webhookUrl).put("secret", SECRET).put("version", "integration")
                .put("maxEvents", maxEvents).put("timeoutSeconds", 10).put("retries", 0)
                .putArray("triggers").add("check_first");
        BenchSupport.admin(http, base, "PUT", "/sandbox/state", JSON.writeValueAsString(d), 200);
    }

    /** Events created from now on wait an hour before they are due, so they pile up without being sent. */
    private static void holdWebhooks(HttpClient http, String base) throws Exception {
        BenchSupport.admin(http, base, "PUT", "/sandbox/faults",
                "{\"webhooks\": [{\"webhook\": 0, \"delaySeconds\": 3600}]}", 200);
    }

    /** Places {@code count} web orders (1 line of a random item, offered to both shops) through the admin API. */
    private static List<Long> place(HttpClient http, String base, int count, int clients) throws Exception {
        Queue<Long> numbers = new ConcurrentLinkedQueue<>();
        AtomicLong left = new AtomicLong(count);
        BenchSupport.parallel(clients, () -> {
            while (left.getAndDecrement() > 0) {
                String body = """
                        {"country": "SE", "customer": {"email": "bench@example.com", "firstName": "Bench"},
                         "lines": [{"ean": "%s", "qty": 1}],
                         "offers": [{"warehouse": %d, "expiresInSeconds": 86400}, {"warehouse": %d, "expiresInSeconds": 86400}]}"""
                        .formatted(CatalogueGenerator.ean(ThreadLocalRandom.current().nextInt(ITEMS)), SHOP_A, SHOP_B);
                numbers.add(JSON.readTree(BenchSupport.admin(http, base, "POST", "/sandbox/web-orders", body, 201))
                        .path("orderNumber").asLong());
            }
            return 0L;
        });
        return new ArrayList<>(numbers);
    }

    interface Answering {
        int answer(long order) throws Exception;
    }

    /** Clients answer the orders between them, each order once; answers per second. */
    private static double answer(int clients, List<Long> orders, Answering answering) throws Exception {
        Queue<Long> queue = new ConcurrentLinkedQueue<>(orders);
        return BenchSupport.parallel(clients, () -> {
            long answers = 0;
            for (Long n = queue.poll(); n != null; n = queue.poll()) {
                answers += answering.answer(n);
            }
            return answers;
        });
    }

    private static int checkFirst(HttpClient http, String base, long order, long warehouse, boolean accept)
            throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/shop/check-first"))
                .header("API-Authorization", "shop-secret").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"orderNumber\": %d, \"warehouseId\": %d, \"accepted\": %s}"
                        .formatted(order, warehouse, accept))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !JSON.readTree(r.body()).path("status").asString().equals("ok")) {
            throw new IllegalStateException("check-first for order " + order + " answered " + r.statusCode() + " " + r.body());
        }
        return 1;
    }

    /** Lets the held events go and waits until the receiver has all of them; events per second. */
    private static double releaseAndTime(HttpClient http, String base, Receiver receiver) throws Exception {
        long pending = JSON.readTree(BenchSupport.admin(http, base, "GET", "/sandbox/webhook-deliveries?limit=1", null, 200))
                .path("events").path("pending").asLong();
        receiver.reset();
        long t0 = System.nanoTime();
        BenchSupport.admin(http, base, "PUT", "/sandbox/faults", "{}", 200);
        long deadline = t0 + Duration.ofMinutes(10).toNanos();
        while (receiver.events.get() < pending) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + receiver.events.get() + " of " + pending + " events arrived");
            }
            Thread.sleep(1);
        }
        return pending / ((System.nanoTime() - t0) / 1e9);
    }

    /** The bodies the receiver just got, signed and sent again one call at a time: no outbox, no database. */
    private static double sendDirect(HttpClient http, Receiver receiver) throws Exception {
        List<String> bodies = new ArrayList<>(receiver.bodies);
        long events = receiver.events.get();
        receiver.reset();
        long t0 = System.nanoTime();
        for (String body : bodies) {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(receiver.url()))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                    .header(WebhookSignature.HEADER, WebhookSignature.header(SECRET, System.currentTimeMillis() / 1000, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("the receiver answered " + r.statusCode());
            }
        }
        double perSecond = events / ((System.nanoTime() - t0) / 1e9);
        if (receiver.events.get() != events) {
            throw new IllegalStateException("sent " + events + " events again but the receiver counted " + receiver.events.get());
        }
        return perSecond;
    }

    /** A local webhook endpoint that answers 204 and counts the events in each call's payload. */
    private static final class Receiver {
        final AtomicLong events = new AtomicLong();
        final Queue<String> bodies = new ConcurrentLinkedQueue<>();
        private final HttpServer server;

        Receiver() throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/webhook", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    String payload = URLDecoder.decode(body.substring(body.indexOf("payload=") + 8), StandardCharsets.UTF_8);
                    JsonNode json = JSON.readTree(payload);
                    bodies.add(body);
                    events.addAndGet(json.path("events").size());
                    exchange.sendResponseHeaders(204, -1);
                } catch (RuntimeException e) {
                    exchange.sendResponseHeaders(400, -1);
                } finally {
                    exchange.close();
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
        }

        void reset() {
            events.set(0);
            bodies.clear();
        }

        void stop() {
            server.stop(0);
        }
    }

    /**
     * The database work of a check-first answer without the sandbox: lock the order, read its offers and
     * lines, lock the stock items, move or keep the allocation, end the offers, write the events, commit.
     */
    private static final class RawCheckFirst implements AutoCloseable {
        private final ThreadLocal<Connection> connections;
        private final List<Connection> opened = java.util.Collections.synchronizedList(new ArrayList<>());

        RawCheckFirst(String url, BenchSupport.Options o) {
            connections = ThreadLocal.withInitial(() -> {
                try {
                    Connection c = DriverManager.getConnection(url, o.text("--db-user"), o.text("--db-password"));
                    c.setAutoCommit(false);
                    opened.add(c);
                    return c;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        int accept(long order, long shop, long other) throws Exception {
            Connection c = connections.get();
            lockOrder(c, order);
            offers(c, order);
            List<long[]> lines = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "select line_id, stock_item_id, qty from centra_order_line where order_number = ? order by position")) {
                s.setLong(1, order);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        lines.add(new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)});
                    }
                }
            }
            for (long[] l : lines) {
                try (PreparedStatement s = c.prepareStatement(
                        "select stock_item_id from centra_stock_item where stock_item_id = ? for update")) {
                    s.setLong(1, l[1]);
                    s.executeQuery().close();
                }
                try (PreparedStatement s = c.prepareStatement(
                        "select warehouse_id, qty from centra_line_allocation where line_id = ?")) {
                    s.setLong(1, l[0]);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            update(c, "update centra_stock set allocated = allocated - ? where stock_item_id = ? and warehouse_id = ?",
                                    rs.getLong(2), l[1], rs.getLong(1));
                            update(c, "delete from centra_line_allocation where line_id = ? and warehouse_id = ?", l[0], rs.getLong(1));
                        }
                    }
                }
                if (update(c, "update centra_stock set allocated = allocated + ? where stock_item_id = ? and warehouse_id = ? "
                        + "and physical - allocated >= ?", l[2], l[1], shop, l[2]) != 1) {
                    throw new IllegalStateException("no stock for order " + order);
                }
                update(c, "insert into centra_line_allocation (line_id, warehouse_id, qty) values (?, ?, ?)", l[0], shop, l[2]);
            }
            endOffer(c, order, shop, "accepted", null);
            endOffer(c, order, other, "rejected", "another-accepted");
            update(c, "update centra_order set order_status = '2', modified_at = ? where order_number = ?",
                    Timestamp.valueOf(LocalDateTime.now()), order);
            event(c, order, "accepted", shop);
            event(c, order, "rejected", other);
            c.commit();
            return 1;
        }

        int reject(long order, long shop) throws Exception {
            Connection c = connections.get();
            lockOrder(c, order);
            endOffer(c, order, shop, "rejected", "store");
            event(c, order, "rejected", shop);
            if (offers(c, order) == 0) {
                update(c, "update centra_order set order_status = '2', modified_at = ? where order_number = ?",
                        Timestamp.valueOf(LocalDateTime.now()), order);
            }
            c.commit();
            return 1;
        }

        private static void lockOrder(Connection c, long order) throws Exception {
            try (PreparedStatement s = c.prepareStatement(
                    "select order_status from centra_order where order_number = ? for update")) {
                s.setLong(1, order);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no order " + order);
                    }
                }
            }
        }

        /** Reads the order's offers; how many are still open. */
        private static int offers(Connection c, long order) throws Exception {
            int open = 0;
            try (PreparedStatement s = c.prepareStatement(
                    "select warehouse_id, offer_state, expires_at_ms from centra_check_first_offer where order_number = ?")) {
                s.setLong(1, order);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        open += "offered".equals(rs.getString(2)) ? 1 : 0;
                    }
                }
            }
            return open;
        }

        private static void endOffer(Connection c, long order, long warehouse, String state, String reason) throws Exception {
            if (update(c, """
                    update centra_check_first_offer set offer_state = ?, reason = ?, answered_at = ?
                    where order_number = ? and warehouse_id = ? and offer_state = 'offered'""",
                    state, reason, Timestamp.valueOf(LocalDateTime.now()), order, warehouse) != 1) {
                throw new IllegalStateException("offer of order " + order + " to " + warehouse + " was not open");
            }
        }

        private static void event(Connection c, long order, String action, long warehouse) throws Exception {
            long now = System.currentTimeMillis();
            update(c, """
                    insert into centra_webhook_event (webhook_position, event_type, event_json, created_at_ms, due_at_ms,
                                                      delivery_state, attempts)
                    values (0, 'check_first', ?, ?, ?, 'pending', 0)""",
                    "{\"type\":\"check_first\",\"action\":\"" + action + "\",\"date\":\"" + LocalDateTime.now()
                            + "\",\"id\":" + order + ",\"data\":{\"warehouseId\":" + warehouse + "}}", now, now);
        }

        private static int update(Connection c, String sql, Object... params) throws Exception {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    s.setObject(i + 1, params[i]);
                }
                return s.executeUpdate();
            }
        }

        @Override
        public void close() throws Exception {
            for (Connection c : opened) {
                c.close();
            }
        }
    }
}
