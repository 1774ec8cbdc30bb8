package dev.kassa.centra.api;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code POST shipments} body (spec §7.1): the order, how many items of which of its lines, and the
 * shipment good to go and shipped at once. {@code capture} null leaves Centra's default (capture the
 * payment); {@code carrier} and {@code tracking} null send none.
 */
public record ShipmentRequest(long order, Map<Long, Integer> quantities, Boolean capture, String carrier, String tracking) {

    public ShipmentRequest {
        if (quantities.isEmpty()) {
            throw new IllegalArgumentException("a shipment of order " + order + " needs at least one line");
        }
        quantities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(quantities));
    }

    ObjectNode json() {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("order", order).put("gtg", true).put("shipped", true);
        if (capture != null) {
            body.put("capture", capture);
        }
        if (carrier != null) {
            body.put("carrier", carrier);
        }
        if (tracking != null) {
            body.put("tracking", tracking);
        }
        ObjectNode products = body.putObject("products");
        quantities.forEach((line, qty) -> products.put(Long.toString(line), qty));
        return body;
    }
}
