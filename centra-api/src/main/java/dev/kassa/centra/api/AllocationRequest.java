package dev.kassa.centra.api;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * An allocation request of "direct, then confirm" as {@code GET allocation-requests} shows it (spec §9.1):
 * {@code status} is one of allocated, sent, failed, confirmed, rejected, timed-out, outdated;
 * {@code expiresAtMs} is null when Centra gave no (readable) expiration date.
 */
public record AllocationRequest(long id, String status, long warehouseId, Long expiresAtMs, long orderNumber, List<Line> lines) {

    /** Statuses in which the request can still be confirmed or rejected. */
    public static final List<String> OPEN = List.of("allocated", "sent", "failed", "timed-out");

    public record Line(long lineId, int quantity, long stockItemId) {
    }

    public AllocationRequest {
        lines = List.copyOf(lines);
    }

    public boolean open() {
        return OPEN.contains(status);
    }

    static AllocationRequest parse(JsonNode r) {
        List<Line> lines = new ArrayList<>();
        for (JsonNode l : r.path("lines")) {
            lines.add(new Line(Loose.longValue(l.get("lineId")), (int) Loose.longValue(l.get("quantity")),
                    Loose.longValue(l.get("stockItemId"))));
        }
        Long expires = null;
        String expiration = Loose.text(r.get("expirationDate"));
        if (expiration != null && !expiration.isBlank()) {
            try {
                expires = OffsetDateTime.parse(expiration.trim()).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                expires = null;
            }
        }
        return new AllocationRequest(Loose.longValue(r.get("id")), Loose.text(r.get("status")), Loose.longValue(r.get("warehouseId")),
                expires, Loose.longValue(r.path("order").get("number")), lines);
    }
}
