package dev.kassa.centra.sandbox.shipfromstore;

import dev.kassa.centra.sandbox.orderapi.Lenient;
import dev.kassa.centra.sandbox.orderapi.OrderApiController;
import dev.kassa.centra.sandbox.orderapi.OrderApiEndpoint;
import dev.kassa.centra.sandbox.orderapi.OrderApiException;
import dev.kassa.centra.sandbox.orderapi.OrderApiGuard;
import dev.kassa.centra.sandbox.orderapi.OrderApiInstance;
import dev.kassa.centra.sandbox.orderapi.QueryParams;
import dev.kassa.centra.sandbox.orders.OrderJson;
import dev.kassa.centra.sandbox.orders.OrderRow;
import dev.kassa.centra.sandbox.orders.Orders;
import dev.kassa.centra.sandbox.shipfromstore.AllocationRequests.Line;
import dev.kassa.centra.sandbox.shipfromstore.AllocationRequests.Request;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET <base>/allocation-requests} (+ the per-order alias) and {@code PUT <base>/allocation-request} (§9). */
@OrderApiController
class AllocationRequestsController {

    private static final int PAGE = 100;

    private final OrderApiGuard guard;
    private final AllocationRequests requests;
    private final AllocationRequestAnswers answers;
    private final Orders orders;
    private final OrderJson orderJson;
    private final ShipFromStoreEvents events;

    AllocationRequestsController(OrderApiGuard guard, AllocationRequests requests, AllocationRequestAnswers answers,
                                 Orders orders, OrderJson orderJson, ShipFromStoreEvents events) {
        this.guard = guard;
        this.requests = requests;
        this.answers = answers;
        this.orders = orders;
        this.orderJson = orderJson;
        this.events = events;
    }

    @GetMapping({"/api/{uri}/allocation-requests", "/api/{uri}/allocation-requests/"})
    @Transactional(readOnly = true)
    Object list(@PathVariable String uri, HttpServletRequest request) {
        OrderApiInstance api = guard.authorize(uri, request, OrderApiEndpoint.GET_ALLOCATION_REQUESTS);
        return search(api, request, QueryParams.of(request).text("order").orElse(null));
    }

    /** The POS guide's path for one order's requests (§9.1 DOC-CONFLICT; both served, §13.10). */
    @GetMapping({"/api/{uri}/orders/{number}/allocation-requests", "/api/{uri}/orders/{number}/allocation-requests/"})
    @Transactional(readOnly = true)
    Object ofOrder(@PathVariable String uri, @PathVariable String number, HttpServletRequest request) {
        OrderApiInstance api = guard.authorize(uri, request, OrderApiEndpoint.GET_ALLOCATION_REQUESTS);
        return search(api, request, number);
    }

    private Object search(OrderApiInstance api, HttpServletRequest request, String orderCsv) {
        QueryParams q = QueryParams.of(request);
        String statusParam = q.text("status").orElse(null);
        List<String> statuses;
        if (statusParam == null) {
            statuses = AllocationRequests.PENDING;
        } else if ("all".equals(statusParam)) {
            statuses = AllocationRequests.ALL;
        } else {
            statuses = Arrays.stream(statusParam.split(",")).map(String::trim).toList();
            if (!AllocationRequests.ALL.containsAll(statuses)) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("status", "no");
                out.put("errorMessages", Map.of("status", "Expected \"status\" to be a single or a comma-separated"
                        + " list of request statuses, or \"all\", got \"" + statusParam + "\""));
                return out;
            }
        }
        StringBuilder where = new StringBuilder("r.request_status in (:statuses)");
        Map<String, Object> params = new HashMap<>();
        params.put("statuses", statuses);
        if (orderCsv != null) {
            where.append(" and r.order_number in (:orders)");
            params.put("orders", ids(orderCsv, "order"));
        }
        q.text("warehouse").ifPresent(w -> {
            where.append(" and r.warehouse_id in (:warehouses)");
            params.put("warehouses", ids(w, "warehouse"));
        });
        if (!api.markets().isEmpty()) {
            where.append(" and exists (select 1 from centra_order o where o.order_number = r.order_number"
                    + " and o.market_id in (:markets))");
            params.put("markets", api.markets());
        }
        int page = (int) q.integer("page", 1, 1, 1_000_000);
        List<Request> found = requests.search(where.toString(), params, PAGE, (page - 1) * PAGE);
        Map<Long, List<Line>> lines = new HashMap<>();
        requests.lines(found.stream().map(Request::id).toList())
                .forEach(l -> lines.computeIfAbsent(l.requestId(), k -> new ArrayList<>()).add(l));
        Map<Long, String> names = orderJson.warehouseNames();
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (Request r : found) {
            OrderRow o = orders.find(r.order()).orElseThrow();
            ObjectNode j = list.addObject();
            j.put("id", r.id());
            j.put("status", r.status());
            j.put("warehouseId", r.warehouse());
            j.put("warehouseName", names.get(r.warehouse()));
            j.put("expirationDate", events.isoSeconds(r.expiresAtMs()));
            j.putObject("order").put("id", o.selectionId()).put("number", o.number());
            ArrayNode ls = j.putArray("lines");
            lines.getOrDefault(r.id(), List.of()).forEach(l -> ls.addObject().put("lineId", l.lineId())
                    .put("quantity", l.qty()).put("stockItemId", l.stockItemId()));
            j.put("createdAt", events.isoSeconds(r.createdAtMs()));
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("status", "ok");
        out.set("allocation_requests", list);
        return out;
    }

    @PutMapping({"/api/{uri}/allocation-request", "/api/{uri}/allocation-request/"})
    Map<String, Object> answer(@PathVariable String uri, HttpServletRequest request) {
        OrderApiInstance api = guard.authorize(uri, request, OrderApiEndpoint.UPDATE_ALLOCATION_REQUEST);
        JsonNode body = Lenient.parse(guard.body(request));
        if (!body.isObject()) {
            throw OrderApiException.badRequest("the request body must be a JSON object");
        }
        Map<String, String> invalid = new LinkedHashMap<>();
        Long id = null;
        if (!body.hasNonNull("id")) {
            invalid.put("id", "required");
        } else {
            try {
                id = Lenient.integer(body.get("id"), "id");
            } catch (OrderApiException e) {
                invalid.put("id", "invalid value, expected an integer");
            }
        }
        String status = body.path("status").isString() ? body.get("status").asString() : null;
        if (!"confirmed".equals(status) && !"rejected".equals(status)) {
            invalid.put("status", body.hasNonNull("status") ? "invalid value, expected 'confirmed' or 'rejected'"
                    : "required");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (!invalid.isEmpty()) {
            out.put("success", false);
            out.put("errorMessages", invalid);
            return out;
        }
        answers.answer(api, id, "confirmed".equals(status));
        out.put("success", true);
        out.put("errorMessages", List.of());
        return out;
    }

    private static List<Long> ids(String csv, String name) {
        try {
            return Arrays.stream(csv.split(",")).map(String::trim).map(Long::parseLong).toList();
        } catch (NumberFormatException e) {
            throw OrderApiException.badRequest(name + " must be an integer or a comma-separated list of integers, got '"
                    + csv + "'");
        }
    }
}
