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
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP proxy for what the sandboxes' own faults (decision 0020) cannot do: route the Centra sandbox's
 * webhooks to the connector of the test class that runs now ({@link #retarget}; the webhook's URL is in the
 * sandbox's state, and replacing that state would restart its order numbers), hold a call until a test has
 * looked and releases it ({@link #holdAfter}), and refuse every webhook call with 503 while a test says so
 * ({@link #failAll}). Failures of the connector's own calls come from the sandboxes' faults.
 */
public final class FlakyProxy implements AutoCloseable {

    private final HttpServer server;
    private volatile String target;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private volatile boolean failing;
    public final AtomicInteger failed = new AtomicInteger();

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

    /** Where calls go now. */
    public String target() {
        return target;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on, every call is answered 503 without reaching the target ({@code true}), or passes. */
    public void failAll(boolean fail) {
        this.failing = fail;
    }

    /** No more failures. */
    public void calm() {
        failAll(false);
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

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            maybeHold(exchange);
            if (failing) {
                failed.incrementAndGet();
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
