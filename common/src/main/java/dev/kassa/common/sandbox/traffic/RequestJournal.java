package dev.kassa.common.sandbox.traffic;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Every call the sandbox received (decision 0020), newest last, bounded: the oldest entries go first once
 * {@code capacity} is reached. The counts per endpoint are kept apart and are never dropped, so they stay
 * exact however many calls came; both are cleared by a reset. In memory: a restart starts a new journal.
 */
public class RequestJournal {

    /**
     * One call.
     *
     * @param seq          its number since the last reset, from 1
     * @param at           when it arrived, by the sandbox's clock
     * @param method       HTTP method
     * @param path         the path as called, with the query
     * @param endpoint     the route that served it ({@code POST /api/{uri}/stock}), or the path when none did
     * @param credential   whose credential it carried, by name (never the secret): an Order API instance, the
     *                     API token, the admin token, "wrong secret", or none
     * @param status       the status answered; 0 when no answer was sent (a fault)
     * @param millis       how long it took
     * @param fault        the fault that hit it ({@code lost-answer #3}), if any
     * @param note         what the sandbox decided on the way, if it says (Centra's rate limit)
     * @param requestBody  the body, when bodies are kept (up to 4 KiB)
     * @param responseBody the answer's body, when bodies are kept (up to 4 KiB)
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Entry(long seq, Instant at, String method, String path, String endpoint, String credential, int status,
                        long millis, String fault, String note, String requestBody, String responseBody) {
    }

    /** What {@code GET /sandbox/requests} answers. */
    public record View(long total, long dropped, int capacity, boolean bodies, Map<String, Long> counts, List<Entry> requests) {
    }

    private final int capacity;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private final Map<String, Long> counts = new TreeMap<>();
    private long seq;
    private long dropped;
    private volatile boolean bodies;

    public RequestJournal(int capacity, boolean bodies) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the journal's capacity must be 1 or more");
        }
        this.capacity = capacity;
        this.bodies = bodies;
    }

    public boolean bodies() {
        return bodies;
    }

    public void bodies(boolean keep) {
        this.bodies = keep;
    }

    /** Records a call; its sequence number is given here. */
    public synchronized Entry record(Instant at, String method, String path, String endpoint, String credential, int status,
                                     long millis, String fault, String note, String requestBody, String responseBody) {
        Entry e = new Entry(++seq, at, method, path, endpoint, credential, status, millis, fault, note, requestBody, responseBody);
        entries.addLast(e);
        counts.merge(method + " " + endpoint, 1L, Long::sum);
        if (entries.size() > capacity) {
            entries.removeFirst();
            dropped++;
        }
        return e;
    }

    /** The kept entries that {@code filter} lets through, the newest {@code limit}, oldest first. */
    public synchronized View view(Predicate<Entry> filter, int limit) {
        List<Entry> matching = new ArrayList<>();
        for (Entry e : entries) {
            if (filter.test(e)) {
                matching.add(e);
            }
        }
        List<Entry> newest = matching.subList(Math.max(0, matching.size() - limit), matching.size());
        return new View(seq, dropped, capacity, bodies, new TreeMap<>(counts), List.copyOf(newest));
    }

    public synchronized void reset() {
        entries.clear();
        counts.clear();
        seq = 0;
        dropped = 0;
    }
}
