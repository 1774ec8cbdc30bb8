package dev.kassa.centra.sandbox.orderapi;

import dev.kassa.centra.sandbox.state.LocalDateTimes;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * Query parameters of Order API GET requests. Unknown parameters are ignored, as a web API does; a
 * documented parameter with a value of the wrong type is a 400 naming it. Empty values count as absent.
 */
public final class QueryParams {

    private final HttpServletRequest request;

    private QueryParams(HttpServletRequest request) {
        this.request = request;
    }

    public static QueryParams of(HttpServletRequest request) {
        return new QueryParams(request);
    }

    public Optional<String> text(String name) {
        String v = request.getParameter(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    public Optional<Long> optionalInteger(String name) {
        return text(name).map(v -> {
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw OrderApiException.badRequest(name + " must be an integer, got '" + v + "'");
            }
        });
    }

    /** An integer in [min, max], or {@code otherwise} when absent. */
    public long integer(String name, long otherwise, long min, long max) {
        Optional<Long> v = optionalInteger(name);
        if (v.isPresent() && (v.get() < min || v.get() > max)) {
            throw OrderApiException.badRequest(name + " must be between " + min + " and " + max + ", got '"
                    + v.get() + "'");
        }
        return v.orElse(otherwise);
    }

    /** A Centra date filter: {@code YYYY-MM-DD} or {@code YYYY-MM-DD HH:MM:SS} in the instance's zone (§1.4). */
    public Optional<LocalDateTime> dateTime(String name) {
        return text(name).map(v -> LocalDateTimes.parse(v).orElseThrow(() -> OrderApiException.badRequest(
                name + " must be YYYY-MM-DD or YYYY-MM-DD HH:MM:SS, got '" + v + "'")));
    }
}
