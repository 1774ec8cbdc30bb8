package dev.kassa.centara.api;

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
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A typed client of Centara's external orders API (spec/centara-external-orders.md): {@code POST api/order}
 * and {@code GET api/order/{OrderId or ReferenceNumber}} under the instance's base URL. Every call has a
 * connect and a request timeout. A GET is retried on transport errors and 5xx, a bounded number of times
 * with exponential backoff and jitter. A POST is not blindly repeated: after a failure whose outcome is
 * unknown it looks the ReferenceNumber up, and only sends again when Centara does not have it (spec B.5).
 * A 429 waits what its {@code Retry-After} asks, in seconds or as a moment, and tries again.
 * Credentials travel in the {@code Authorization} header only and are never logged.
 */
public final class CentaraClient {

    private static final Logger log = LoggerFactory.getLogger(CentaraClient.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Timeouts and retries; {@link #DEFAULT}: 5 s connect, 30 s per request, 4 attempts from 500 ms. */
    public record Settings(Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration firstBackoff,
                           Duration maxBackoff) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(5), Duration.ofSeconds(30), 4,
                Duration.ofMillis(500), Duration.ofSeconds(30));

        public Settings {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
        }
    }

    /** How the client waits between attempts: really in production, recorded in tests. */
    @FunctionalInterface
    public interface Pause {
        Pause REAL = d -> {
            if (d.isPositive()) {
                Thread.sleep(d);
            }
        };

        void pause(Duration d) throws InterruptedException;
    }

    /** A POST's result: the OrderId, and whether Centara had the order already (same ReferenceNumber). */
    public record Created(String orderId, boolean existed) {
    }

    private final String base;
    private final CentaraAuth auth;
    private final Settings settings;
    private final Pause pause;
    private final HttpClient http;

    /** {@code baseUrl}: the instance, e.g. {@code https://centara.example/mysite}; {@code api/order} is added. */
    public CentaraClient(String baseUrl, CentaraAuth auth, Settings settings, Pause pause) {
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("the Centara base URL is not a URL: " + baseUrl);
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
            throw new IllegalArgumentException("the Centara base URL must be http(s)://host[:port][/path], got " + baseUrl);
        }
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.auth = auth;
        this.settings = settings;
        this.pause = pause;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).version(HttpClient.Version.HTTP_1_1).build();
    }

    public String baseUrl() {
        return base;
    }

    /**
     * POST api/order. Centara refusing the order (400: every problem named; 401; 403; 415 …) is a
     * {@link CentaraException} at once. A known ReferenceNumber (409) returns the existing order. Without an
     * answer (transport error, timeout, 5xx) the reference is looked up: found, it is returned; not found,
     * the order is sent again, up to {@code maxAttempts}. An order without a reference is never sent twice.
     */
    public Created create(ExternalOrder order) {
        String body = JSON.writeValueAsString(order.toJson());
        String what = "POST " + base + "/api/order";
        for (int attempt = 1; ; attempt++) {
            String problem;
            int status = 0;
            Exception error = null;
            try {
                HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/api/order"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
                status = r.statusCode();
                if (status == 200 || status == 201) {
                    return new Created(orderId(what, parse(what, r.body())), false);
                }
                if (status == 409) {
                    return new Created(orderId(what, parse(what, r.body())), true);
                }
                if (status == 429) {
                    // refused for now, so certainly not created: wait as asked and send again, without a look-up
                    busy(what, r, attempt);
                    continue;
                }
                if (status / 100 != 5) {
                    throw refused(what, r);
                }
                problem = "HTTP " + status;
            } catch (IOException e) {
                error = e;
                problem = describe(e);
            }
            if (order.referenceNumber() == null) {
                throw new CentaraException(what + " got no answer (" + problem + ") and the order has no ReferenceNumber to look"
                        + " it up by; whether it was created is unknown", status, true, List.of(), error);
            }
            Optional<CentaraOrder> existing = order(order.referenceNumber());
            if (existing.isPresent()) {
                log.info("{} got no answer ({}), but Centara has reference {}: order {}", what, problem,
                        order.referenceNumber(), existing.get().orderId());
                return new Created(existing.get().orderId(), true);
            }
            if (attempt >= settings.maxAttempts()) {
                throw new CentaraException(what + " failed " + attempt + " times, last: " + problem
                        + "; Centara does not have reference " + order.referenceNumber(), status, false, List.of(), error);
            }
            log.warn("{} failed ({}); Centara does not have reference {}; attempt {} of {}", what, problem,
                    order.referenceNumber(), attempt, settings.maxAttempts());
            waitBeforeRetry(what, attempt);
        }
    }

    /** GET api/order/{key}: the order with that OrderId or ReferenceNumber, or empty (404). */
    public Optional<CentaraOrder> order(String orderIdOrReference) {
        if (orderIdOrReference == null || orderIdOrReference.isBlank()) {
            throw new IllegalArgumentException("an OrderId or ReferenceNumber is needed");
        }
        String path = "/api/order/" + URLEncoder.encode(orderIdOrReference, StandardCharsets.UTF_8).replace("+", "%20");
        String what = "GET " + base + path;
        for (int attempt = 1; ; attempt++) {
            String problem;
            int status = 0;
            Exception error = null;
            try {
                HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).GET());
                status = r.statusCode();
                if (status == 200) {
                    return Optional.of(CentaraOrder.of(parse(what, r.body())));
                }
                if (status == 404) {
                    return Optional.empty();
                }
                if (status == 429) {
                    busy(what, r, attempt);
                    continue;
                }
                if (status / 100 != 5) {
                    throw refused(what, r);
                }
                problem = "HTTP " + status;
            } catch (IOException e) {
                error = e;
                problem = describe(e);
            }
            if (attempt >= settings.maxAttempts()) {
                throw new CentaraException(what + " failed " + attempt + " times, last: " + problem, status, true, List.of(), error);
            }
            log.warn("{} failed ({}); attempt {} of {}", what, problem, attempt, settings.maxAttempts());
            waitBeforeRetry(what, attempt);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        request.timeout(settings.requestTimeout()).header("Accept", "application/json");
        auth.header().ifPresent(h -> request.header("Authorization", h));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CentaraException("the call to Centara was interrupted", 0, true, List.of(), e);
        }
    }

    /**
     * A 429: waits what its {@code Retry-After} asks (seconds or a moment, {@link RetryAfter}), then the
     * caller tries again; after {@code maxAttempts} answers of 429 in a row the call fails as refused.
     */
    private void busy(String what, HttpResponse<String> r, int attempt) {
        String header = r.headers().firstValue("Retry-After").orElse(null);
        if (attempt >= settings.maxAttempts()) {
            throw new CentaraException(what + " was refused with 429 " + attempt + " times (Retry-After: " + header + ")",
                    429, false, List.of(), null);
        }
        Duration wait = RetryAfter.parse(header, java.time.Instant.now());
        log.warn("{} answered 429; waiting {} ms as Retry-After ({}) asks; attempt {} of {}", what, wait.toMillis(), header,
                attempt, settings.maxAttempts());
        try {
            pause.pause(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CentaraException(what + " was interrupted", 0, true, List.of(), e);
        }
    }

    private void waitBeforeRetry(String what, int attempt) {
        long first = settings.firstBackoff().toMillis();
        long backoff = Math.min(settings.maxBackoff().toMillis(), first << Math.min(attempt - 1, 20));
        try {
            pause.pause(Duration.ofMillis(backoff + ThreadLocalRandom.current().nextLong(backoff / 2 + 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CentaraException(what + " was interrupted", 0, true, List.of(), e);
        }
    }

    /** A 4xx: Centara's problem details, with every field it named. */
    private static CentaraException refused(String what, HttpResponse<String> r) {
        List<CentaraException.FieldError> errors = new ArrayList<>();
        String detail = abbreviate(r.body());
        try {
            JsonNode problem = JSON.readTree(r.body());
            JsonNode list = CentaraOrder.field(problem, "errors");
            if (list != null) {
                list.forEach(e -> errors.add(new CentaraException.FieldError(CentaraOrder.text(CentaraOrder.field(e, "field")),
                        CentaraOrder.text(CentaraOrder.field(e, "message")))));
            }
            String d = CentaraOrder.text(CentaraOrder.field(problem, "detail"));
            if (d != null) {
                detail = d;
            }
        } catch (JacksonException e) {
            // not problem details: the body itself (abbreviated) says what there is to say
        }
        String fields = errors.isEmpty() ? "" : " " + errors.stream().map(e -> e.field() + ": " + e.message()).toList();
        return new CentaraException(what + " answered " + r.statusCode() + ": " + detail + fields, r.statusCode(), false, errors, null);
    }

    private static String orderId(String what, JsonNode answer) {
        String id = CentaraOrder.text(CentaraOrder.field(answer, "OrderId"));
        if (id == null || id.isBlank()) {
            throw new CentaraException(what + " answered without an OrderId: " + abbreviate(answer.toString()), 200, true, List.of(), null);
        }
        return id;
    }

    private static JsonNode parse(String what, String body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new CentaraException(what + " answered with something that is not JSON: " + abbreviate(body), 200, true, List.of(), e);
        }
    }

    private String describe(IOException e) {
        return e instanceof HttpTimeoutException ? "no answer within " + settings.requestTimeout().toSeconds() + " s"
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 500 ? s : s.substring(0, 499) + "…";
    }
}
