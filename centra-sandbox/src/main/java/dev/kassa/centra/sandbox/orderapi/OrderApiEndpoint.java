package dev.kassa.centra.sandbox.orderapi;

import java.util.Arrays;
import java.util.Optional;

/**
 * The entries of the plugin setting "Allow access to the following endpoints" (§2). A plugin whose
 * {@code endpoints} list lacks an entry answers that endpoint with 403 {@code {"status":"Not Allowed"}}.
 * The keys are the sandbox's names for the AMS labels.
 */
public enum OrderApiEndpoint {
    GET_PRODUCTS("get-products", "Get products (GET /products)"),
    GET_STOCK("get-stock", "Get stock (GET /stock)"),
    UPDATE_STOCK("update-stock", "Update stock (POST /stock)"),
    CREATE_ORDER("create-order", "Create order (POST /order)"),
    CREATE_ORDERS("create-orders", "Create orders (POST /orders)"),
    COMPLETE_ORDER("complete-order", "Complete order (POST /order/{id})"),
    GET_ORDERS("get-orders", "Get orders (GET /orders)"),
    UPDATE_ORDERS("update-orders", "Update orders (PUT /orders)"),
    CREATE_SHIPMENT("create-shipment", "Create shipment (POST /shipments)"),
    GET_SHIPMENTS("get-shipments", "Get shipments (GET /shipments)"),
    UPDATE_SHIPMENT("update-shipment", "Update shipment (PUT /shipment)"),
    CAPTURE_SHIPMENT("capture-shipment", "Capture shipment (POST /capture)"),
    DELETE_SHIPMENT("delete-shipment", "Delete shipment (DELETE /shipment)"),
    CHECK_FIRST("check-first", "Check first (POST /check-first)"),
    GET_ALLOCATION_REQUESTS("get-allocation-requests", "Get allocation requests (GET /allocation-requests)"),
    UPDATE_ALLOCATION_REQUEST("update-allocation-request", "Update allocation request (PUT /allocation-request)");

    private final String key;
    private final String label;

    OrderApiEndpoint(String key, String label) {
        this.key = key;
        this.label = label;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public static Optional<OrderApiEndpoint> byKey(String key) {
        return Arrays.stream(values()).filter(e -> e.key.equals(key)).findFirst();
    }
}
