package dev.kassa.centra.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.function.Predicate;

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
 *
 * <p>Where the writes are counted is a {@link Ledger}: this process's memory by default, or a database that
 * several connector nodes share, so that together they never exceed the budget (decision 0021). A shared
 * ledger gives each open slot a <em>lease</em>: a node that died with a slot open cannot hold its place for
 * ever, so past its lease an open slot counts at the lease's end, and a live holder sends nothing on a slot
 * whose lease would end before the answer could come ({@link Slot#sendable(Duration)}).
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

    /**
     * Where a budget's writes are counted. {@link #take} must be atomic against every other taker sharing the
     * ledger: in one process a lock, across nodes a database row lock.
     */
    public interface Ledger {
        /**
         * Looks at the writes counted as of {@code now} (the moments they count at, see {@link WriteBudget}); when
         * {@code mayStart} accepts them, records an open write taken at {@code now} and returns its key, else null.
         */
        Object take(Instant now, Predicate<List<Instant>> mayStart);

        /** The moments the writes count at, as of {@code now}, without taking. */
        List<Instant> counted(Instant now);

        /** The write {@code key} was answered (or given up) at {@code at}. */
        void done(Object key, Instant at);

        /** The moment until which the open write {@code key} may still be sent; {@link Instant#MAX} when it never lapses. */
        Instant leaseEnd(Object key);

        /** Writes taken and not yet done. */
        int open(Instant now);
    }

    /** One write's place in the budget: open from {@link #acquire} until {@link #done()}. */
    public final class Slot implements AutoCloseable {
        private final Object key;
        private boolean done;

        private Slot(Object key) {
            this.key = key;
        }

        /** The write's answer came (or it will not be sent): from now on it counts at this moment. Idempotent. */
        public void done() {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
            }
            ledger.done(key, clock.instant());
        }

        /**
         * Whether a write sent now on this slot is answered (or given up, after {@code answerWithin}) before the
         * slot's lease ends. A write must not be sent on a slot that is not: its place may already count as
         * free to the other nodes.
         */
        public boolean sendable(Duration answerWithin) {
            Instant end = ledger.leaseEnd(key);
            return end.equals(Instant.MAX) || !clock.instant().plus(answerWithin).isAfter(end);
        }

        @Override
        public void close() {
            done();
        }
    }

    private final Clock clock;
    private final List<Limit> limits;
    private final Duration longest;
    private final Ledger ledger;

    /** Now, on the budget's clock (the clients' clock: a moved one in tests). */
    public java.time.Instant now() {
        return clock.instant();
    }

    /** A budget counted in this process's memory: one node. */
    public WriteBudget(Clock clock, List<Limit> limits) {
        this(clock, limits, null);
    }

    /** A budget counted in {@code ledger}, which may be shared by several nodes; null: this process's memory. */
    public WriteBudget(Clock clock, List<Limit> limits, Ledger ledger) {
        if (limits.isEmpty()) {
            throw new IllegalArgumentException("a write budget needs at least one limit");
        }
        this.clock = clock;
        this.limits = List.copyOf(limits);
        this.longest = longest(limits);
        this.ledger = ledger != null ? ledger : new MemoryLedger(longest);
    }

    public static WriteBudget centraDefault(Clock clock) {
        return new WriteBudget(clock, CENTRA_DEFAULT);
    }

    public List<Limit> limits() {
        return limits;
    }

    /** The longest window of {@code limits}: how long a done write keeps counting. */
    public static Duration longest(List<Limit> limits) {
        return limits.stream().map(Limit::per).max(Comparator.naturalOrder()).orElseThrow();
    }

    /**
     * Waits (through {@code pause}) until a write may start, and takes its slot. The caller must call
     * {@link Slot#done()} when the answer came or the write was given up, in a {@code finally}: an open
     * slot holds its place in every window.
     */
    public Slot acquire(Pause pause) throws InterruptedException {
        while (true) {
            Instant now = clock.instant();
            Object key = ledger.take(now, counted -> !earliest(now, counted).isAfter(now));
            if (key != null) {
                return new Slot(key);
            }
            // Open slots may close later than hoped, and other writers may come first: look again after the wait.
            Duration wait = Duration.between(now, earliest(now, ledger.counted(now)));
            pause.pause(wait.isPositive() ? wait : Duration.ofMillis(1));
        }
    }

    /**
     * How long from now until a write could start, without taking a slot (zero when one is free now).
     */
    public Duration untilFree() {
        Instant now = clock.instant();
        return Duration.between(now, earliest(now, ledger.counted(now)));
    }

    /** Open slots, for metrics and tests. */
    public int open() {
        return ledger.open(clock.instant());
    }

    /** The earliest moment from {@code now} a write may start, given the moments the counted writes count at. */
    private Instant earliest(Instant now, List<Instant> counted) {
        List<Instant> sorted = new ArrayList<>(counted);
        sorted.sort(Comparator.naturalOrder());
        Instant start = now;
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

    /** The ledger of one process: open slots count as now for as long as they are open (no lease). */
    private static final class MemoryLedger implements Ledger {
        private final Duration longest;
        private final List<Written> slots = new LinkedList<>();

        /** One write: open while {@code doneAt} is null. */
        private static final class Written {
            private Instant doneAt;
        }

        MemoryLedger(Duration longest) {
            this.longest = longest;
        }

        @Override
        public synchronized Object take(Instant now, Predicate<List<Instant>> mayStart) {
            if (!mayStart.test(counted(now))) {
                return null;
            }
            Written w = new Written();
            slots.add(w);
            return w;
        }

        @Override
        public synchronized List<Instant> counted(Instant now) {
            List<Instant> counted = new ArrayList<>(slots.size());
            for (Iterator<Written> it = slots.iterator(); it.hasNext();) {
                Instant doneAt = it.next().doneAt;
                if (doneAt == null) {
                    counted.add(now);
                } else if (doneAt.isAfter(now.minus(longest))) {
                    counted.add(doneAt);
                } else {
                    it.remove();
                }
            }
            return counted;
        }

        @Override
        public synchronized void done(Object key, Instant at) {
            Written w = (Written) key;
            if (w.doneAt == null) {
                w.doneAt = at;
            }
        }

        @Override
        public Instant leaseEnd(Object key) {
            return Instant.MAX;
        }

        @Override
        public synchronized int open(Instant now) {
            return (int) slots.stream().filter(w -> w.doneAt == null).count();
        }
    }
}
