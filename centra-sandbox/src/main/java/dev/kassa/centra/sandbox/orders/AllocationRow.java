package dev.kassa.centra.sandbox.orders;

/** {@code qty} items of a line reserved in a warehouse. */
public record AllocationRow(long lineId, long stockItemId, long warehouseId, int qty) {
}
