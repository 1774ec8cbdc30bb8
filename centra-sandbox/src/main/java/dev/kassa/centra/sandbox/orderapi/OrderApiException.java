package dev.kassa.centra.sandbox.orderapi;

import java.util.LinkedHashMap;
import java.util.Map;

/** An Order API failure that is answered with Centra's envelope ({@code status}/{@code msg}) and an HTTP status. */
public final class OrderApiException extends RuntimeException {

    private final int httpStatus;
    private final Map<String, Object> body;
    private long retryAfterSeconds;

    private OrderApiException(int httpStatus, Map<String, Object> body) {
        super(String.valueOf(body.get("msg") != null ? body.get("msg") : body.get("status")), null, false, false);
        this.httpStatus = httpStatus;
        this.body = body;
    }

    /** {@code {"status":"no","msg":...}} with the given HTTP status (§13.2). */
    public static OrderApiException no(int httpStatus, String msg) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "no");
        body.put("msg", msg);
        return new OrderApiException(httpStatus, body);
    }

    /**
     * A business refusal: HTTP 200 with {@code "status":"no"} and the given keys in order, e.g.
     * {@code refused("msg", "order does not exist", "order", 1337)} (§1.2). Thrown inside a transaction, it
     * also undoes everything the request wrote so far.
     */
    public static OrderApiException refused(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "no");
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new OrderApiException(200, body);
    }

    /** A refusal whose body is not Centra's usual envelope (allocation requests answer with {@code success}). */
    public static OrderApiException answer(Map<String, Object> body) {
        return new OrderApiException(200, new LinkedHashMap<>(body));
    }

    public boolean isBusinessRefusal() {
        return httpStatus == 200;
    }

    public static OrderApiException badRequest(String msg) {
        return no(400, msg);
    }

    public static OrderApiException unauthorized() {
        return no(401, "unauthorized");
    }

    /** The documented answer for an endpoint not ticked in the plugin (§1.1). */
    public static OrderApiException notAllowed() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "Not Allowed");
        return new OrderApiException(403, body);
    }

    /** 429 with {@code Retry-After}: the write budget is spent (a fault the admin API switches on). */
    public static OrderApiException tooManyRequests(long retryAfterSeconds) {
        OrderApiException e = no(429, "rate limit exceeded; retry after " + retryAfterSeconds + " s");
        e.retryAfterSeconds = retryAfterSeconds;
        return e;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public Map<String, Object> body() {
        return body;
    }
}
