package dev.kassa.centra.sandbox.stock;

import dev.kassa.centra.sandbox.orderapi.Lenient;
import dev.kassa.centra.sandbox.orderapi.OrderApiException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * One element of {@code POST stock}'s {@code products} (§5.2): an identifier (EAN, UPC or the concatenated
 * SKU), the new absolute quantity, and optionally a cost price.
 */
record StockLine(String product, int quantity, BigDecimal costPrice, String costPriceCurrency) {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    /** Parses and checks the whole body first, so that a bad line anywhere means nothing is written. */
    static List<StockLine> parse(byte[] body) {
        JsonNode root = Lenient.parse(body);
        if (!root.isObject()) {
            throw OrderApiException.badRequest("the request body must be a JSON object with a products array");
        }
        JsonNode products = root.get("products");
        if (products == null || products.isNull()) {
            throw OrderApiException.badRequest("products is required");
        }
        if (!products.isArray()) {
            throw OrderApiException.badRequest("products must be an array, got " + products.getNodeType());
        }
        List<StockLine> lines = new ArrayList<>(products.size());
        for (int i = 0; i < products.size(); i++) {
            lines.add(line(products.get(i), "products[" + i + "]"));
        }
        return lines;
    }

    private static StockLine line(JsonNode node, String path) {
        if (!node.isObject()) {
            throw OrderApiException.badRequest(path + " must be an object with product and quantity");
        }
        String product = Lenient.text(node.get("product"), path + ".product").trim();
        if (product.isEmpty()) {
            throw OrderApiException.badRequest(path + ".product must not be empty");
        }
        long quantity = Lenient.integer(node.get("quantity"), path + ".quantity");
        if (quantity < 0) {
            throw OrderApiException.badRequest(path + ".quantity must not be negative, got " + quantity);
        }
        if (quantity > Integer.MAX_VALUE) {
            throw OrderApiException.badRequest(path + ".quantity is too large, got " + quantity);
        }
        BigDecimal costPrice = null;
        JsonNode cost = node.get("costPrice");
        if (cost != null && !cost.isNull()) {
            costPrice = Lenient.decimal(cost, path + ".costPrice");
            if (costPrice.signum() < 0) {
                throw OrderApiException.badRequest(path + ".costPrice must not be negative");
            }
            if (costPrice.abs().compareTo(new BigDecimal("999999999999")) > 0) {
                throw OrderApiException.badRequest(path + ".costPrice is too large");
            }
            costPrice = costPrice.setScale(2, java.math.RoundingMode.HALF_UP);
        }
        String currency = Lenient.optionalText(node.get("costPriceCurrency"), path + ".costPriceCurrency");
        if (currency != null && !CURRENCY.matcher(currency).matches()) {
            throw OrderApiException.badRequest(path + ".costPriceCurrency must be an ISO 4217 code such as SEK, got '"
                    + currency + "'");
        }
        return new StockLine(product, (int) quantity, costPrice, currency);
    }
}
