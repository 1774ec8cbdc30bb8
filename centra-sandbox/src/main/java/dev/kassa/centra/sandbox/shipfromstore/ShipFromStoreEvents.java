package dev.kassa.centra.sandbox.shipfromstore;

import dev.kassa.centra.sandbox.clock.InstanceTime;
import dev.kassa.centra.sandbox.orders.OrderRow;
import dev.kassa.centra.sandbox.shipfromstore.AllocationRequests.Line;
import dev.kassa.centra.sandbox.shipfromstore.AllocationRequests.Request;
import dev.kassa.centra.sandbox.webhooks.WebhookEvents;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The {@code check_first} and {@code allocation_request} events in the shapes of §10.5 and the fixtures. */
@Component
class ShipFromStoreEvents {

    private static final DateTimeFormatter PHP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final WebhookEvents events;
    private final InstanceTime time;

    ShipFromStoreEvents(WebhookEvents events, InstanceTime time) {
        this.events = events;
        this.time = time;
    }

    /** {@code create} with every offered warehouse and its {@code expirationAt} (ISO-8601 with offset, seconds). */
    void checkFirstCreated(long order, List<Offers.Offer> offers) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        ArrayNode warehouses = data.putArray("warehouses");
        for (Offers.Offer o : offers) {
            warehouses.addObject().put("warehouseId", o.warehouse()).put("expirationAt", isoSeconds(o.expiresAtMs()));
        }
        events.publish("check_first", "create", order, data);
    }

    /** {@code accepted}, {@code rejected} or {@code timeout} for one warehouse. */
    void checkFirst(String action, long order, long warehouse) {
        events.publish("check_first", action, order, JsonNodeFactory.instance.objectNode().put("warehouseId", warehouse));
    }

    /** An allocation request event; {@code id} is the request's id, the order number is in {@code data} (§13.9). */
    void allocationRequest(String action, String status, Request r, OrderRow order, List<Line> lines) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("status", status);
        data.put("warehouseId", r.warehouse());
        ObjectNode expiration = data.putObject("expirationDate");
        expiration.put("date", PHP_DATE.format(Instant.ofEpochMilli(r.expiresAtMs()).atZone(time.zone())));
        expiration.put("timezone_type", 3);
        expiration.put("timezone", time.zone().getId());
        data.putObject("order").put("id", order.selectionId()).put("number", order.number());
        ObjectNode byLine = data.putObject("lines");
        for (Line l : lines) {
            byLine.putObject(Long.toString(l.lineId())).put("lineId", l.lineId()).put("quantity", l.qty())
                    .put("stockItemId", l.stockItemId());
        }
        events.publish("allocation_request", action, r.id(), data);
    }

    /** ISO-8601 with the instance's offset, whole seconds: how check first and the allocation-request API print times. */
    String isoSeconds(long epochMs) {
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(epochMs, 1000)), time.zone())
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
