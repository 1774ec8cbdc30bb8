package dev.kassa.centra.sandbox.shipments;

import dev.kassa.centra.sandbox.orderapi.Lenient;
import dev.kassa.centra.sandbox.orderapi.OrderApiController;
import dev.kassa.centra.sandbox.orderapi.OrderApiEndpoint;
import dev.kassa.centra.sandbox.orderapi.OrderApiException;
import dev.kassa.centra.sandbox.orderapi.OrderApiGuard;
import dev.kassa.centra.sandbox.orderapi.OrderApiInstance;
import dev.kassa.centra.sandbox.orderapi.QueryParams;
import dev.kassa.centra.sandbox.orders.LineRow;
import dev.kassa.centra.sandbox.orders.OrderJson;
import dev.kassa.centra.sandbox.orders.OrderJson.ItemInfo;
import dev.kassa.centra.sandbox.orders.OrderRow;
import dev.kassa.centra.sandbox.orders.Orders;
import dev.kassa.centra.sandbox.state.LocalDateTimes;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The shipment endpoints (§7.1–7.6). */
@OrderApiController
class ShipmentsController {

    private final OrderApiGuard guard;
    private final ShipmentService service;
    private final Shipments shipments;
    private final Orders orders;
    private final OrderJson orderJson;

    ShipmentsController(OrderApiGuard guard, ShipmentService service, Shipments shipments, Orders orders,
                        OrderJson orderJson) {
        this.guard = guard;
        this.service = service;
        this.shipments = shipments;
        this.orders = orders;
        this.orderJson = orderJson;
    }

    @PostMapping({"/api/{uri}/shipments", "/api/{uri}/shipments/"})
    ObjectNode create(@PathVariable String uri, HttpServletRequest request) {
        OrderApiInstance api = guard.authorize(uri, request, OrderApiEndpoint.CREATE_SHIPMENT);
        return service.create(api, Lenient.parse(guard.body(request)));
    }

    @PutMapping({"/api/{uri}/shipments/{id}", "/api/{uri}/shipments/{id}/"})
    ObjectNode update(@PathVariable String uri, @PathVariable String id, HttpServletRequest request) {
        OrderApiInstance api = guard.authorize(uri, request, OrderApiEndpoint.UPDATE_SHIPMENT);
        ShipmentRow s = service.update(api, id, Lenient.parse(guard.body(request)));
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("status", "ok");
        out.set("shipment", json(List.of(s)).get(0));
        return out;
    }

    @PutMapping({"/api/{uri}/shipment", "/api/{uri}/shipment/"})
    ObjectNode complete(@PathVariable String uri, HttpServletRequest request) {
        OrderApiInstance api = guard.authorize(uri, request, OrderApiEndpoint.UPDATE_SHIPMENT);
        return service.complete(api, Lenient.parse(guard.body(request)));
    }

    /** PUT is the documented method; POST is accepted as well, as the endpoint list calls it "POST /capture". */
    @org.springframework.web.bind.annotation.RequestMapping(path = {"/api/{uri}/capture", "/api/{uri}/capture/"},
            method = {org.springframework.web.bind.annotation.RequestMethod.PUT,
                    org.springframework.web.bind.annotation.RequestMethod.POST})
    ObjectNode capture(@PathVariable String uri, HttpServletRequest request) {
        OrderApiInstance api = guard.authorize(uri, request, OrderApiEndpoint.CAPTURE_SHIPMENT);
        return service.capture(api, Lenient.parse(guard.body(request)));
    }

    @DeleteMapping({"/api/{uri}/shipments/{id}", "/api/{uri}/shipments/{id}/"})
    ObjectNode delete(@PathVariable String uri, @PathVariable String id, HttpServletRequest request) {
        OrderApiInstance api = guard.authorize(uri, request, OrderApiEndpoint.DELETE_SHIPMENT);
        return service.delete(api, id);
    }

    @GetMapping({"/api/{uri}/shipments/{id}", "/api/{uri}/shipments/{id}/"})
    @Transactional(readOnly = true)
    ObjectNode one(@PathVariable String uri, @PathVariable String id, HttpServletRequest request) {
        OrderApiInstance api = guard.authorize(uri, request, OrderApiEndpoint.GET_SHIPMENTS);
        ShipmentRow s = shipments.find(id).orElseThrow(() ->
                OrderApiException.refused("msg", "shipment does not exist", "shipment", id));
        OrderRow o = orders.find(s.orderNumber()).orElseThrow();
        if (!api.markets().isEmpty() && !api.markets().contains(o.market())) {
            throw OrderApiException.refused("msg", "shipment does not exist", "shipment", id);
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("status", "ok");
        out.set("shipment", json(List.of(s)).get(0));
        return out;
    }

    /** Oldest first; {@code status} goodtogo (default), inprogress or completed (§7.2). */
    @GetMapping({"/api/{uri}/shipments", "/api/{uri}/shipments/"})
    @Transactional(readOnly = true)
    ObjectNode list(@PathVariable String uri, HttpServletRequest request) {
        OrderApiInstance api = guard.authorize(uri, request, OrderApiEndpoint.GET_SHIPMENTS);
        QueryParams q = QueryParams.of(request);
        String status = q.text("status").orElse("goodtogo");
        StringBuilder where = new StringBuilder(switch (status) {
            case "goodtogo" -> "s.gtg and not s.completed";
            case "inprogress" -> "not s.gtg and not s.completed";
            case "completed" -> "s.completed";
            default -> throw OrderApiException.badRequest(
                    "status must be goodtogo, inprogress or completed, got '" + status + "'");
        });
        int limit = (int) q.integer("limit", 100, 1, 100);
        int offset = (int) q.integer("offset", 0, 0, Integer.MAX_VALUE);
        Map<String, Object> params = new HashMap<>();
        if (!api.markets().isEmpty()) {
            where.append(" and exists (select 1 from centra_order o where o.order_number = s.order_number"
                    + " and o.market_id in (:markets))");
            params.put("markets", api.markets());
        }
        q.optionalInteger("order").ifPresent(n -> {
            where.append(" and s.order_number = :order");
            params.put("order", n);
        });
        q.dateTime("newer_than").ifPresent(t -> {
            where.append(" and s.created_at > :newer");
            params.put("newer", t);
        });
        q.dateTime("older_than").ifPresent(t -> {
            where.append(" and s.created_at < :older");
            params.put("older", t);
        });
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("status", "ok");
        out.set("shipments", json(shipments.page(where.toString(), params, limit, offset)));
        return out;
    }

    /** Shipments in the shape of GET shipments: the order's fields, the shipment's, and its lines. */
    private ArrayNode json(List<ShipmentRow> rows) {
        List<ShipmentLine> lines = shipments.lines(rows.stream().map(ShipmentRow::id).toList());
        Map<Long, String> warehouses = orderJson.warehouseNames();
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (ShipmentRow s : rows) {
            OrderRow o = orders.find(s.orderNumber()).orElseThrow();
            Map<Long, LineRow> orderLines = new HashMap<>();
            orders.lines(o.number()).forEach(l -> orderLines.put(l.lineId(), l));
            Map<Long, ItemInfo> info = orderJson.items(orderLines.values().stream().map(LineRow::stockItemId).toList());
            ObjectNode j = orderJson.header(o);
            j.put("shipmentId", s.id());
            j.putObject("shippingTerms").put("id", 0).put("name", "").put("description", "");
            j.putObject("paymentTerms").put("id", 0).put("name", "").put("description", "");
            j.put("proforma", "/sandbox/documents/" + s.id() + "/proforma.pdf");
            j.put("deliveryNote", "/sandbox/documents/" + s.id() + "/delivery-note.pdf");
            j.put("defaultCarrier", "");
            j.put("deliveryService", s.service());
            j.put("shipmentDate", s.shippedAt() == null ? "0000-00-00 00:00:00" : LocalDateTimes.format(s.shippedAt()));
            j.put("trackingNumber", s.tracking());
            j.put("trackingUrl", "");
            j.put("returnSlipTracking", s.returnSlipTracking());
            j.put("carrier", s.carrier());
            j.put("packages", s.packages());
            ArrayNode invoices = j.putArray("invoices");
            if (s.paid()) {
                invoices.add("/sandbox/documents/" + s.id() + "/invoice.pdf");
            }
            j.put("paid", s.paid() ? 1 : 0);
            j.put("shouldCapture", s.paid() ? 0 : 1);
            j.put("goodToGo", s.gtg() ? 1 : 0);
            j.put("shipped", s.shipped() ? 1 : 0);
            j.put("completed", s.completed() ? 1 : 0);
            List<LineRow> shipped = new ArrayList<>();
            Map<Long, List<ShipmentLine>> byLine = new HashMap<>();
            for (ShipmentLine l : lines) {
                if (l.shipmentId().equals(s.id())) {
                    if (!byLine.containsKey(l.lineId())) {
                        shipped.add(orderLines.get(l.lineId()));
                    }
                    byLine.computeIfAbsent(l.lineId(), k -> new ArrayList<>()).add(l);
                }
            }
            List<LineRow> asShipped = shipped.stream().map(l -> new LineRow(l.lineId(), l.orderNumber(), l.position(),
                    l.stockItemId(), byLine.get(l.lineId()).stream().mapToInt(ShipmentLine::qty).sum(), l.unitPrice(),
                    l.originalPrice(), l.taxPercent(), l.comment(), l.itemText())).toList();
            orderJson.totals(j, o, asShipped);
            ArrayNode products = j.putArray("products");
            for (LineRow l : asShipped) {
                ObjectNode line = orderJson.line(l, info.get(l.stockItemId()));
                ArrayNode w = line.putArray("warehouses");
                for (ShipmentLine sl : byLine.get(l.lineId())) {
                    if (sl.warehouseId() != null) {
                        w.addObject().put("name", warehouses.get(sl.warehouseId())).put("itemQty",
                                Integer.toString(sl.qty()));
                    }
                }
                String serial = byLine.get(l.lineId()).get(0).serialNumber();
                if (serial != null) {
                    line.put("serialNumber", serial);
                }
                line.put("isBundle", false);
                line.put("isPartOfBundle", false);
                products.add(line);
            }
            out.add(j);
        }
        return out;
    }
}
