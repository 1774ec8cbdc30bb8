package dev.kassa.centra.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of Centra's Integration API (GraphQL, {@code POST <base>/graphql}) for stock: a warehouse's
 * stock per size, {@code setStock} of several warehouses in one request, and the environment's
 * {@code rateLimits}. One token serves every warehouse; it travels in the {@code Authorization} header
 * only and is never logged.
 * <p>
 * A read is retried on transport errors and 5xx within bounds. A write is not: without an answer it may or
 * may not have happened, which the caller settles by reading (the stock writer does). A 429 is waited out
 * as its {@code Retry-After} asks (a moment on this API, or seconds) and sent again: Centra refused it
 * whole. GraphQL {@code errors} (a permission the token lacks, a malformed request) refuse the call.
 */
public final class IntegrationApiClient {

    private static final Logger log = LoggerFactory.getLogger(IntegrationApiClient.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Sizes per page of stock, Centra's largest: "Limit must be in range 1 - 200". */
    public static final int PAGE = 200;

    /** One size's stock in one warehouse. */
    public record SizeStock(long sizeId, String ean, int physical, int allocated) {
    }

    /** A physical quantity for one size (its Centra product size id). */
    public record SizeQuantity(long sizeId, int quantity) {
    }

    /** One warehouse's part of a write: {@code setStock} with these sizes, physical quantities. */
    public record WarehouseWrite(long warehouseId, String description, List<SizeQuantity> sizes) {
    }

    /** What Centra said about one warehouse's part: nothing was written when there are errors. */
    public record WriteResult(List<UserError> userErrors, List<String> userWarnings) {
        public boolean ok() {
            return userErrors.isEmpty();
        }
    }

    /** A user error; {@code sizeIndex} is the index into the part's sizes it names, or -1. */
    public record UserError(String message, List<String> path, int sizeIndex) {
    }

    /** One rate-limit window as Centra reports it. */
    public record RateLimit(String type, String interval, int quota, int used, int remaining) {
    }

    private final URI url;
    private final String token;
    private final Pause pause;
    private final OrderApiClient.Settings settings;
    private final OrderApiClient.Listener listener;
    private final HttpClient http;

    /** {@code baseUrl}: the Centra environment, e.g. {@code https://shop.centra.com}; {@code /graphql} is added. */
    public IntegrationApiClient(String baseUrl, String token, Pause pause, OrderApiClient.Settings settings) {
        this(baseUrl, token, pause, settings, OrderApiClient.Listener.NONE);
    }

    /** As above, telling {@code listener} of every exchange ({@code POST graphql}, its status; 0: no answer). */
    public IntegrationApiClient(String baseUrl, String token, Pause pause, OrderApiClient.Settings settings,
                                OrderApiClient.Listener listener) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        URI u;
        try {
            u = URI.create(base + "/graphql");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the Centra base URL is not a URL: " + baseUrl);
        }
        if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null) {
            throw new IllegalArgumentException("the Centra base URL must be http(s)://host[:port][/path], got " + baseUrl);
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("an Integration API token is needed");
        }
        this.url = u;
        this.token = token;
        this.pause = pause;
        this.settings = settings;
        this.listener = listener;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).version(HttpClient.Version.HTTP_1_1).build();
    }

    public URI url() {
        return url;
    }

    /** The stock of {@code sizeIds} in the warehouse, by size id; a size Centra does not know is absent. */
    public Map<Long, SizeStock> stock(long warehouseId, Collection<Long> sizeIds) {
        return stock(Map.of(warehouseId, sizeIds)).get(warehouseId);
    }

    /**
     * The stock of several warehouses in one query (an aliased {@code warehouse} field per 200 sizes asked of
     * one warehouse): by warehouse, then by size id; a size Centra does not know is absent.
     */
    public Map<Long, Map<Long, SizeStock>> stock(Map<Long, ? extends Collection<Long>> sizesByWarehouse) {
        return stockAndLimits(sizesByWarehouse).stock();
    }

    /** Stock by warehouse and size, and the environment's rate-limit windows at that moment. */
    public record StockAnswer(Map<Long, Map<Long, SizeStock>> stock, List<RateLimit> limits) {
    }

    /**
     * As {@link #stock(Map)}, with Centra's {@code rateLimits} asked in the same query (no request of its
     * own): what is left of the environment's budget, which other integrations spend too.
     */
    public StockAnswer stockAndLimits(Map<Long, ? extends Collection<Long>> sizesByWarehouse) {
        StringBuilder declared = new StringBuilder();
        StringBuilder fields = new StringBuilder();
        Map<String, Object> variables = new LinkedHashMap<>();
        Map<String, Long> aliases = new LinkedHashMap<>();
        Map<Long, Map<Long, SizeStock>> found = new LinkedHashMap<>();
        for (Map.Entry<Long, ? extends Collection<Long>> e : sizesByWarehouse.entrySet()) {
            found.put(e.getKey(), new LinkedHashMap<>());
            List<Long> ids = List.copyOf(e.getValue());
            for (int from = 0; from < ids.size(); from += PAGE) {
                List<Long> slice = ids.subList(from, Math.min(ids.size(), from + PAGE));
                String a = "w" + aliases.size();
                aliases.put(a, e.getKey());
                declared.append(declared.isEmpty() ? "" : ", ").append("$").append(a).append(": Int!, $").append(a)
                        .append("s: [Int!], $").append(a).append("l: Int!");
                fields.append("  ").append(a).append(": warehouse(id: $").append(a).append(") { stock(where: {productSizeId: $")
                        .append(a).append("s}, limit: $").append(a).append("l) { productSize { id EAN } physicalQuantity allocatedQuantity } }\n");
                variables.put(a, e.getKey());
                variables.put(a + "s", slice);
                variables.put(a + "l", slice.size());
            }
        }
        fields.append("  rateLimits { type intervalSeconds quota usedQuota remainingQuota }\n");
        JsonNode data = execute("query stock" + (declared.isEmpty() ? "" : "(" + declared + ")") + " {\n" + fields + "}", variables, false);
        aliases.forEach((alias, warehouse) -> {
            JsonNode w = data.get(alias);
            if (w == null || w.isNull()) {
                throw new CentraException("Centra has no warehouse " + warehouse, 200, false, null);
            }
            for (JsonNode s : w.path("stock")) {
                long id = s.path("productSize").path("id").asLong();
                JsonNode ean = s.path("productSize").get("EAN");
                found.get(warehouse).put(id, new SizeStock(id, ean == null || ean.isNull() ? null : ean.asString(),
                        s.path("physicalQuantity").asInt(), s.path("allocatedQuantity").asInt()));
            }
        });
        return new StockAnswer(found, windows(data));
    }

    /**
     * {@code setStock} (physical quantities) for every part, in one request: one mutation operation, a
     * field per warehouse. The results are in the order of the parts. No answer: a {@link CentraException}
     * whose {@code retriesExhausted()} is true, and whether each part was written is unknown.
     */
    public List<WriteResult> setStock(List<WarehouseWrite> parts) {
        if (parts.isEmpty()) {
            return List.of();
        }
        StringBuilder declared = new StringBuilder();
        StringBuilder fields = new StringBuilder();
        Map<String, Object> variables = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            WarehouseWrite p = parts.get(i);
            declared.append(i == 0 ? "" : ", ").append("$in").append(i).append(": StockSetInput!");
            fields.append("  w").append(i).append(": setStock(input: $in").append(i)
                    .append(") { userErrors { message path } userWarnings { message } }\n");
            List<Map<String, Object>> sizes = new ArrayList<>();
            for (SizeQuantity s : p.sizes()) {
                sizes.add(Map.of("productSize", Map.of("id", s.sizeId()), "quantity", s.quantity()));
            }
            variables.put("in" + i, Map.of("warehouse", Map.of("id", p.warehouseId()), "description", p.description(),
                    "stockQuantityType", "PHYSICAL", "productSizes", sizes));
        }
        JsonNode data = execute("mutation setStock(" + declared + ") {\n" + fields + "}", variables, true);
        List<WriteResult> results = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            JsonNode payload = data.get("w" + i);
            if (payload == null || payload.isNull()) {
                throw new CentraException("setStock of warehouse " + parts.get(i).warehouseId() + " answered no payload", 200, false, null);
            }
            List<UserError> errors = new ArrayList<>();
            for (JsonNode e : payload.path("userErrors")) {
                List<String> path = new ArrayList<>();
                e.path("path").forEach(x -> path.add(x.asString()));
                int index = path.size() >= 3 && path.get(1).equals("productSizes") && path.get(2).matches("\\d{1,9}")
                        ? Integer.parseInt(path.get(2)) : -1;
                errors.add(new UserError(e.path("message").asString(), List.copyOf(path), index));
            }
            List<String> warnings = new ArrayList<>();
            payload.path("userWarnings").forEach(w -> warnings.add(w.path("message").asString()));
            results.add(new WriteResult(List.copyOf(errors), List.copyOf(warnings)));
        }
        return results;
    }

    /** The environment's rate-limit windows now. */
    public List<RateLimit> rateLimits() {
        return windows(execute("{ rateLimits { type intervalSeconds quota usedQuota remainingQuota } }", Map.of(), false));
    }

    private static List<RateLimit> windows(JsonNode data) {
        List<RateLimit> out = new ArrayList<>();
        for (JsonNode w : data.path("rateLimits")) {
            out.add(new RateLimit(w.path("type").asString(), w.path("intervalSeconds").asString(), w.path("quota").asInt(),
                    w.path("usedQuota").asInt(), w.path("remainingQuota").asInt()));
        }
        return out;
    }

    /** Runs one operation; its {@code data}. */
    private JsonNode execute(String query, Map<String, Object> variables, boolean write) {
        String body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
        String what = (write ? "mutation" : "query") + " to " + url;
        int attempt = 0;
        int waits429 = 0;
        int lastStatus = 0;
        Exception lastError = null;
        try {
            while (true) {
                attempt++;
                HttpRequest request = HttpRequest.newBuilder(url).timeout(settings.requestTimeout())
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
                String problem;
                try {
                    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    lastStatus = r.statusCode();
                    listener.exchanged("POST", "graphql", r.statusCode());
                    if (r.statusCode() == 429) {
                        if (waits429++ >= settings.max429Waits()) {
                            throw new CentraException(what + ": still 429 after " + settings.max429Waits() + " waits", 429, false, null);
                        }
                        Duration wait = RetryAfter.parse(r.headers().firstValue("Retry-After").orElse(null), Instant.now());
                        log.info("{} answered 429; waiting {} ms as Retry-After says", what, wait.toMillis());
                        attempt--; // refused whole, so not a failed attempt, and safe to send again
                        pause.pause(wait);
                        continue;
                    }
                    if (r.statusCode() == 200) {
                        return data(what, r.body(), write);
                    }
                    if (r.statusCode() / 100 != 5) {
                        throw new CentraException(what + " answered " + r.statusCode() + ": " + abbreviate(r.body()),
                                r.statusCode(), false, null);
                    }
                    problem = "HTTP " + r.statusCode();
                } catch (HttpTimeoutException e) {
                    listener.exchanged("POST", "graphql", 0);
                    lastError = e;
                    lastStatus = 0;
                    problem = "no answer within " + settings.requestTimeout().toSeconds() + " s";
                } catch (IOException e) {
                    listener.exchanged("POST", "graphql", 0);
                    lastError = e;
                    lastStatus = 0;
                    problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                }
                if (write) {
                    throw new CentraException(what + " got no answer (" + problem + "); whether it took effect is unknown",
                            lastStatus, true, lastError);
                }
                if (attempt >= settings.maxAttempts()) {
                    throw new CentraException(what + " failed " + attempt + " times, last: " + problem, lastStatus, true, lastError);
                }
                Duration backoff = settings.backoff(attempt);
                log.warn("{} failed ({}); attempt {} of {}, next in {} ms", what, problem, attempt, settings.maxAttempts(),
                        backoff.toMillis());
                pause.pause(backoff);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CentraException(what + " was interrupted", lastStatus, true, e);
        }
    }

    /**
     * The answer's {@code data}. GraphQL {@code errors} refuse the call, unless a write came back with
     * data beside them: then some of its fields may have run, and whether each did is unknown.
     */
    private static JsonNode data(String what, String body, boolean write) {
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new CentraException(what + " answered something that is not JSON: " + abbreviate(body), 200, false, e);
        }
        JsonNode errors = answer.get("errors");
        if (errors != null && errors.isArray() && !errors.isEmpty()) {
            List<String> messages = new ArrayList<>();
            errors.forEach(e -> messages.add(e.path("message").asString()));
            JsonNode partial = answer.get("data");
            boolean unknown = write && partial != null && !partial.isNull();
            throw new CentraException(what + (unknown ? " answered in part; whether each part took effect is unknown: "
                    : " was refused: ") + String.join("; ", messages), 200, unknown, null);
        }
        JsonNode data = answer.get("data");
        if (data == null || data.isNull()) {
            throw new CentraException(what + " answered no data: " + abbreviate(body), 200, false, null);
        }
        return data;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}
