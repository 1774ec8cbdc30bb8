package dev.kassa.centra.sandbox.orders;

import java.math.BigDecimal;

/** An order line; {@code unitPrice} and {@code originalPrice} include the line's VAT. */
public record LineRow(long lineId, long orderNumber, int position, long stockItemId, int qty, BigDecimal unitPrice,
                      BigDecimal originalPrice, BigDecimal taxPercent, String comment, String itemText) {
}
