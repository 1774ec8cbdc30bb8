package dev.kassa.centra.api;

import java.util.List;

/** One line of POST stock (§5.2): an EAN, UPC or full SKU and its new absolute physical quantity. */
public record StockUpdate(String product, int quantity) {

    public StockUpdate {
        if (product == null || product.isBlank()) {
            throw new IllegalArgumentException("a stock update needs the product (EAN, UPC or full SKU)");
        }
        if (quantity < 0) {
            throw new IllegalArgumentException("a stock quantity cannot be negative: " + product + " " + quantity);
        }
    }

    /** Centra's answer: ok, or which products it could not find or update (the others were applied). */
    public record Result(boolean ok, List<String> productsNotFound, List<String> productsAreBundles) {
    }
}
