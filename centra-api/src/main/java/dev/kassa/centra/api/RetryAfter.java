package dev.kassa.centra.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How long a 429's {@code Retry-After} asks to wait. The Order API sends seconds; Centra's Integration API
 * documents a timestamp; HTTP allows an HTTP-date. All are understood: whole or decimal seconds, epoch seconds
 * (a number beyond 10^9 is a moment, not a wait), ISO-8601 with offset, and RFC 1123 dates. The wait is
 * at least a second and at most an hour (Centra's longest budget window); a value that cannot be read, or a
 * moment already past, waits a second and asks again, so a misread value never stalls the client for long.
 */
public final class RetryAfter {

    static final Duration MIN = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofHours(1);
    private static final long EPOCH_SECONDS_FROM = 1_000_000_000L;

    private RetryAfter() {
    }

    public static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return MIN;
        }
        String v = value.trim();
        try {
            BigDecimal n = new BigDecimal(v);
            long seconds = n.setScale(0, RoundingMode.CEILING).longValueExact();
            return clamp(seconds >= EPOCH_SECONDS_FROM ? Duration.between(now, Instant.ofEpochSecond(seconds)) : Duration.ofSeconds(seconds));
        } catch (NumberFormatException | ArithmeticException e) {
            // not a number: a moment
        }
        for (DateTimeFormatter f : new DateTimeFormatter[]{DateTimeFormatter.ISO_OFFSET_DATE_TIME, DateTimeFormatter.RFC_1123_DATE_TIME}) {
            try {
                return clamp(Duration.between(now, ZonedDateTime.parse(v, f).toInstant()));
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        try {
            return clamp(Duration.between(now, Instant.parse(v)));
        } catch (DateTimeParseException e) {
            return MIN;
        }
    }

    private static Duration clamp(Duration d) {
        return d.compareTo(MIN) < 0 ? MIN : d.compareTo(MAX) > 0 ? MAX : d;
    }
}
