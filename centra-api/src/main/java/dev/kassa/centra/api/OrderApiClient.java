package dev.kassa.centra.api;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A typed client of one Order API endpoint (spec/centra-order-api.md). Every call has a connect and a
 * request timeout. Transport errors and 5xx are retried a bounded number of times with exponential backoff
 * and jitter (POST stock is absolute, so repeating it is safe); 429 waits for {@code Retry-After}; any
 * other 4xx is a {@link CentraException} at once. Writes first take a slot of the environment's
 * {@link WriteBudget}. The secret travels in the {@code API-Authorization} header only and is never logged.
 */
public final class OrderApiClient {

    private static final Logger log = LoggerFactory.getLogger(OrderApiClient.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Timeouts and retries; {@link #DEFAULT}: 5 s connect, 30 s per request, 4 attempts from 500 ms. */
    public record Settings(Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration firstBackoff,
                           Duration maxBackoff, int max429Waits) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(5), Duration.ofSeconds(30), 4,
                Duration.ofMillis(500), Duration.ofSeconds(30), 20);

        public Settings {
            if (maxAttempts < 1 || max429Waits < 0) {
                throw new IllegalArgumentException("maxAttempts must be at least 1 and max429Waits not negative");
            }
        }

        /** The wait after failed attempt {@code attempt}: exponential from {@code firstBackoff}, capped, jittered. */
        Duration backoff(int attempt) {
            return new Backoff(firstBackoff, maxBackoff).withJitter(attempt);
        }
    }

    /** Told of every HTTP exchange (status 0: no answer), for metrics. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (method, path, status) -> { };

        void exchanged(String method, String path, int status);
    }

    private final CentraEndpoint endpoint;
    private final Listener listener;
    private final WriteBudget budget;
    private final Pause pause;
    private final Settings settings;
    private final HttpClient http;

    public OrderApiClient(CentraEndpoint endpoint, WriteBudget budget, Pause pause, Settings settings) {
        this(endpoint, budget, pause, settings, Listener.NONE);
    }

    public OrderApiClient(CentraEndpoint endpoint, WriteBudget budget, Pause pause, Settings settings, Listener listener) {
        this.endpoint = endpoint;
        this.listener = listener;
        this.budget = budget;
        this.pause = pause;
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    public CentraEndpoint endpoint() {
        return endpoint;
    }

    /** GET stock for one EAN: the rows Centra returns (normally one). */
    public List<StockRow> stockByEan(String ean) {
        return stockRows(get("stock", Map.of("ean", ean)));
    }

    /** GET stock with any documented filters (e.g. {@code stockItemId}, {@code limit}, {@code page}). */
    public List<StockRow> stock(Map<String, String> query) {
        return stockRows(get("stock", query));
    }

    /**
     * One page of GET products with the given filters (e.g. {@code modified}); {@code page} is 1-based. The
     * answer's {@code next} (a relative query string, spec §1.5) gives the next page number.
     */
    public ProductRow.Page products(Map<String, String> filters, int limit, int page) {
        Map<String, String> query = new java.util.LinkedHashMap<>(filters);
        query.put("limit", Integer.toString(limit));
        query.put("page", Integer.toString(page));
        JsonNode answer = get("products", query);
        List<ProductRow> rows = new ArrayList<>();
        for (JsonNode p : answer.path("products")) {
            List<ProductRow.Price> prices = new ArrayList<>();
            for (JsonNode price : p.path("prices")) {
                prices.add(new ProductRow.Price(Loose.text(price.get("pricelist")), Loose.decimal(price.get("price")),
                        Loose.text(price.get("currency")), Loose.decimal(price.get("taxPercent"))));
            }
            rows.add(new ProductRow(Loose.longValue(p.get("stockItemId")), nonNull(Loose.text(p.get("sku"))),
                    nonNull(Loose.text(p.get("variantSku"))), nonNull(Loose.text(p.get("sizeSku"))),
                    Loose.text(p.get("ean")), Loose.text(p.get("upc")),
                    nonNull(Loose.text(p.get("name")) != null ? Loose.text(p.get("name")) : Loose.text(p.get("product"))),
                    nonNull(Loose.text(p.get("variant"))), nonNull(Loose.text(p.get("size"))), Loose.flag(p.get("active")),
                    List.copyOf(prices)));
        }
        return new ProductRow.Page(List.copyOf(rows), nextPage(Loose.text(answer.get("next"))));
    }

    private static java.util.OptionalInt nextPage(String next) {
        if (next == null || next.isBlank()) {
            return java.util.OptionalInt.empty();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[?&]page=(\\d+)").matcher(next);
        return m.find() ? java.util.OptionalInt.of(Integer.parseInt(m.group(1))) : java.util.OptionalInt.empty();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /** POST stock: sets the absolute physical quantity of each product in the endpoint's primary warehouse. */
    public StockUpdate.Result updateStock(List<StockUpdate> updates) {
        return postStock(updates, null);
    }

    /**
     * POST stock by a caller that already took (and waited for) its first attempt's slot in the write
     * budget, so that it could read the values just before; this call marks that slot done when the first
     * attempt ends, and retries take slots of their own.
     */
    public StockUpdate.Result updateStock(List<StockUpdate> updates, WriteBudget.Slot firstSlot) {
        return postStock(updates, firstSlot);
    }

    private StockUpdate.Result postStock(List<StockUpdate> updates, WriteBudget.Slot firstSlot) {
        if (updates.isEmpty()) {
            return new StockUpdate.Result(true, List.of(), List.of());
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode products = body.putArray("products");
        updates.forEach(u -> products.addObject().put("product", u.product()).put("quantity", u.quantity()));
        JsonNode answer = call("POST", "stock", null, JSON.writeValueAsString(body), true, firstSlot, true);
        if ("ok".equals(answer.path("status").asString())) {
            return new StockUpdate.Result(true, List.of(), List.of());
        }
        JsonNode errors = answer.path("errors");
        List<String> notFound = strings(errors.path("productsNotFound"));
        List<String> bundles = strings(errors.path("productsAreBundles"));
        if (notFound.isEmpty() && bundles.isEmpty()) {
            throw new CentraException("POST " + endpoint.baseUrl() + "/stock was refused: " + answer, 200, false, null);
        }
        return new StockUpdate.Result(false, notFound, bundles);
    }

    /** A GET of any Order API path with query parameters; the parsed answer. */
    public JsonNode get(String path, Map<String, String> query) {
        String q = query.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return call("GET", path, q, null, false, null, true);
    }

    /**
     * POST order (spec §6.1): {@code orders} holds the new order numbers, or {@code code} and {@code msg}
     * say why Centra refused it. An order is not idempotent, so this call is never repeated: without an
     * answer it throws a {@link CentraException} whose {@code retriesExhausted()} says the outcome is unknown.
     */
    public CreatedOrder createOrder(OrderRequest order) {
        JsonNode answer = call("POST", "order", null, order.toJson(), true, null, false);
        if ("ok".equals(answer.path("status").asString())) {
            List<Long> numbers = new ArrayList<>();
            answer.path("orders").forEach(n -> numbers.add(Loose.longValue(n)));
            return new CreatedOrder(List.copyOf(numbers), 0, null);
        }
        long code = Loose.longValue(answer.get("code"));
        return new CreatedOrder(List.of(), code == 0 ? -7 : (int) code, Loose.text(answer.get("msg")));
    }

    /** The answer to POST order: the order numbers, or Centra's refusal code (-1 … -7) and message. */
    public record CreatedOrder(List<Long> orders, int code, String msg) {
        public boolean ok() {
            return code == 0;
        }
    }

    /**
     * GET orders with the documented query parameters (§6.4): the orders as Centra sent them. An order whose
     * fields cannot be read (a word where Centra documents a number) is left out with a warning, so that one
     * odd order never hides the others of the page.
     */
    public List<CentraOrder> orders(Map<String, String> query) {
        List<CentraOrder> out = new ArrayList<>();
        for (JsonNode o : get("orders", query).path("orders")) {
            try {
                out.add(CentraOrder.parse(o));
            } catch (IllegalArgumentException e) {
                log.warn("GET {}/orders: an order (orderId {}) was left out: {}", endpoint.baseUrl(), abbreviate(o.path("orderId").toString()),
                        e.getMessage());
            }
        }
        return out;
    }

    /** GET orders?order=: the order with that number, or empty when the endpoint does not see it. */
    public java.util.Optional<CentraOrder> order(long number) {
        return orders(Map.of("order", Long.toString(number))).stream().findFirst();
    }

    /**
     * POST shipments (spec §7.1): the new shipment's id. Refused ({@code status: no}): a
     * {@link CentraException} with Centra's message. Never repeated without an answer, like
     * {@link #createOrder}.
     */
    public String createShipment(ShipmentRequest shipment) {
        JsonNode answer = call("POST", "shipments", null, JSON.writeValueAsString(shipment.json()), true, null, false);
        if (!"ok".equals(answer.path("status").asString())) {
            throw new CentraException("POST " + endpoint.baseUrl() + "/shipments was refused: "
                    + Loose.text(answer.get("msg")), 200, false, null);
        }
        return Loose.text(answer.get("shipment")) == null ? "" : Loose.text(answer.get("shipment"));
    }

    /**
     * POST check-first (spec §8): accept or reject an order for one check-first warehouse. Empty when Centra
     * answered {@code ok}; otherwise Centra's message ({@code "order was accepted by another warehouse"},
     * {@code "check first has expired"}, … §13.7). Repeating the call is safe: a second answer for the same
     * warehouse is refused with {@code "check first already answered"}.
     */
    public java.util.Optional<String> checkFirst(long orderNumber, long warehouseId, boolean accepted) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("orderNumber", orderNumber).put("warehouseId", warehouseId)
                .put("accepted", accepted);
        JsonNode answer = call("POST", "check-first", null, JSON.writeValueAsString(body), true, null, true);
        if ("ok".equals(answer.path("status").asString())) {
            return java.util.Optional.empty();
        }
        JsonNode msg = answer.get("msg");
        return java.util.Optional.of(msg == null ? answer.toString() : msg.isString() ? msg.asString() : msg.toString());
    }

    /**
     * GET allocation-requests (spec §9.1) with its filters ({@code order}, {@code warehouse}, {@code status},
     * comma-separated lists allowed), every page. Without {@code status} Centra lists only the open ones.
     */
    public List<AllocationRequest> allocationRequests(Map<String, String> filters) {
        List<AllocationRequest> out = new ArrayList<>();
        for (int page = 1; page < 10_000; page++) {
            Map<String, String> query = new java.util.LinkedHashMap<>(filters);
            query.put("page", Integer.toString(page));
            JsonNode answer = get("allocation-requests", query);
            if (!"ok".equals(answer.path("status").asString())) {
                throw new CentraException("GET " + endpoint.baseUrl() + "/allocation-requests was refused: "
                        + abbreviate(answer.toString()), 200, false, null);
            }
            JsonNode rows = answer.path("allocation_requests");
            rows.forEach(r -> out.add(AllocationRequest.parse(r)));
            if (rows.size() < 100) {
                return out;
            }
        }
        return out;
    }

    /**
     * PUT allocation-request (spec §9.2): confirms or rejects one request. Empty when Centra answered success
     * ({@code success}, or {@code status} as the parameter table has it); otherwise Centra's messages. Repeating
     * it is safe: a second answer is refused with "You can't update allocation request, which is in status …".
     */
    public java.util.Optional<String> answerAllocationRequest(long requestId, boolean confirm) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("id", requestId).put("status", confirm ? "confirmed" : "rejected");
        JsonNode answer = call("PUT", "allocation-request", null, JSON.writeValueAsString(body), true, null, true);
        JsonNode success = answer.has("success") ? answer.get("success") : answer.get("status");
        if (success != null && (success.isBoolean() ? success.booleanValue() : Loose.flag(success))) {
            return java.util.Optional.empty();
        }
        JsonNode messages = answer.get("errorMessages");
        if (messages == null || messages.isNull() || messages.isEmpty()) {
            return java.util.Optional.of(answer.toString());
        }
        List<String> texts = new ArrayList<>();
        if (messages.isObject()) {
            messages.properties().forEach(e -> texts.add(e.getKey() + ": " + e.getValue().asString()));
        } else if (messages.isArray()) {
            messages.forEach(m -> texts.add(m.asString()));
        } else {
            texts.add(messages.asString());
        }
        return java.util.Optional.of(String.join("; ", texts));
    }

    private JsonNode call(String method, String path, String query, String body, boolean write,
            WriteBudget.Slot firstSlot, boolean idempotent) {
        URI uri = endpoint.resolve(path, query);
        String what = method + " " + endpoint.baseUrl() + "/" + path;
        int attempt = 0;
        int waits429 = 0;
        int lastStatus = 0;
        Exception lastError = null;
        try {
            while (true) {
                WriteBudget.Slot slot = null;
                if (write) {
                    slot = firstSlot != null && attempt == 0 && waits429 == 0 ? firstSlot : budget.acquire(pause);
                    if (!slot.sendable(settings.connectTimeout().plus(settings.requestTimeout()))) {
                        // the slot's lease in a shared budget would end before the answer: other nodes may
                        // already count its place as free, so this write goes on a slot of its own
                        slot.done();
                        slot = budget.acquire(pause);
                    }
                }
                attempt++;
                HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
                        .header("API-Authorization", endpoint.secret()).header("Accept", "application/json");
                request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
                if (body != null) {
                    request.header("Content-Type", "application/json");
                }
                String problem;
                try {
                    HttpResponse<String> r;
                    try {
                        r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    } finally {
                        if (slot != null) {
                            slot.done(); // the write arrived (if at all) before now
                        }
                    }
                    lastStatus = r.statusCode();
                    listener.exchanged(method, path, r.statusCode());
                    if (r.statusCode() == 429) {
                        if (waits429++ >= settings.max429Waits()) {
                            throw new CentraException(what + ": still 429 after " + settings.max429Waits() + " waits", 429, true, null);
                        }
                        Duration wait = retryAfter(r);
                        log.info("{} answered 429; waiting {} s as Retry-After says", what, wait.toSeconds());
                        attempt--; // waiting out the rate limit is not a failed attempt
                        pause.pause(wait);
                        continue;
                    }
                    if (r.statusCode() / 100 == 2) {
                        return parse(what, r.body());
                    }
                    if (r.statusCode() / 100 != 5) {
                        throw new CentraException(what + " answered " + r.statusCode() + ": " + abbreviate(r.body()),
                                r.statusCode(), false, null);
                    }
                    problem = "HTTP " + r.statusCode();
                } catch (HttpTimeoutException e) {
                    listener.exchanged(method, path, 0);
                    lastError = e;
                    lastStatus = 0;
                    problem = "no answer within " + settings.requestTimeout().toSeconds() + " s";
                } catch (IOException e) {
                    listener.exchanged(method, path, 0);
                    lastError = e;
                    lastStatus = 0;
                    problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                }
                if (!idempotent) {
                    throw new CentraException(what + " got no answer (" + problem + "); whether it took effect is unknown",
                            lastStatus, true, lastError);
                }
                if (attempt >= settings.maxAttempts()) {
                    throw new CentraException(what + " failed " + attempt + " times, last: " + problem, lastStatus, true,
                            lastError);
                }
                Duration backoff = backoff(attempt);
                log.warn("{} failed ({}); attempt {} of {}, next in {} ms", what, problem, attempt, settings.maxAttempts(),
                        backoff.toMillis());
                pause.pause(backoff);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CentraException(what + " was interrupted", lastStatus, true, e);
        }
    }

    /** Exponential from {@code firstBackoff}, capped, with up to 50 % random jitter so retries do not line up. */
    Duration backoff(int attempt) {
        return settings.backoff(attempt);
    }

    private Duration retryAfter(HttpResponse<String> r) {
        return RetryAfter.parse(r.headers().firstValue("Retry-After").orElse(null), budget.now());
    }

    private static JsonNode parse(String what, String body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new CentraException(what + " answered something that is not JSON: " + abbreviate(body), 200, false, e);
        }
    }

    private static List<StockRow> stockRows(JsonNode answer) {
        List<StockRow> rows = new ArrayList<>();
        for (JsonNode p : answer.path("products")) {
            rows.add(new StockRow(Loose.longValue(p.get("stockItemId")), Loose.text(p.get("ean")),
                    Loose.text(p.get("upc")), (int) Loose.longValue(p.get("physicalStock")),
                    (int) Loose.longValue(p.get("allocatedStock")), (int) Loose.longValue(p.get("availableStock"))));
        }
        return rows;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}
