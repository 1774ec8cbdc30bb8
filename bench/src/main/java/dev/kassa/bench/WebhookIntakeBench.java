package dev.kassa.bench;

import dev.kassa.centra.sandbox.webhooks.WebhookSignature;
import dev.kassa.connector.ConnectorApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code ./kassa bench webhook-intake}: Centra's webhook calls into the connector's {@code POST /webhooks/centra}
 * (signature checked on the raw body, the form decoded, the event stored de-duplicated and committed before
 * the 200) at fixed request rates, open loop: each call starts at its planned moment whatever the earlier
 * ones do, and its latency counts from that moment, so a stall shows as latency instead of as fewer calls.
 * Beside it, in the same server, the same calls to an endpoint that only reads the body and answers 200.
 */
final class WebhookIntakeBench {

    private static final String SECRET = "bench-webhook-secret";

    private WebhookIntakeBench() {
    }

    /** The baseline: the same server, filters and request handling, no signature, no database. */
    @RestController
    static class Baseline {
        @PostMapping("/bench/baseline")
        String ok(@RequestBody byte[] body) {
            return "{\"events\":1,\"new\":1}";
        }
    }

    record Result(int sent, int ok, double perSecond, double p50Ms, double p99Ms, double maxMs) {
    }

    static void run(String[] args) throws Exception {
        BenchSupport.Options o = BenchSupport.Options.parse(args, Map.of("--rates", "50,100,200,400,800", "--seconds", "10"));
        String db = o.dbUrl();
        int seconds = o.integer("--seconds");
        int[] rates = Arrays.stream(o.text("--rates").split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        List<String> props = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + db,
                "--spring.datasource.username=" + o.text("--db-user"), "--spring.datasource.password=" + o.text("--db-password"),
                "--logging.level.root=WARN", "--spring.main.banner-mode=off",
                "--kassa.connector.admin-token=" + BenchSupport.ADMIN_TOKEN + "-connector",
                "--kassa.connector.webhook.secret=" + SECRET,
                "--kassa.connector.catalogue.sync-millis=0", "--kassa.connector.stock.poll-millis=3600000",
                "--kassa.connector.stock.reconcile-millis=3600000", "--kassa.connector.ship-from-store.safety-net-millis=0",
                // Centra is not needed: every event is about warehouses of no store of this connector
                "--kassa.connector.centra.endpoints.se.base-url=http://127.0.0.1:9/api/none",
                "--kassa.connector.centra.endpoints.se.secret=none",
                "--kassa.connector.stores[0].id=bench", "--kassa.connector.stores[0].name=Bench", "--kassa.connector.stores[0].country=se",
                "--kassa.connector.stores[0].centra-warehouse=2", "--kassa.connector.stores[0].centara-store=1",
                "--kassa.connector.stores[0].pos-api-key=bench-pos-key-0001",
                "--kassa.connector.stores[0].centra-endpoint.base-url=http://127.0.0.1:9/api/none",
                "--kassa.connector.stores[0].centra-endpoint.secret=none"));
        System.out.printf(Locale.ROOT, "%d cores, %s, %d s per rate, open loop%n%n", Runtime.getRuntime().availableProcessors(),
                BenchSupport.databaseName(db), seconds);
        try (ConfigurableApplicationContext connector = new SpringApplicationBuilder(ConnectorApplication.class, Baseline.class)
                .run(props.toArray(String[]::new))) {
            String base = BenchSupport.baseUrl(connector);
            JdbcClient jdbc = connector.getBean(JdbcClient.class);
            HttpClient http = BenchSupport.http();
            AtomicLong ids = new AtomicLong(1_000_000);
            // warm both paths up (JIT, connection pools) before measuring
            load(http, base + "/bench/baseline", 200, 5, ids);
            load(http, base + "/webhooks/centra", 200, 5, ids);
            System.out.println("| calls/s planned | baseline: calls/s done | p50 ms | p99 ms | intake: calls/s done | p50 ms | p99 ms | max ms | intake p99 / baseline p99 |");
            System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (int rate : rates) {
                Result b = load(http, base + "/bench/baseline", rate, seconds, ids);
                int before = stored(jdbc);
                Result w = load(http, base + "/webhooks/centra", rate, seconds, ids);
                int stored = stored(jdbc) - before;
                if (stored != w.ok()) {
                    throw new IllegalStateException(w.ok() + " calls answered 200 but " + stored + " events were stored");
                }
                System.out.printf(Locale.ROOT, "| %d | %,.0f | %.1f | %.1f | %,.0f | %.1f | %.1f | %.0f | %.1f |%n", rate,
                        b.perSecond(), b.p50Ms(), b.p99Ms(), w.perSecond(), w.p50Ms(), w.p99Ms(), w.maxMs(), w.p99Ms() / b.p99Ms());
                if (w.ok() < w.sent() || b.ok() < b.sent()) {
                    System.out.printf("  (not 200: baseline %d of %d, intake %d of %d)%n", b.sent() - b.ok(), b.sent(),
                            w.sent() - w.ok(), w.sent());
                }
            }
            System.out.printf("%nevents stored in all: %d%n", stored(jdbc));
        }
    }

    private static int stored(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from connector_webhook_event").query(Integer.class).single();
    }

    /** {@code rate} calls a second for {@code seconds}, each a new event, signed now; waits for every answer. */
    static Result load(HttpClient http, String url, int rate, int seconds, AtomicLong ids) throws InterruptedException {
        int n = rate * seconds;
        long t = System.currentTimeMillis() / 1000;
        String[] bodies = new String[n];
        String[] signatures = new String[n];
        for (int i = 0; i < n; i++) {
            long id = ids.incrementAndGet();
            // alternately an offer to warehouses of other shops (ignored) and an "accepted" of an order
            // without offers here (kept for a create that may come): both are stored and processed like any
            String json = i % 2 == 0
                    ? "{\"events\":[{\"type\":\"check_first\",\"action\":\"create\",\"date\":\"2026-12-02 10:00:00.000001\",\"id\":" + id
                      + ",\"data\":{\"warehouses\":[{\"warehouseId\":7,\"expirationAt\":\"2026-12-02T12:00:00+01:00\"},"
                      + "{\"warehouseId\":8,\"expirationAt\":\"2026-12-02T12:00:00+01:00\"}]}}]}"
                    : "{\"events\":[{\"type\":\"check_first\",\"action\":\"accepted\",\"date\":\"2026-12-02 10:00:00.000001\",\"id\":" + id
                      + ",\"data\":{\"warehouseId\":7}}]}";
            bodies[i] = WebhookSignature.body(json);
            signatures[i] = WebhookSignature.header(SECRET, t, bodies[i]);
        }
        long[] latency = new long[n];
        AtomicInteger ok = new AtomicInteger();
        AtomicLong lastDone = new AtomicLong();
        CountDownLatch done = new CountDownLatch(n);
        URI uri = URI.create(url);
        long start = System.nanoTime() + 10_000_000;
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < n; i++) {
            long planned = start + i * interval;
            long wait = planned - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int k = i;
            Thread.ofVirtual().start(() -> {
                try {
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/x-www-form-urlencoded").header(WebhookSignature.HEADER, signatures[k])
                            .POST(HttpRequest.BodyPublishers.ofString(bodies[k])).build(), HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        ok.incrementAndGet();
                    }
                } catch (Exception e) {
                    // counted as not 200
                } finally {
                    long now = System.nanoTime();
                    latency[k] = now - planned;
                    lastDone.accumulateAndGet(now, Math::max);
                    done.countDown();
                }
            });
        }
        done.await();
        long[] sorted = latency.clone();
        Arrays.sort(sorted);
        double elapsed = (lastDone.get() - start) / 1e9;
        return new Result(n, ok.get(), ok.get() / elapsed, sorted[n / 2] / 1e6, sorted[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e6,
                sorted[n - 1] / 1e6);
    }
}
