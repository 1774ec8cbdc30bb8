package dev.kassa.centara.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How long a 429's {@code Retry-After} asks to wait, in either form HTTP allows and servers use: a number
 * of seconds (decimals round up; a number beyond 10^9 is a moment in epoch seconds, not a wait), or a
 * moment (RFC 1123 HTTP-date or ISO-8601 with offset). At least a second, at most an hour; a value that
 * cannot be read, or a moment already past, waits a second.
 * <p>
 * The Centra client has the same rule ({@code dev.kassa.centra.api.RetryAfter}); this client depends on no
 * other Kassa module (its ArchitectureTest), so it keeps its own copy of these few lines.
 */
final class RetryAfter {

    static final Duration MIN = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofHours(1);
    private static final long EPOCH_SECONDS_FROM = 1_000_000_000L;

    private RetryAfter() {
    }

    static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return MIN;
        }
        String v = value.trim();
        try {
            long seconds = new BigDecimal(v).setScale(0, RoundingMode.CEILING).longValueExact();
            return clamp(seconds >= EPOCH_SECONDS_FROM ? Duration.between(now, Instant.ofEpochSecond(seconds)) : Duration.ofSeconds(seconds));
        } catch (NumberFormatException | ArithmeticException e) {
            // not a number: a moment
        }
        for (DateTimeFormatter f : new DateTimeFormatter[]{DateTimeFormatter.RFC_1123_DATE_TIME, DateTimeFormatter.ISO_OFFSET_DATE_TIME}) {
            try {
                return clamp(Duration.between(now, ZonedDateTime.parse(v, f).toInstant()));
            } catch (DateTimeParseException e) {
                // the other form
            }
        }
        return MIN;
    }

    private static Duration clamp(Duration d) {
        return d.compareTo(MIN) < 0 ? MIN : d.compareTo(MAX) > 0 ? MAX : d;
    }
}
