package dev.kassa.centra.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * The client side of Centra's write limits: a write may start only when, for every limit, fewer than
 * {@code writes} writes started in the {@code per} before it. Writers reserve their start in turn (first
 * come, first served) and are told how long to wait, so the connector never sends the write that Centra
 * would answer with 429. One budget per Centra environment, shared by all its endpoints and threads.
 */
public final class WriteBudget {

    /** At most {@code writes} writes per {@code per}. */
    public record Limit(int writes, Duration per) {
        public Limit {
            if (writes < 1) {
                throw new IllegalArgumentException("a write limit needs at least 1 write, got " + writes);
            }
            if (per == null || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("a write limit needs a positive window, got " + per);
            }
        }
    }

    /** Centra's published Integration API tier: 20 writes per 10 s and 1,800 per hour per environment. */
    public static final List<Limit> CENTRA_DEFAULT = List.of(new Limit(20, Duration.ofSeconds(10)),
            new Limit(1800, Duration.ofHours(1)));

    private final Clock clock;
    private final List<Limit> limits;
    private final Duration longest;
    private final Deque<Instant> starts = new ArrayDeque<>();

    public WriteBudget(Clock clock, List<Limit> limits) {
        if (limits.isEmpty()) {
            throw new IllegalArgumentException("a write budget needs at least one limit");
        }
        this.clock = clock;
        this.limits = List.copyOf(limits);
        this.longest = limits.stream().map(Limit::per).max(Comparator.naturalOrder()).orElseThrow();
    }

    public static WriteBudget centraDefault(Clock clock) {
        return new WriteBudget(clock, CENTRA_DEFAULT);
    }

    public List<Limit> limits() {
        return limits;
    }

    /**
     * Reserves the earliest start that keeps every limit, never before an earlier reservation, and returns
     * how long from now the caller must wait before sending (zero when it may send at once).
     */
    public synchronized Duration reserve() {
        Instant now = clock.instant();
        Instant start = earliest(now);
        starts.addLast(start);
        return Duration.between(now, start);
    }

    /**
     * How long from now until a write could start, without reserving it: a writer waits this long before
     * reading the values it is about to write, so that the read is as fresh as the write allows.
     */
    public synchronized Duration untilFree() {
        Instant now = clock.instant();
        return Duration.between(now, earliest(now));
    }

    private Instant earliest(Instant now) {
        while (!starts.isEmpty() && !starts.peekFirst().isAfter(now.minus(longest))) {
            starts.pollFirst();
        }
        Instant start = starts.isEmpty() || starts.peekLast().isBefore(now) ? now : starts.peekLast();
        List<Instant> sorted = new ArrayList<>(starts);
        for (Limit limit : limits) {
            if (sorted.size() >= limit.writes()) {
                // The write `writes` places back must have left the window before this one may start.
                Instant free = sorted.get(sorted.size() - limit.writes()).plus(limit.per());
                if (free.isAfter(start)) {
                    start = free;
                }
            }
        }
        return start;
    }
}
