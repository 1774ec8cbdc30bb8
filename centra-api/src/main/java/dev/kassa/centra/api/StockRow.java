package dev.kassa.centra.api;

/** One stock item's figures from GET stock (§5.1), summed over the endpoint's primary and virtual warehouses. */
public record StockRow(long stockItemId, String ean, String upc, int physical, int allocated, int available) {
}
