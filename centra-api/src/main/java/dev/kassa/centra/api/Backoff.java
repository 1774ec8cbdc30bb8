package dev.kassa.centra.api;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off: after the n-th failure in a row, {@code first} × 2<sup>n−1</sup>, never more than
 * {@code max}. The Order API client retries a call with it, the connector a store's writes and an offer's
 * calls (one rule for all three).
 */
public record Backoff(Duration first, Duration max) {

    public Backoff {
        if (first.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("a back-off's waits cannot be negative, got " + first + " and " + max);
        }
    }

    /** The wait after {@code failures} failures in a row (1 or more). */
    public Duration after(int failures) {
        long ms = first.toMillis() << Math.min(Math.max(failures, 1) - 1, 20);
        return Duration.ofMillis(Math.min(max.toMillis(), ms));
    }

    /** {@link #after} plus up to half of it again at random, so that retries of many callers do not line up. */
    public Duration withJitter(int failures) {
        long base = after(failures).toMillis();
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }
}
