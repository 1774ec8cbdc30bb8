package dev.kassa.bench;

import dev.kassa.centra.sandbox.CentraSandboxApplication;
import dev.kassa.common.db.EmbeddedDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** What the benchmarks share: options, the database, an in-process Centra sandbox, timing loops, table rows. */
final class BenchSupport {

    static final String ADMIN_TOKEN = "bench-admin";

    private BenchSupport() {
    }

    /** {@code --name value} pairs; every name must be one of {@code defaults}' keys. */
    record Options(Map<String, String> values) {

        static Options parse(String[] args, Map<String, String> defaults) {
            Map<String, String> values = new HashMap<>(defaults);
            values.putIfAbsent("--db-url", "");
            values.putIfAbsent("--db-user", "sa");
            values.putIfAbsent("--db-password", "");
            for (int i = 0; i < args.length; i += 2) {
                if (!values.containsKey(args[i])) {
                    throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + values.keySet());
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                values.put(args[i], args[i + 1]);
            }
            return new Options(values);
        }

        int integer(String name) {
            try {
                return Integer.parseInt(values.get(name));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, not " + values.get(name));
            }
        }

        String text(String name) {
            return values.get(name);
        }

        /**
         * The connector's JDBC URL: {@code --db-url}, or an H2 file database in a fresh temp directory whose
         * commits reach the file at once, as the connector's do.
         */
        String dbUrl() throws Exception {
            return dbUrl(EmbeddedDatabase.Commits.ON_DISK_AT_ONCE);
        }

        /** A sandbox's JDBC URL: {@code --db-url}, or a fresh H2 file database as a sandbox keeps it (decision 0019). */
        String sandboxDbUrl() throws Exception {
            return dbUrl(EmbeddedDatabase.Commits.WITHIN_HALF_A_SECOND);
        }

        String dbUrl(EmbeddedDatabase.Commits commits) throws Exception {
            String url = values.get("--db-url");
            return url.isEmpty() ? EmbeddedDatabase.h2Url(Files.createTempDirectory("kassa-bench"), "db", commits) : url;
        }

        boolean embedded() {
            return values.get("--db-url").isEmpty();
        }
    }

    static String databaseName(String url) {
        return url.startsWith("jdbc:h2") ? "H2" : "PostgreSQL";
    }

    /** The Centra sandbox on a random port, empty, on the given database. */
    static ConfigurableApplicationContext centraSandbox(String dbUrl, Options o, String... extra) {
        return sandbox(CentraSandboxApplication.class, dbUrl, o, extra);
    }

    /** A sandbox application on a random port, empty, on the given database. */
    static ConfigurableApplicationContext sandbox(Class<?> application, String dbUrl, Options o, String... extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + dbUrl,
                "--spring.datasource.username=" + o.text("--db-user"),
                "--spring.datasource.password=" + o.text("--db-password"),
                "--kassa.sandbox.admin-token=" + ADMIN_TOKEN, "--kassa.sandbox.seed=empty", "--logging.level.root=WARN"));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(application).run(args.toArray(String[]::new));
    }

    static String baseUrl(ConfigurableApplicationContext app) {
        return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** An admin call; anything but the expected status stops the benchmark with the answer. */
    static String admin(HttpClient http, String base, String method, String path, String body, int expected)
            throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": "
                    + (r.body().length() > 2000 ? r.body().substring(0, 2000) + "…" : r.body()));
        }
        return r.body();
    }

    static void header() {
        System.out.println("| measure | sandbox over HTTP | baseline | sandbox / baseline |");
        System.out.println("|---|---:|---:|---:|");
    }

    static void row(String what, double sandbox, double baseline) {
        System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %.2f |%n", what, sandbox, baseline, sandbox / baseline);
    }

    /**
     * Runs {@code clients} loops for {@code seconds}; each call returns the items it handled; items per second.
     * A warm-up of a quarter of that time (at least a second) runs first and is not counted, so the JIT and
     * the connection pools are warm when the measuring starts.
     */
    static double throughput(int clients, int seconds, Callable<Integer> call) throws Exception {
        long warm = System.nanoTime() + Math.max(1, seconds / 4) * 1_000_000_000L;
        parallel(clients, () -> {
            while (System.nanoTime() < warm) {
                call.call();
            }
            return 0L;
        });
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        return parallel(clients, () -> {
            long items = 0;
            while (System.nanoTime() < end) {
                items += call.call();
            }
            return items;
        });
    }

    /** Runs {@code clients} copies of {@code work} at once; the items they report together, per second. */
    static double parallel(int clients, Callable<Long> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            List<Future<Long>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(work));
            }
            long total = 0;
            for (Future<Long> f : futures) {
                total += f.get();
            }
            return total / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
