package dev.kassa.centara.sandbox.orders;

import java.math.BigDecimal;

/** Centara's OrderStatus and OrderFlags (spec A) and how they follow from payments (spec B.6). */
public final class OrderStatus {

    public static final int ACTIVE_UNPAID = 1;
    public static final int ACTIVE_PARTLY_PAID = 2;
    public static final int ACTIVE_PAID = 3;
    public static final int CLOSED = 4;
    public static final int DELETED = 5;
    public static final int READY_UNPAID = 6;
    public static final int READY_PARTLY_PAID = 7;
    public static final int READY_PAID = 8;
    public static final int DELETED_AUTOMATICALLY = 9;
    public static final int FLAG_PARTIALLY_PAID = 15;

    private OrderStatus() {
    }

    /** 1, 2 or 3: unpaid, partly or fully paid. */
    public static int active(BigDecimal paid, BigDecimal due) {
        if (paid.signum() <= 0) {
            return ACTIVE_UNPAID;
        }
        return paid.compareTo(due) >= 0 ? ACTIVE_PAID : ACTIVE_PARTLY_PAID;
    }

    /** 6, 7 or 8: the same rule once the store has it ready for pickup. */
    public static int ready(BigDecimal paid, BigDecimal due) {
        return active(paid, due) + (READY_UNPAID - ACTIVE_UNPAID);
    }

    public static int flags(int status) {
        return status == ACTIVE_PARTLY_PAID || status == READY_PARTLY_PAID ? FLAG_PARTIALLY_PAID : 0;
    }

    public static boolean isOpen(int status) {
        return status >= ACTIVE_UNPAID && status <= ACTIVE_PAID || status >= READY_UNPAID && status <= READY_PAID;
    }

    public static boolean isReady(int status) {
        return status >= READY_UNPAID && status <= READY_PAID;
    }
}
