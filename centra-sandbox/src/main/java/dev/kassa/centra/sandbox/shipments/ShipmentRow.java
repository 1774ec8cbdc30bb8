package dev.kassa.centra.sandbox.shipments;

import java.time.LocalDateTime;

/** A shipment (§7): completed once it is good to go, paid and shipped. */
record ShipmentRow(String id, long orderNumber, int seq, boolean gtg, boolean paid, boolean shipped, boolean completed,
                   String carrier, String service, String tracking, String returnSlipTracking, int packages,
                   String internalComment, LocalDateTime shippedAt, LocalDateTime createdAt) {
}
