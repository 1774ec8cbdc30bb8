package dev.kassa.centra.sandbox.shipfromstore;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP receiver on a local port that records every webhook call and answers as told. */
final class Receiver implements AutoCloseable {

    record Call(String body, String signature, String contentType, JsonNode payload) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger status = new AtomicInteger(200);
    final AtomicLong delayMillis = new AtomicLong();
    private final HttpServer server;

    Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String json = URLDecoder.decode(body.substring(body.indexOf('=') + 1), StandardCharsets.UTF_8);
            calls.add(new Call(body, exchange.getRequestHeaders().getFirst("X-Centra-Signature"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), JSON.readTree(json)));
            try {
                Thread.sleep(delayMillis.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Every event received, in the order they arrived. */
    List<JsonNode> events() {
        return calls.stream().flatMap(c -> {
            List<JsonNode> out = new java.util.ArrayList<>();
            c.payload().get("events").forEach(out::add);
            return out.stream();
        }).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
