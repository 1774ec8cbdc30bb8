package dev.kassa.common.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP endpoint on a local port for tests: records every call and answers with the status it is told. */
public final class HttpReceiver implements AutoCloseable {

    public record Call(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    /** A scripted answer, used once, before falling back to {@link #status} with an empty body. */
    public record Answer(int status, String body, Map<String, String> headers) {
    }

    public final List<Call> calls = new CopyOnWriteArrayList<>();
    public final AtomicInteger status = new AtomicInteger(200);
    public final Queue<Answer> script = new ConcurrentLinkedQueue<>();
    private final HttpServer server;

    public HttpReceiver() {
        this(0);
    }

    /** A receiver on a given port (0: any free one), e.g. to come back where a stopped one was. */
    public HttpReceiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            Answer next = script.poll();
            if (next == null) {
                exchange.sendResponseHeaders(status.get(), -1);
            } else {
                next.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                byte[] out = next.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(next.status(), out.length == 0 ? -1 : out.length);
                if (out.length > 0) {
                    exchange.getResponseBody().write(out);
                }
            }
            exchange.close();
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
