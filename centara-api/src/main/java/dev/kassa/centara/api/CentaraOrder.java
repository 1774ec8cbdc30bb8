package dev.kassa.centara.api;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An external order as Centara returns it. Read leniently (spec B.1): property names in any case, numbers
 * as numbers or numeric strings. {@code json} is the whole answer.
 */
public record CentaraOrder(String orderId, int storeId, String referenceNumber, int status, int flags, JsonNode json) {

    /** Closed: picked up or shipped (status 4). */
    public boolean closed() {
        return status == 4;
    }

    /** Deleted in the store (5) or automatically (9). */
    public boolean deleted() {
        return status == 5 || status == 9;
    }

    /** The order's free text ({@code Notes}), or "" when it has none. */
    public String notes() {
        String n = text(field(json, "Notes"));
        return n == null ? "" : n;
    }

    /** Quantity per ItemId over the order's items (read leniently, like the rest). */
    public Map<String, BigDecimal> quantities() {
        Map<String, BigDecimal> out = new java.util.TreeMap<>();
        JsonNode items = field(json, "Items");
        if (items != null && items.isArray()) {
            for (JsonNode i : items) {
                String id = text(field(i, "ItemId"));
                JsonNode q = field(i, "Quantity");
                BigDecimal qty = q == null ? BigDecimal.ZERO : q.isNumber() ? q.decimalValue() : new BigDecimal(q.asString().trim());
                out.merge(id, qty.stripTrailingZeros(), BigDecimal::add);
            }
        }
        return out;
    }

    static CentaraOrder of(JsonNode j) {
        String id = text(field(j, "OrderId"));
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Centara sent an order without OrderId: " + j);
        }
        return new CentaraOrder(id, (int) whole(field(j, "StoreId")), text(field(j, "ReferenceNumber")),
                (int) whole(field(j, "Status")), (int) whole(field(j, "Flags")), j);
    }

    /** The property {@code name} of {@code o}, matched without regard to case; null when absent. */
    static JsonNode field(JsonNode o, String name) {
        if (o == null || !o.isObject()) {
            return null;
        }
        JsonNode exact = o.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = o.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asString();
    }

    /** A whole number from a number or a numeric string; 0 when absent. */
    static long whole(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return 0;
        }
        if (n.isNumber()) {
            return n.longValue();
        }
        String s = n.asString().trim();
        try {
            return s.isEmpty() ? 0 : new BigDecimal(s).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("Centara sent '" + s + "' where a whole number was expected");
        }
    }
}
