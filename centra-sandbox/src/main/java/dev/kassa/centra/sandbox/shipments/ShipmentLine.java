package dev.kassa.centra.sandbox.shipments;

/** Items of an order line in a shipment, from one warehouse (null: the order never reserved stock). */
record ShipmentLine(String shipmentId, long lineId, Long warehouseId, int qty, String serialNumber) {
}
