package dev.kassa.centra.sandbox.orderapi;

import dev.kassa.centra.sandbox.clock.InstanceTime;
import dev.kassa.centra.sandbox.faults.Faults;
import java.util.ArrayDeque;
import java.util.Deque;
import org.springframework.stereotype.Component;

/**
 * Centra-style rate limiting of Order API writes, when a fault set turns it on: a sliding window of
 * {@code perSeconds} on the sandbox clock, shared by all plugin instances (Centra budgets per
 * environment). A write over the budget gets 429 with {@code Retry-After}, and is not counted.
 */
@Component
class WriteBudget {

    private final Faults faults;
    private final InstanceTime time;
    private final Deque<Long> writes = new ArrayDeque<>();

    WriteBudget(Faults faults, InstanceTime time) {
        this.faults = faults;
        this.time = time;
    }

    /** Spends one write of the budget, or throws 429; returns what was decided, for the request journal (null: no limit). */
    synchronized String spend() {
        Faults.RateLimit limit = faults.current().rateLimit();
        if (limit == null) {
            writes.clear();
            return null;
        }
        long now = time.now().toEpochMilli();
        long window = limit.perSeconds() * 1000L;
        while (!writes.isEmpty() && writes.peekFirst() <= now - window) {
            writes.pollFirst();
        }
        while (writes.size() > limit.writes()) {
            writes.pollFirst();
        }
        if (writes.size() >= limit.writes()) {
            long waitMs = writes.peekFirst() + window - now;
            throw OrderApiException.tooManyRequests(Math.max(1, (waitMs + 999) / 1000));
        }
        writes.addLast(now);
        return "rate limit: counted, write " + writes.size() + " of " + limit.writes() + " in " + limit.perSeconds() + " s";
    }
}
