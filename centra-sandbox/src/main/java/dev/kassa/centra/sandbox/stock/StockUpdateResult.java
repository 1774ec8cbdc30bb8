package dev.kassa.centra.sandbox.stock;

import java.util.List;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The answer to POST stock: {@code ok}, or the documented partial-failure shape listing unknown items. */
record StockUpdateResult(List<String> productsNotFound) {

    ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        if (productsNotFound.isEmpty()) {
            root.put("status", "ok");
            return root;
        }
        root.put("status", "no");
        root.put("msg", "Some of the products were not updated");
        ObjectNode errors = root.putObject("errors");
        productsNotFound.forEach(errors.putArray("productsNotFound")::add);
        return root;
    }
}
