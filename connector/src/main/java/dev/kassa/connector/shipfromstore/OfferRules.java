package dev.kassa.connector.shipfromstore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The ship-from-store rules as arithmetic, with every input given (no clock, no Centra, no database), so
 * that they can be tested alone ({@code OfferRulesTest}, with properties): when nobody's decision becomes a
 * reject, and whether a store's rules accept an order.
 */
public final class OfferRules {

    /** How long a person has for an allocation request found after its reject time (decision 0008). */
    public static final Duration LATE_DECISION = Duration.ofMinutes(30);

    private OfferRules() {
    }

    /**
     * When nobody's decision becomes a reject: the reject margin before the deadline; an allocation request
     * found (or offered) too late for that, being still confirmable, stays for {@link #LATE_DECISION} from
     * when the connector found it. Null: never (no deadline).
     */
    public static Long rejectAt(Long deadlineMs, long createdAtMs, boolean allocationRequest, long marginMillis) {
        if (deadlineMs == null) {
            return null;
        }
        long atMargin = deadlineMs - marginMillis;
        boolean foundLate = allocationRequest && createdAtMs >= atMargin;
        return foundLate ? createdAtMs + LATE_DECISION.toMillis() : atMargin;
    }

    /**
     * An order line as the rules see it: {@code wanted} items asked of this store, {@code here} of them
     * already allocated to its warehouse (direct, then confirm), {@code available} free in its stock.
     */
    public record Line(String label, int wanted, int here, int available) {

        /** The items that still need free stock: what is allocated here already needs none. */
        public int needed() {
            return Math.max(0, wanted - here);
        }

        public boolean covered() {
            return available >= needed();
        }
    }

    /**
     * The store's situation: whether it is open now ({@code closedBecause}: null when open, else its
     * opening hours), its daily capacity (null: none) and the orders it accepted today.
     */
    public record Store(String closedBecause, Integer capacity, int acceptedToday) {
    }

    /** The rules' verdict: accept, or reject with every reason, each in words for the offer's history. */
    public record Verdict(boolean accept, List<String> reasons) {
        public Verdict {
            reasons = List.copyOf(reasons);
        }

        /** The reason recorded with the decision. */
        public String explained() {
            return accept ? "the store's stock covers every line" + (reasons.isEmpty() ? "" : ", " + reasons.getFirst())
                    : String.join("; ", reasons);
        }
    }

    /** Accept when the store is open, under its capacity, and its stock covers every line; otherwise every reason why not. */
    public static Verdict judge(Store store, List<Line> lines) {
        List<String> no = new ArrayList<>();
        if (store.closedBecause() != null) {
            no.add("the store is closed (" + store.closedBecause() + ")");
        }
        if (store.capacity() != null && store.acceptedToday() >= store.capacity()) {
            no.add("today's capacity of " + store.capacity() + " orders is reached");
        }
        for (Line l : lines) {
            if (!l.covered()) {
                no.add("stock does not cover " + l.label() + ": " + l.available() + " of " + l.needed());
            }
        }
        if (!no.isEmpty()) {
            return new Verdict(false, no);
        }
        return new Verdict(true, store.capacity() == null ? List.of() : List.of("under today's capacity"));
    }
}
