package dev.kassa.centra.sandbox.stock;

import dev.kassa.centra.sandbox.orderapi.OrderApiInstance.StockUpdateMode;

/**
 * What one {@code POST stock} line does to one item's warehouses (§2, §5.2), as plain arithmetic.
 *
 * <p>The quantity is the new total over the instance's warehouses, the same total GET stock shows
 * (primary + virtual). Centra never increases a virtual warehouse and decreases one only when the
 * primary has nothing free left, so: a rise goes to the primary; a fall is taken from the primary's free
 * stock first, then from each virtual warehouse's free stock in order. Nothing ever drops below its
 * allocated stock; a quantity below total allocated is silently raised to it (the clamp). With no
 * virtual warehouse this is exactly "physical of the primary := max(quantity, allocated)".
 */
final class StockTarget {

    private StockTarget() {
    }

    /**
     * Applies {@code quantity} to {@code physical}/{@code allocated} (index 0 = primary) in place.
     *
     * @return true when the quantity was below what existing reservations allow and was raised (clamped)
     */
    static boolean apply(int[] physical, int[] allocated, int quantity, StockUpdateMode mode) {
        long totalAllocated = 0;
        long totalPhysical = 0;
        for (int i = 0; i < physical.length; i++) {
            totalAllocated += allocated[i];
            totalPhysical += physical[i];
        }
        long target = mode == StockUpdateMode.FTA ? totalAllocated + quantity : quantity;
        boolean clamped = target < totalAllocated;
        if (clamped) {
            target = totalAllocated;
        }
        long delta = target - totalPhysical;
        if (delta >= 0) {
            physical[0] = Math.toIntExact(physical[0] + delta);
            return clamped;
        }
        long toRemove = -delta;
        for (int i = 0; i < physical.length && toRemove > 0; i++) {
            int free = physical[i] - allocated[i];
            int take = (int) Math.min(free, toRemove);
            physical[i] -= take;
            toRemove -= take;
        }
        return clamped;
    }
}
