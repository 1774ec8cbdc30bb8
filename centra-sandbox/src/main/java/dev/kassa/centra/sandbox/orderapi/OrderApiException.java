package dev.kassa.centra.sandbox.orderapi;

import java.util.LinkedHashMap;
import java.util.Map;

/** An Order API failure that is answered with Centra's envelope ({@code status}/{@code msg}) and an HTTP status. */
public final class OrderApiException extends RuntimeException {

    private final int httpStatus;
    private final Map<String, Object> body;

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

    public int httpStatus() {
        return httpStatus;
    }

    public Map<String, Object> body() {
        return body;
    }
}
