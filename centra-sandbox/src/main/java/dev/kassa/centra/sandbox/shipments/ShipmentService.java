package dev.kassa.centra.sandbox.shipments;

import dev.kassa.centra.sandbox.clock.InstanceTime;
import dev.kassa.centra.sandbox.orderapi.Lenient;
import dev.kassa.centra.sandbox.orderapi.OrderApiException;
import dev.kassa.centra.sandbox.orderapi.OrderApiInstance;
import dev.kassa.centra.sandbox.orders.AllocationRow;
import dev.kassa.centra.sandbox.orders.LineRow;
import dev.kassa.centra.sandbox.orders.OrderRow;
import dev.kassa.centra.sandbox.orders.Orders;
import dev.kassa.centra.sandbox.stock.StockLedger;
import dev.kassa.centra.sandbox.webhooks.WebhookEvents;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creating, updating, capturing, completing and deleting shipments (§7.1–7.6). A shipment takes its items
 * from where the order's lines are allocated; completing it (good to go + paid + shipped) lowers physical
 * and allocated stock of those warehouses (§3) and moves the order on (§13.6).
 */
@Service
class ShipmentService {

    private final Orders orders;
    private final Shipments shipments;
    private final StockLedger ledger;
    private final WebhookEvents events;
    private final InstanceTime time;

    ShipmentService(Orders orders, Shipments shipments, StockLedger ledger, WebhookEvents events, InstanceTime time) {
        this.orders = orders;
        this.shipments = shipments;
        this.ledger = ledger;
        this.events = events;
        this.time = time;
    }

    @Transactional
    public ObjectNode create(OrderApiInstance api, JsonNode body) {
        requireObject(body);
        if (!body.hasNonNull("order")) {
            throw OrderApiException.refused("msg", "order is required");
        }
        long number = Lenient.integer(body.get("order"), "order");
        OrderRow o = orders.lockVisible(api, number);
        JsonNode products = body.get("products");
        if (products == null || !products.isObject() || products.isEmpty()) {
            throw OrderApiException.refused("msg", "products is required: an object of lineId: quantity",
                    "order", number);
        }
        refuseUnshippable(o);
        boolean capture = bool(body, "capture", true);
        boolean paid = o.paymentInfo().captured();
        if (capture && !paid) {
            if (!o.paymentInfo().capturable()) {
                throw OrderApiException.refused("msg", "can not capture order", "order", Long.toString(number));
            }
            paid = true;
        }
        int seq = shipments.nextSeq(number);
        String id = number + "-" + seq;
        Map<Long, Integer> wanted = new LinkedHashMap<>();
        products.properties().forEach(e -> wanted.put(lineId(e.getKey()), quantity(e.getValue(), "products." + e.getKey())));
        List<ShipmentLine> lines = split(o, id, wanted);
        boolean shipped = bool(body, "shipped", false);
        ShipmentRow s = new ShipmentRow(id, number, seq, bool(body, "gtg", false), paid, shipped, false,
                text(body, "carrier"), text(body, "service"), text(body, "tracking"), text(body, "returnSlipTracking"),
                body.hasNonNull("packages") ? (int) Lenient.integer(body.get("packages"), "packages") : 0, "", null,
                null);
        LocalDateTime now = time.localNow();
        shipments.insert(s, now);
        shipments.insertLines(lines);
        events.publish("shipment", "create", number, shipmentData(id));
        if (s.gtg()) {
            events.publish("shipment", "good_to_go", number, shipmentData(id));
        }
        if (OrderRow.CONFIRMED.equals(o.status())) {
            orders.setStatus(number, OrderRow.PROCESSING);
        }
        completeIfReady(s, lines);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("status", "ok");
        out.put("order", number);
        out.put("shipment", id);
        out.put("deliveryNote", "/sandbox/documents/" + id + "/delivery-note.pdf");
        out.put("proforma", "/sandbox/documents/" + id + "/proforma.pdf");
        if (paid) {
            out.put("invoice", "/sandbox/documents/" + id + "/invoice.pdf");
        }
        return out;
    }

    /** {@code PUT <base>/shipments/{id}}: gtg and serial numbers always; quantities only before paid or sent. */
    @Transactional
    public ShipmentRow update(OrderApiInstance api, String id, JsonNode body) {
        requireObject(body);
        ShipmentRow s = lockShipment(api, id);
        if (s.completed() && body.has("products")) {
            throw refused(s, "shipment is sent and can not be updated");
        }
        JsonNode products = body.get("products");
        if (products != null && !products.isNull()) {
            if (!products.isObject()) {
                throw OrderApiException.badRequest("products must be an object of lineId: quantity");
            }
            Map<Long, Integer> quantities = new LinkedHashMap<>();
            Map<Long, String> serials = new LinkedHashMap<>();
            products.properties().forEach(e -> {
                long line = lineId(e.getKey());
                JsonNode v = e.getValue();
                if (v.isObject()) {
                    if (v.hasNonNull("serialNumber")) {
                        serials.put(line, Lenient.text(v.get("serialNumber"), "products." + e.getKey() + ".serialNumber"));
                    }
                    if (v.hasNonNull("qty")) {
                        quantities.put(line, quantityOrZero(v.get("qty"), "products." + e.getKey() + ".qty"));
                    }
                } else {
                    quantities.put(line, quantityOrZero(v, "products." + e.getKey()));
                }
            });
            if (!quantities.isEmpty()) {
                if (s.shipped()) {
                    throw refused(s, "shipment is sent and can not be updated");
                }
                if (s.paid()) {
                    throw refused(s, "shipment is paid and can not be updated");
                }
                OrderRow o = orders.lock(s.orderNumber()).orElseThrow();
                Map<Long, Integer> current = new LinkedHashMap<>();
                shipments.lines(List.of(id)).forEach(l -> current.merge(l.lineId(), l.qty(), Integer::sum));
                Map<Long, Integer> own = new HashMap<>(current);
                current.putAll(quantities);
                current.values().removeIf(q -> q == 0);
                if (current.isEmpty()) {
                    throw refused(s, "a shipment must keep at least one line; delete it instead");
                }
                for (Long line : own.keySet()) {
                    shipments.deleteLines(id, line);
                }
                shipments.insertLines(split(o, id, current));
            }
            serials.forEach((line, serial) -> shipments.setSerialNumber(id, line, serial));
        }
        ShipmentRow updated = s;
        if (body.hasNonNull("gtg")) {
            boolean gtg = Lenient.bool(body.get("gtg"), "gtg");
            updated = with(s, gtg, s.paid(), s.shipped());
            shipments.update(updated, time.localNow());
            if (gtg && !s.gtg()) {
                events.publish("shipment", "good_to_go", s.orderNumber(), shipmentData(id));
            }
        }
        events.publish("shipment", "update", s.orderNumber(), shipmentData(id));
        completeIfReady(updated, shipments.lines(List.of(id)));
        return shipments.find(id).orElseThrow();
    }

    /**
     * {@code PUT <base>/shipment}: records carrier and tracking and completes. {@code gtg} and {@code shipped}
     * have no default (the shipment keeps its own; both must end true or nothing changes), {@code capture}
     * defaults to true (§7.4, docs/decisions/0004).
     */
    @Transactional
    public ObjectNode complete(OrderApiInstance api, JsonNode body) {
        requireObject(body);
        List<String> missing = new ArrayList<>();
        if (!body.hasNonNull("order")) {
            missing.add("order");
        }
        if (!body.hasNonNull("shipment")) {
            missing.add("shipment");
        }
        if (!missing.isEmpty()) {
            throw OrderApiException.refused("msg", String.join(" and ", missing) + " required");
        }
        long number = Lenient.integer(body.get("order"), "order");
        String id = Lenient.text(body.get("shipment"), "shipment");
        orders.lockVisible(api, number);
        ShipmentRow s = shipments.find(id).filter(x -> x.orderNumber() == number).orElseThrow(() ->
                OrderApiException.refused("msg", "shipment does not exist", "order", number, "shipment", id));
        if (s.completed()) {
            throw refused(s, "shipment is already completed");
        }
        boolean paid = s.paid();
        if (!paid && bool(body, "capture", true)) {
            OrderRow o = orders.find(number).orElseThrow();
            if (!o.paymentInfo().capturable()) {
                throw refused(s, "capture failed");
            }
            paid = true;
        }
        String comment = text(body, "internalComment");
        // gtg and shipped have no default (Centra's reference gives none): the shipment keeps what it has
        boolean gtg = bool(body, "gtg", s.gtg());
        boolean sent = bool(body, "shipped", s.shipped());
        ShipmentRow updated = new ShipmentRow(id, number, s.seq(), gtg, paid,
                sent, false, or(text(body, "carrier"), s.carrier()),
                or(text(body, "service"), s.service()), or(text(body, "tracking"), s.tracking()),
                or(text(body, "returnSlipTracking"), s.returnSlipTracking()),
                body.hasNonNull("packages") ? (int) Lenient.integer(body.get("packages"), "packages") : s.packages(),
                comment.isEmpty() ? s.internalComment()
                        : s.internalComment().isEmpty() ? comment : s.internalComment() + "\n" + comment,
                null, s.createdAt());
        if (!(gtg && sent)) { // checked after every field was read, so a wrong field is still a 400
            throw refused(s, "a shipment is completed only when it is paid, good to go and shipped: send \"gtg\": true and"
                    + " \"shipped\": true (it is " + (gtg ? "" : "not good to go") + (gtg || sent ? "" : ", ")
                    + (sent ? "" : "not shipped") + ")");
        }
        shipments.update(updated, time.localNow());
        if (updated.gtg() && !s.gtg()) {
            events.publish("shipment", "good_to_go", number, shipmentData(id));
        }
        events.publish("shipment", "update", number, shipmentData(id));
        completeIfReady(updated, shipments.lines(List.of(id)));
        return ok(number, id);
    }

    /** {@code PUT <base>/capture}: captures the order's payment for a shipment created with {@code capture:false}. */
    @Transactional
    public ObjectNode capture(OrderApiInstance api, JsonNode body) {
        requireObject(body);
        if (!body.hasNonNull("shipment")) {
            throw OrderApiException.refused("msg", "shipment is required");
        }
        ShipmentRow s = lockShipment(api, Lenient.text(body.get("shipment"), "shipment"));
        if (s.paid()) {
            throw refused(s, "shipment is already captured");
        }
        if (!orders.find(s.orderNumber()).orElseThrow().paymentInfo().capturable()) {
            throw refused(s, "capture failed");
        }
        ShipmentRow updated = with(s, s.gtg(), true, s.shipped());
        shipments.update(updated, time.localNow());
        events.publish("shipment", "update", s.orderNumber(), shipmentData(s.id()));
        completeIfReady(updated, shipments.lines(List.of(s.id())));
        return ok(s.orderNumber(), s.id());
    }

    /** {@code DELETE <base>/shipments/{id}}: only while nothing was invoiced (captured) or sent. */
    @Transactional
    public ObjectNode delete(OrderApiInstance api, String id) {
        ShipmentRow s = lockShipment(api, id);
        if (s.paid() || s.completed()) {
            throw OrderApiException.refused("msg", "shipment has invoices or creditnotes and could not be deleted.",
                    "shipment", id);
        }
        shipments.delete(id);
        if (!shipments.anyFor(s.orderNumber())) {
            OrderRow o = orders.find(s.orderNumber()).orElseThrow();
            if (OrderRow.PROCESSING.equals(o.status())) {
                orders.setStatus(o.number(), OrderRow.CONFIRMED);
            }
        }
        events.publish("shipment", "delete", s.orderNumber(), shipmentData(id));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("status", "ok");
        out.put("msg", "shipment removed");
        out.put("order", s.orderNumber());
        out.put("shipment", id);
        return out;
    }

    ShipmentRow lockShipment(OrderApiInstance api, String id) {
        long number = orderOf(id);
        orders.lockVisible(api, number);
        return shipments.find(id).orElseThrow(() ->
                OrderApiException.refused("msg", "shipment does not exist", "shipment", id));
    }

    private static long orderOf(String shipmentId) {
        int dash = shipmentId.lastIndexOf('-');
        try {
            return Long.parseLong(dash < 0 ? shipmentId : shipmentId.substring(0, dash));
        } catch (NumberFormatException e) {
            throw OrderApiException.refused("msg", "shipment does not exist", "shipment", shipmentId);
        }
    }

    private static void refuseUnshippable(OrderRow o) {
        String why = switch (o.status()) {
            case OrderRow.PENDING -> o.prepared() ? "order is not completed yet (created with createOnly)"
                    : "order is waiting for a store to answer check first";
            case OrderRow.CANCELLED -> "order is cancelled";
            case OrderRow.ARCHIVED -> "order is archived";
            case OrderRow.COMPLETED -> "order is completed";
            default -> null;
        };
        if (why != null) {
            throw OrderApiException.refused("msg", why, "order", o.number());
        }
    }

    /**
     * Decides which warehouse each wanted item ships from: the line's allocations not claimed by another
     * open shipment, in warehouse order. An order that did not adjust stock ships without a warehouse.
     */
    private List<ShipmentLine> split(OrderRow o, String shipmentId, Map<Long, Integer> wanted) {
        Map<Long, LineRow> lines = new HashMap<>();
        orders.lines(o.number()).forEach(l -> lines.put(l.lineId(), l));
        Map<Long, int[]> shipped = orders.shippedAndClaimed(o.number());
        Map<String, Integer> claims = shipments.openClaims(o.number());
        Map<Long, List<AllocationRow>> allocations = new HashMap<>();
        orders.allocations(o.number()).forEach(a -> allocations.computeIfAbsent(a.lineId(), k -> new ArrayList<>()).add(a));
        List<ShipmentLine> out = new ArrayList<>();
        for (Map.Entry<Long, Integer> e : wanted.entrySet()) {
            LineRow line = lines.get(e.getKey());
            if (line == null) {
                throw OrderApiException.refused("msg", "line " + e.getKey() + " is not in order " + o.number(),
                        "order", o.number());
            }
            int left = line.qty() - shipped.getOrDefault(line.lineId(), new int[2])[1];
            if (e.getValue() > left) {
                throw OrderApiException.refused("msg", "line " + line.lineId() + " has " + left
                        + " item(s) left to ship, not " + e.getValue(), "order", o.number());
            }
            if (!o.adjustStock()) {
                out.add(new ShipmentLine(shipmentId, line.lineId(), null, e.getValue(), null));
                continue;
            }
            int need = e.getValue();
            for (AllocationRow a : allocations.getOrDefault(line.lineId(), List.of())) {
                int free = a.qty() - claims.getOrDefault(a.lineId() + "/" + a.warehouseId(), 0);
                int take = Math.min(free, need);
                if (take > 0) {
                    out.add(new ShipmentLine(shipmentId, line.lineId(), a.warehouseId(), take, null));
                    need -= take;
                }
            }
            if (need > 0) {
                throw OrderApiException.refused("msg", "line " + line.lineId() + " has only " + (e.getValue() - need)
                        + " of " + e.getValue() + " item(s) allocated; the rest is back-ordered", "order", o.number());
            }
        }
        return out;
    }

    private void completeIfReady(ShipmentRow s, List<ShipmentLine> lines) {
        if (!(s.gtg() && s.paid() && s.shipped()) || s.completed()) {
            return;
        }
        List<LineRow> orderLines = orders.lines(s.orderNumber());
        Map<Long, Long> items = new HashMap<>();
        orderLines.forEach(l -> items.put(l.lineId(), l.stockItemId()));
        ledger.lock(lines.stream().map(l -> items.get(l.lineId())).toList());
        for (ShipmentLine l : lines) {
            if (l.warehouseId() != null) {
                orders.ship(l.lineId(), items.get(l.lineId()), l.warehouseId(), l.qty());
            }
        }
        LocalDateTime now = time.localNow();
        shipments.update(new ShipmentRow(s.id(), s.orderNumber(), s.seq(), true, true, true, true, s.carrier(),
                s.service(), s.tracking(), s.returnSlipTracking(), s.packages(), s.internalComment(), now,
                s.createdAt()), now);
        Map<Long, int[]> shipped = orders.shippedAndClaimed(s.orderNumber());
        boolean all = orderLines.stream()
                .allMatch(l -> shipped.getOrDefault(l.lineId(), new int[2])[0] >= l.qty());
        orders.setStatus(s.orderNumber(), all ? OrderRow.COMPLETED : OrderRow.PROCESSING);
        events.publish("shipment", "complete", s.orderNumber(), shipmentData(s.id()));
        events.publish("order", "update", s.orderNumber(), null);
    }

    private static ShipmentRow with(ShipmentRow s, boolean gtg, boolean paid, boolean shipped) {
        return new ShipmentRow(s.id(), s.orderNumber(), s.seq(), gtg, paid, shipped, s.completed(), s.carrier(),
                s.service(), s.tracking(), s.returnSlipTracking(), s.packages(), s.internalComment(), s.shippedAt(),
                s.createdAt());
    }

    private static ObjectNode shipmentData(String id) {
        return JsonNodeFactory.instance.objectNode().put("shipment", id);
    }

    private static ObjectNode ok(long order, String shipment) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("status", "ok");
        out.put("order", order);
        out.put("shipment", shipment);
        return out;
    }

    private static OrderApiException refused(ShipmentRow s, String msg) {
        return OrderApiException.refused("msg", msg, "order", s.orderNumber(), "shipment", s.id());
    }

    private static void requireObject(JsonNode body) {
        if (!body.isObject()) {
            throw OrderApiException.badRequest("the request body must be a JSON object");
        }
    }

    private static long lineId(String key) {
        try {
            return Long.parseLong(key.trim());
        } catch (NumberFormatException e) {
            throw OrderApiException.badRequest("products: \"" + key + "\" is not a line id (lineId from GET orders)");
        }
    }

    private static int quantity(JsonNode v, String field) {
        int q = quantityOrZero(v, field);
        if (q < 1) {
            throw OrderApiException.badRequest(field + " must be at least 1, got " + v);
        }
        return q;
    }

    private static int quantityOrZero(JsonNode v, String field) {
        long q = Lenient.integer(v, field);
        if (q < 0 || q > 100_000) {
            throw OrderApiException.badRequest(field + " must be between 0 and 100000, got " + v);
        }
        return (int) q;
    }

    private static boolean bool(JsonNode body, String field, boolean otherwise) {
        return body.hasNonNull(field) ? Lenient.bool(body.get(field), field) : otherwise;
    }

    private static String text(JsonNode body, String field) {
        String v = Lenient.optionalText(body.get(field), field);
        return v == null ? "" : v;
    }

    private static String or(String v, String otherwise) {
        return v.isEmpty() ? otherwise : v;
    }
}
