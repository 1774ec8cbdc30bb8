package dev.kassa.centra.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;

/**
 * The client side of Centra's write limits. A write may start only when, for every limit, fewer than
 * {@code writes} writes were counted in the {@code per} before it; the connector therefore never sends the
 * write that Centra would answer with 429. One budget per Centra environment, shared by all its endpoints
 * and threads.
 *
 * <p>Centra counts a write when it arrives, which the client cannot see: it lies somewhere between the
 * moment the client took its slot and the moment the answer came back. So a slot counts from the moment it
 * is taken as if it were "now" for as long as it is open, and once {@link Slot#done() done} it counts at the
 * moment the answer came. Any window Centra looks at then holds no more writes than a window of the same
 * length here, whatever the network, the retries or a compressed clock do to the timing.
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

    /** One write's place in the budget: open from {@link #acquire} until {@link #done()}. */
    public final class Slot implements AutoCloseable {
        private Instant doneAt;

        private Slot() {
        }

        /** The write's answer came (or it will not be sent): from now on it counts at this moment. Idempotent. */
        public void done() {
            synchronized (WriteBudget.this) {
                if (doneAt == null) {
                    doneAt = clock.instant();
                }
            }
        }

        @Override
        public void close() {
            done();
        }
    }

    private final Clock clock;
    private final List<Limit> limits;
    private final Duration longest;
    private final List<Slot> slots = new LinkedList<>();

    /** Now, on the budget's clock (the clients' clock: a moved one in tests). */
    public java.time.Instant now() {
        return clock.instant();
    }

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
     * Waits (through {@code pause}) until a write may start, and takes its slot. The caller must call
     * {@link Slot#done()} when the answer came or the write was given up, in a {@code finally}: an open
     * slot holds its place in every window.
     */
    public Slot acquire(Pause pause) throws InterruptedException {
        while (true) {
            Duration wait;
            synchronized (this) {
                Instant now = clock.instant();
                wait = Duration.between(now, earliest(now));
                if (!wait.isPositive()) {
                    Slot slot = new Slot();
                    slots.add(slot);
                    return slot;
                }
            }
            // Open slots may close later than hoped, and other writers may come first: look again after the wait.
            pause.pause(wait);
        }
    }

    /**
     * How long from now until a write could start, without taking a slot (zero when one is free now).
     */
    public synchronized Duration untilFree() {
        Instant now = clock.instant();
        return Duration.between(now, earliest(now));
    }

    /** Open slots, for metrics and tests. */
    public synchronized int open() {
        return (int) slots.stream().filter(s -> s.doneAt == null).count();
    }

    private Instant earliest(Instant now) {
        List<Instant> counted = new ArrayList<>(slots.size());
        for (Iterator<Slot> it = slots.iterator(); it.hasNext();) {
            Slot s = it.next();
            if (s.doneAt == null) {
                counted.add(now);
            } else if (s.doneAt.isAfter(now.minus(longest))) {
                counted.add(s.doneAt);
            } else {
                it.remove();
            }
        }
        counted.sort(Comparator.naturalOrder());
        Instant start = now;
        for (Limit limit : limits) {
            if (counted.size() >= limit.writes()) {
                // The write `writes` places back must have left the window before this one may start.
                Instant free = counted.get(counted.size() - limit.writes()).plus(limit.per());
                if (free.isAfter(start)) {
                    start = free;
                }
            }
        }
        return start;
    }
}
