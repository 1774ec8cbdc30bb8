package dev.kassa.bench;

import dev.kassa.centara.sandbox.CentaraSandboxApplication;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * POST api/order of the Centara sandbox beside raw JDBC doing the database work of the same order on the
 * same database in the same run: check the store, customer, items, tender and info codes exist, lock the
 * reference's slot, look the reference up, insert the order and its history row, commit.
 */
final class CentaraOrdersBench {

    private static final String API_TOKEN = "bench-centara";
    private static final int ITEMS = 1000;

    private CentaraOrdersBench() {
    }

    static void run(String[] args) throws Exception {
        BenchSupport.Options o = BenchSupport.Options.parse(args, Map.of("--clients", "4", "--seconds", "10"));
        int clients = o.integer("--clients");
        int seconds = o.integer("--seconds");
        String dbUrl = o.sandboxDbUrl();
        System.out.printf(Locale.ROOT, "Centara sandbox on %s, %d items in the registry, %d clients, %d s per figure, %d cores%n%n",
                BenchSupport.databaseName(dbUrl), ITEMS, clients, seconds, Runtime.getRuntime().availableProcessors());
        BenchSupport.header();
        if (!o.embedded()) {
            orders(dbUrl, o, "POST api/order, 3 items, 1 payment, 2 info codes (orders/s)");
            return;
        }
        // the commit cost: the same on an H2 that writes each commit to its file at once, as the sandboxes' did before
        // decision 0019 (and the connector's still does); two rounds, alternating, so neither way gets the cold JIT alone
        double now = 0;
        double before = 0;
        for (int round = 1; round <= 2; round++) {
            before = Math.max(before, orders(o.dbUrl(), o, "round " + round + ": POST api/order, H2 writing each commit at once"
                    + " (before; orders/s)"));
            now = Math.max(now, orders(o.sandboxDbUrl(), o, "round " + round + ": POST api/order, 3 items, 1 payment, 2 info codes,"
                    + " H2 commits within 500 ms (orders/s)"));
        }
        System.out.printf(Locale.ROOT, "%nPOST api/order, best of each: commits within 500 ms / each commit at once = %.2f%n", now / before);
    }

    /** The sandbox on {@code dbUrl} and raw JDBC on the same database, one row; the sandbox's orders per second. */
    private static double orders(String dbUrl, BenchSupport.Options o, String label) throws Exception {
        int clients = o.integer("--clients");
        int seconds = o.integer("--seconds");
        try (ConfigurableApplicationContext app = BenchSupport.sandbox(CentaraSandboxApplication.class, dbUrl, o)) {
            String base = BenchSupport.baseUrl(app);
            HttpClient http = BenchSupport.http();
            StringBuilder items = new StringBuilder();
            for (int i = 0; i < ITEMS; i++) {
                items.append(i == 0 ? "" : ",").append("{\"ItemId\": \"I").append(i).append("\", \"Description\": \"Item ")
                        .append(i).append("\", \"Barcodes\": [\"").append(2_000_000_000_000L + i).append("\"]}");
            }
            BenchSupport.admin(http, base, "PUT", "/sandbox/state", """
                    {"auth": {"mode": "bearer", "token": "%s"},
                     "stores": [{"id": 1, "name": "Bench", "timeZone": "Europe/Stockholm"}],
                     "customers": [{"CustomerId": "C1", "FirstName": "Bench"}],
                     "items": [%s], "tenders": [{"TenderCode": 50, "Name": "Web payment"}],
                     "infoCodes": [{"Id": "CentraOrder", "Description": "Centra order number"}, {"Id": "Carrier"}]}"""
                    .formatted(API_TOKEN, items), 200);
            AtomicLong references = new AtomicLong();
            double sandbox = BenchSupport.throughput(clients, seconds, () -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/order"))
                        .header("Authorization", "Bearer " + API_TOKEN).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(order("S-" + references.incrementAndGet()))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("POST api/order answered " + r.statusCode() + ": " + r.body());
                }
                return 1;
            });
            double raw = rawOrders(dbUrl, o, clients, seconds, references);
            BenchSupport.row(label, sandbox, raw);
            return sandbox;
        }
    }

    /** An order of three random items with a payment and info codes, about the size of a web order. */
    private static String order(String reference) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return """
                {"StoreId": 1, "ReferenceNumber": "%s", "Created": "2026-11-22T10:00:00", "DueAt": "2026-11-24T10:00:00",
                 "Customer": {"CustomerId": "C1", "FirstName": "Eva", "LastName": "Lind", "EmailAddress": "eva@example.com"},
                 "Notes": "Ship to Storgatan 2, 41101 Göteborg",
                 "Items": [{"ItemId": "I%d", "Quantity": 1, "Price": "599"}, {"ItemId": "I%d", "Quantity": 2, "Price": "149"},
                           {"ItemId": "I%d", "Quantity": 1, "Price": "1199", "Discount": "100"}],
                 "Payments": [{"Amount": "1996", "TimeStamp": "2026-11-22T10:00:00Z", "TenderCode": 50,
                               "Authorization": {"TransactionDateTime": "2026-11-22T10:00:00Z", "AuthorisationCode": "A1"}}],
                 "InfoCodes": [{"Id": "CentraOrder", "Value": "%s"}, {"Id": "Carrier", "Value": "PostNord"}]}"""
                .formatted(reference, r.nextInt(ITEMS), r.nextInt(ITEMS), r.nextInt(ITEMS), reference);
    }

    private static double rawOrders(String url, BenchSupport.Options o, int clients, int seconds, AtomicLong references)
            throws Exception {
        List<Connection> opened = Collections.synchronizedList(new ArrayList<>());
        ThreadLocal<Connection> connections = ThreadLocal.withInitial(() -> {
            try {
                Connection c = DriverManager.getConnection(url, o.text("--db-user"), o.text("--db-password"));
                c.setAutoCommit(false);
                opened.add(c);
                return c;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return BenchSupport.throughput(clients, seconds, () -> {
                Connection c = connections.get();
                String reference = "R-" + references.incrementAndGet();
                ThreadLocalRandom r = ThreadLocalRandom.current();
                exists(c, "select 1 from centara_store where store_id = ?", 1);
                exists(c, "select 1 from centara_customer where customer_id in (?)", "C1");
                exists(c, "select 1 from centara_item where item_id in (?, ?, ?)", "I" + r.nextInt(ITEMS),
                        "I" + r.nextInt(ITEMS), "I" + r.nextInt(ITEMS));
                exists(c, "select 1 from centara_tender where tender_code in (?)", 50);
                exists(c, "select 1 from centara_info_code where id in (?, ?)", "CentraOrder", "Carrier");
                exists(c, "select slot from centara_reference_lock where slot = ? for update",
                        Math.floorMod(reference.hashCode(), 64));
                try (PreparedStatement s = c.prepareStatement("select order_id from centara_order where reference_number = ?")) {
                    s.setString(1, reference);
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            throw new IllegalStateException("reference taken");
                        }
                    }
                }
                String id = UUID.randomUUID().toString();
                long now = System.currentTimeMillis();
                try (PreparedStatement s = c.prepareStatement("""
                        insert into centara_order (order_id, reference_number, store_id, status, flags, paid, due, document,
                                                   due_at_ms, auto_delete_at_ms, received_at_ms, modified_at_ms)
                        values (?, ?, 1, 3, 0, ?, ?, ?, ?, ?, ?, ?)""")) {
                    s.setString(1, id);
                    s.setString(2, reference);
                    s.setBigDecimal(3, new BigDecimal("1996"));
                    s.setBigDecimal(4, new BigDecimal("1996"));
                    s.setString(5, order(reference));
                    s.setLong(6, now);
                    s.setLong(7, now + 7 * 86_400_000L);
                    s.setLong(8, now);
                    s.setLong(9, now);
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("""
                        insert into centara_order_history (order_id, at_ms, action, from_status, to_status)
                        values (?, ?, 'created', null, 3)""")) {
                    s.setString(1, id);
                    s.setLong(2, now);
                    s.executeUpdate();
                }
                c.commit();
                return 1;
            });
        } finally {
            for (Connection c : opened) {
                c.close();
            }
        }
    }

    private static void exists(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("missing: " + sql);
                }
            }
        }
    }
}
