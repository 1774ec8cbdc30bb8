package dev.kassa.connector;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP proxy in front of the Centra sandbox that injects the failures a network and Centra can
 * produce: a 503 before the call reaches Centra (nothing happened), or a 502 after Centra handled it (it
 * happened, but the answer was lost). Off until {@link #failures} turns it on.
 */
public final class FlakyProxy implements AutoCloseable {

    private final HttpServer server;
    private volatile String target;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private volatile double before;
    private volatile double after;
    private volatile Random random = new Random(1);
    private final java.util.Set<String> loseOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
    public final AtomicInteger failedBefore = new AtomicInteger();
    public final AtomicInteger failedAfter = new AtomicInteger();

    public FlakyProxy(String target) {
        this.target = target;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** From now on, calls go to {@code target}. */
    public void retarget(String target) {
        this.target = target;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on, each call fails before reaching Centra with probability {@code before}, after it with {@code after}. */
    public void failures(double before, double after, long seed) {
        this.random = new Random(seed);
        this.before = before;
        this.after = after;
    }

    /** No more failures: rates back to 0 and no answer waiting to be lost. */
    public void calm() {
        failures(0, 0, 1);
        loseOnce.clear();
    }

    /** The next call of {@code method} to a path ending in {@code pathEnd} reaches Centra, and its answer is lost. */
    public void loseNextAnswer(String method, String pathEnd) {
        loseOnce.add(method + " " + pathEnd);
    }

    private volatile String holdPath;
    private final AtomicInteger holdPassed = new AtomicInteger();
    private volatile int holdAfter;
    private volatile String holdMethod = "GET";
    private volatile java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    private volatile java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(0);

    /**
     * GET calls to paths ending in {@code pathEnd} pass {@code passFirst} times; the next one waits (before
     * reaching Centra) until {@link #release()}. Returns a latch that opens when a call is being held.
     */
    public java.util.concurrent.CountDownLatch holdAfter(String pathEnd, int passFirst) {
        return holdAfter("GET", pathEnd, passFirst);
    }

    /** As {@link #holdAfter(String, int)}, for calls of {@code method}. */
    public java.util.concurrent.CountDownLatch holdAfter(String method, String pathEnd, int passFirst) {
        holdMethod = method;
        held = new java.util.concurrent.CountDownLatch(1);
        release = new java.util.concurrent.CountDownLatch(1);
        holdPassed.set(0);
        holdAfter = passFirst;
        holdPath = pathEnd;
        return held;
    }

    public void release() {
        holdPath = null;
        release.countDown();
    }

    private void maybeHold(HttpExchange exchange) {
        String path = holdPath;
        if (path != null && exchange.getRequestMethod().equals(holdMethod) && exchange.getRequestURI().getPath().endsWith(path)
                && holdPassed.incrementAndGet() > holdAfter) {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean loseThisAnswer(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        return loseOnce.removeIf(k -> k.startsWith(exchange.getRequestMethod() + " ")
                && path.endsWith(k.substring(k.indexOf(' ') + 1)));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            maybeHold(exchange);
            double roll;
            synchronized (this) {
                roll = random.nextDouble();
            }
            if (roll < before) {
                failedBefore.incrementAndGet();
                reply(exchange, 503, "{\"status\":\"no\",\"msg\":\"injected: unavailable\"}".getBytes());
                return;
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : List.of("API-Authorization", "Authorization", "Content-Type", "Accept", "X-Centra-Signature")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    forward.header(header, value);
                }
            }
            HttpResponse<byte[]> answer;
            try {
                answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply(exchange, 502, new byte[0]);
                return;
            }
            if (roll < before + after || loseThisAnswer(exchange)) {
                failedAfter.incrementAndGet();
                reply(exchange, 502, "{\"status\":\"no\",\"msg\":\"injected: answer lost\"}".getBytes());
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", answer.headers().firstValue("Content-Type").orElse("application/json"));
            answer.headers().firstValue("Retry-After").ifPresent(v -> exchange.getResponseHeaders().set("Retry-After", v));
            reply(exchange, answer.statusCode(), answer.body());
        }
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
