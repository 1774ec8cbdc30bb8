package dev.kassa.common.sandbox.traffic;

import dev.kassa.common.sandbox.FieldError;
import java.util.List;
import java.util.Locale;
import org.springframework.util.AntPathMatcher;

/**
 * One named fault on a sandbox's vendor API ({@code /sandbox/faults/http}, decision 0020): which calls it
 * hits (method, path pattern, and for Centra the Order API instance), what it does, and how often.
 *
 * @param id           given by the sandbox when the fault is added
 * @param kind         {@code status}, {@code delay}, {@code hang}, {@code reset}, {@code empty-response} or
 *                     {@code lost-answer}
 * @param method       the HTTP method it hits; any when absent
 * @param path         an Ant-style pattern of the paths it hits ({@code /api/*}{@code /stock}); any when absent
 * @param instance     Centra only: the Order API instance ({@code /api/<instance>/…}) it hits
 * @param status       {@code status}: the status answered, 400–599, with the vendor's own error body
 * @param delayMillis  {@code delay}: how long the answer waits; {@code hang}: how long the call is held before
 *                     the connection is closed unanswered (default 5 minutes)
 * @param count        how many calls it hits before it is spent; unlimited when absent
 * @param probability  the chance that a matching call is hit, drawn from a generator seeded with {@code seed}
 *                     (so a run repeats); 1 when absent
 * @param seed         the seed of that generator; 0 when absent
 * @param hits         how many calls it has hit so far
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record HttpFault(Long id, String kind, String method, String path, String instance, Integer status, Long delayMillis,
                        Integer count, Double probability, Long seed, Integer hits) {

    public static final List<String> KINDS = List.of("status", "delay", "hang", "reset", "empty-response", "lost-answer");
    static final long DEFAULT_HANG_MILLIS = 300_000;
    static final long MAX_DELAY_MILLIS = 600_000;
    private static final AntPathMatcher PATHS = new AntPathMatcher();

    public HttpFault {
        hits = hits == null ? 0 : hits;
        method = method == null || method.isBlank() ? null : method.toUpperCase(Locale.ROOT);
    }

    HttpFault withId(long newId) {
        return new HttpFault(newId, kind, method, path, instance, status, delayMillis, count, probability, seed, 0);
    }

    HttpFault hit() {
        return new HttpFault(id, kind, method, path, instance, status, delayMillis, count, probability, seed, hits + 1);
    }

    boolean spent() {
        return count != null && hits >= count;
    }

    long hangMillis() {
        return delayMillis == null ? DEFAULT_HANG_MILLIS : delayMillis;
    }

    /** Whether this fault is aimed at a call of {@code method} to {@code path} (not whether the dice say so). */
    boolean aimsAt(String requestMethod, String requestPath) {
        if (spent() || (method != null && !method.equals(requestMethod))) {
            return false;
        }
        if (instance != null && !requestPath.startsWith("/api/" + instance + "/") && !requestPath.equals("/api/" + instance)) {
            return false;
        }
        return path == null || PATHS.match(path, requestPath);
    }

    /** Every problem of the fault at {@code at} ({@code faults[0]}) for the sandbox of {@code vendor}. */
    static void check(HttpFault f, String at, SandboxTraffic.Vendor vendor, List<FieldError> errors) {
        if (f == null) {
            errors.add(new FieldError(at, "must be an object"));
            return;
        }
        if (f.kind() == null || !KINDS.contains(f.kind())) {
            errors.add(new FieldError(at + ".kind", "must be one of " + String.join(", ", KINDS) + ", got " + quoted(f.kind())));
        }
        if (f.method() != null && !List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS").contains(f.method())) {
            errors.add(new FieldError(at + ".method", "must be an HTTP method such as GET or POST, got " + quoted(f.method())));
        }
        if (f.path() != null && (!f.path().startsWith("/") || f.path().length() > 300)) {
            errors.add(new FieldError(at + ".path", "must be a path pattern starting with / (at most 300 characters), such as"
                    + " /api/*/stock"));
        } else if (f.path() != null && !SandboxTraffic.vendorPath(vendor, f.path())) {
            errors.add(new FieldError(at + ".path", "faults hit the vendor API, whose paths start with "
                    + String.join(" or ", vendor.apiPaths()) + " (the sandbox's own /sandbox and pages always answer)"));
        }
        if (f.instance() != null && !vendor.instances()) {
            errors.add(new FieldError(at + ".instance", "this sandbox has no Order API instances; use path"));
        } else if (f.instance() != null && !f.instance().matches("[A-Za-z0-9._-]{1,100}")) {
            errors.add(new FieldError(at + ".instance", "must be an Order API instance's uri, such as order-api-se"));
        }
        if ("status".equals(f.kind()) && (f.status() == null || f.status() < 400 || f.status() > 599)) {
            errors.add(new FieldError(at + ".status", "must be an HTTP error status, 400 to 599, for kind status"));
        } else if (!"status".equals(f.kind()) && f.status() != null) {
            errors.add(new FieldError(at + ".status", "applies to kind status only"));
        }
        if ("delay".equals(f.kind()) && f.delayMillis() == null) {
            errors.add(new FieldError(at + ".delayMillis", "is required for kind delay"));
        } else if (f.delayMillis() != null && !List.of("delay", "hang").contains(f.kind())) {
            errors.add(new FieldError(at + ".delayMillis", "applies to kinds delay and hang only"));
        } else if (f.delayMillis() != null && (f.delayMillis() < 1 || f.delayMillis() > MAX_DELAY_MILLIS)) {
            errors.add(new FieldError(at + ".delayMillis", "must be 1 to " + MAX_DELAY_MILLIS + " milliseconds"));
        }
        if (f.count() != null && f.count() < 1) {
            errors.add(new FieldError(at + ".count", "must be 1 or more (leave it out for no limit)"));
        }
        if (f.probability() != null && (f.probability().isNaN() || f.probability() <= 0 || f.probability() > 1)) {
            errors.add(new FieldError(at + ".probability", "must be more than 0 and at most 1"));
        }
    }

    private static String quoted(String s) {
        return s == null ? "nothing" : "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
    }
}
