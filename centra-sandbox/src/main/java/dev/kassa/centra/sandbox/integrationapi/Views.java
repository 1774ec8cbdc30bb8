package dev.kassa.centra.sandbox.integrationapi;

import java.util.List;

/** The Integration API's objects as the sandbox answers them; names are Centra's. */
final class Views {

    private Views() {
    }

    record Warehouse(int id, String name, String status) {
    }

    record ProductSize(int id, String EAN, String UPC, String SKU, String sizeNumber, String description) {
    }

    record Stock(Warehouse warehouseOf, ProductSize size, int physicalQuantity, int allocatedQuantity, int freeToAllocateQuantity) {
    }

    record StockChangeLine(int id, ProductSize size, int deliveredQuantity) {
    }

    record StockChange(int id, String description, List<StockChangeLine> changeLines) {
    }

    record UserError(String message, List<String> path) {
    }

    record UserWarning(String message, List<String> path) {
    }

    record StockSetPayload(List<StockChange> changes, List<UserError> userErrors, List<UserWarning> userWarnings) {
    }

    record StockChangePayload(StockChange change, List<UserError> userErrors, List<UserWarning> userWarnings) {
    }

    record RateLimit(String type, String intervalSeconds, long quota, long usedQuota, long remainingQuota) {
    }
}
