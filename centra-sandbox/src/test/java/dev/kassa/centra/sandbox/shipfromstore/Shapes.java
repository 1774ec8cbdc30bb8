package dev.kassa.centra.sandbox.shipfromstore;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The shape of a JSON document: its keys in order and the JSON type of every value, not the values. */
final class Shapes {

    private Shapes() {
    }

    static String of(JsonNode n) {
        if (n.isObject() && !n.isEmpty() && n.propertyNames().stream().allMatch(k -> k.matches("\\d+"))) {
            // An object keyed by ids (allocation_request data.lines) is a map: its shape is that of one entry.
            return "{<id>:" + of(n.values().iterator().next()) + "}";
        }
        if (n.isObject()) {
            List<String> parts = new ArrayList<>();
            n.properties().forEach(e -> parts.add(e.getKey() + ":" + of(e.getValue())));
            return "{" + String.join(",", parts) + "}";
        }
        if (n.isArray()) {
            return n.isEmpty() ? "[]" : "[" + of(n.get(0)) + "]";
        }
        return n.isNumber() ? "number" : n.isString() ? "string" : n.isBoolean() ? "boolean" : "null";
    }
}
