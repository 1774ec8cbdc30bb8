package dev.kassa.connector.shipfromstore;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * An offer's states (docs/ship-from-store.md) and the moves each allows; {@link Offers#move} refuses any
 * other, so a step can only take an offer where the flow says. Stored, and shown in the API and console,
 * by {@link #column()} ({@code in_till}, …).
 *
 * <p>Centra's word is final: an accept made in Centra (its event, or the safety net finding the order
 * allocated here) takes even a {@code rejected}, {@code lost} or {@code expired} offer to {@code accepted},
 * because the order is then this store's to ship whatever the connector thought (decision 0011); and event
 * ends are ranked (rejected, then lost, then expired), a later one replacing an earlier one.
 */
public enum OfferState {
    OFFERED, ACCEPTING, REJECTING, ACCEPTED, REJECTED, LOST, EXPIRED, IN_TILL, SHIPPING, SHIPPED, FAILED, SHADOWED;

    private Set<OfferState> next;

    static {
        OFFERED.next = EnumSet.of(ACCEPTING, REJECTING, ACCEPTED, REJECTED, LOST, EXPIRED, FAILED);
        ACCEPTING.next = EnumSet.of(ACCEPTED, REJECTED, LOST, EXPIRED, FAILED, SHADOWED);
        REJECTING.next = EnumSet.of(ACCEPTED, REJECTED, LOST, EXPIRED, FAILED, SHADOWED);
        ACCEPTED.next = EnumSet.of(IN_TILL, FAILED, SHADOWED);
        REJECTED.next = EnumSet.of(LOST, EXPIRED, ACCEPTED);
        LOST.next = EnumSet.of(EXPIRED, ACCEPTED);
        EXPIRED.next = EnumSet.of(ACCEPTED);
        IN_TILL.next = EnumSet.of(SHIPPING, FAILED);
        SHIPPING.next = EnumSet.of(SHIPPED, FAILED, SHADOWED);
        SHIPPED.next = EnumSet.noneOf(OfferState.class);
        FAILED.next = EnumSet.noneOf(OfferState.class);
        SHADOWED.next = EnumSet.noneOf(OfferState.class);
    }

    /** The states nothing in the connector moves on from (Centra's accept aside, see above); the worker leaves them alone. */
    public static final Set<OfferState> FINAL = EnumSet.of(SHIPPED, REJECTED, EXPIRED, LOST, FAILED, SHADOWED);

    public boolean canMoveTo(OfferState to) {
        return next.contains(to);
    }

    public boolean isFinal() {
        return FINAL.contains(this);
    }

    /** How the state is stored and shown: {@code offered}, {@code in_till}, … */
    public String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The state stored as {@code column}. */
    public static OfferState of(String column) {
        return Arrays.stream(values()).filter(s -> s.column().equals(column)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no offer state " + column));
    }
}
