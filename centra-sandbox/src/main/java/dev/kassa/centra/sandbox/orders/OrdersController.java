package dev.kassa.centra.sandbox.orders;

import dev.kassa.centra.sandbox.orderapi.Lenient;
import dev.kassa.centra.sandbox.orderapi.OrderApiController;
import dev.kassa.centra.sandbox.orderapi.OrderApiEndpoint;
import dev.kassa.centra.sandbox.orderapi.OrderApiException;
import dev.kassa.centra.sandbox.orderapi.OrderApiGuard;
import dev.kassa.centra.sandbox.orderapi.OrderApiInstance;
import dev.kassa.centra.sandbox.orderapi.QueryParams;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Create, batch-create, complete, list and update orders (§6.1–6.5). */
@OrderApiController
class OrdersController {

    private static final int MAX_LIMIT = 500;

    private final OrderApiGuard guard;
    private final CreateOrder create;
    private final OrderUpdates updates;
    private final Orders orders;
    private final OrderJson json;
    private final TransactionTemplate tx;

    OrdersController(OrderApiGuard guard, CreateOrder create, OrderUpdates updates, Orders orders, OrderJson json,
                     TransactionTemplate tx) {
        this.guard = guard;
        this.create = create;
        this.updates = updates;
        this.orders = orders;
        this.json = json;
        this.tx = tx;
    }

    @PostMapping({"/api/{uri}/order", "/api/{uri}/order/"})
    ObjectNode createOrder(@PathVariable String uri, HttpServletRequest request) {
        OrderApiInstance api = guard.authorize(uri, request, OrderApiEndpoint.CREATE_ORDER);
        return createOne(api, Lenient.parse(guard.body(request)));
    }

    private ObjectNode createOne(OrderApiInstance api, JsonNode body) {
        try {
            return create.create(api, body);
        } catch (DuplicateKeyException e) {
            // Two requests forcing the same free orderNumber at once: the loser learns it exists now.
            throw CreateOrder.code(-5, "order " + body.path("orderNumber").asString() + " already exists");
        }
    }

    /** Each key is its own transaction: one refused order does not undo the others (§6.2). */
    @PostMapping({"/api/{uri}/orders", "/api/{uri}/orders/"})
    ObjectNode createOrders(@PathVariable String uri, HttpServletRequest request) {
        OrderApiInstance api = guard.authorize(uri, request, OrderApiEndpoint.CREATE_ORDERS);
        JsonNode body = Lenient.parse(guard.body(request));
        if (!body.isObject()) {
            throw OrderApiException.badRequest("the request body must be an object of label: order");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        body.properties().forEach(e -> {
            try {
                out.set(e.getKey(), tx.execute(s -> createOne(api, e.getValue())));
            } catch (OrderApiException refused) {
                ObjectNode r = out.putObject(e.getKey());
                r.put("status", "no");
                if (refused.isBusinessRefusal()) {
                    refused.body().forEach((k, v) -> {
                        if (!"status".equals(k)) {
                            r.putPOJO(k, v);
                        }
                    });
                } else {
                    r.put("code", -7);
                    r.put("msg", String.valueOf(refused.body().get("msg")));
                }
            }
        });
        return out;
    }

    @PostMapping({"/api/{uri}/order/{number}", "/api/{uri}/order/{number}/"})
    ObjectNode complete(@PathVariable String uri, @PathVariable String number, HttpServletRequest request) {
        OrderApiInstance api = guard.authorize(uri, request, OrderApiEndpoint.COMPLETE_ORDER);
        byte[] body = guard.body(request);
        return updates.complete(api, orderNumber(number), body.length == 0 ? JsonNodeFactory.instance.objectNode()
                : Lenient.parse(body));
    }

    @PutMapping({"/api/{uri}/orders", "/api/{uri}/orders/"})
    ObjectNode update(@PathVariable String uri, HttpServletRequest request) {
        OrderApiInstance api = guard.authorize(uri, request, OrderApiEndpoint.UPDATE_ORDERS);
        return updates.update(api, Lenient.parse(guard.body(request)));
    }

    @GetMapping({"/api/{uri}/orders", "/api/{uri}/orders/"})
    @Transactional(readOnly = true)
    ObjectNode list(@PathVariable String uri, HttpServletRequest request) {
        OrderApiInstance api = guard.authorize(uri, request, OrderApiEndpoint.GET_ORDERS);
        QueryParams q = QueryParams.of(request);
        int limit = (int) q.integer("limit", 20, 1, MAX_LIMIT);
        int offset = (int) q.integer("offset", 0, 0, Integer.MAX_VALUE);
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (!api.markets().isEmpty()) {
            where.append(" and market_id in (:markets)");
            params.put("markets", api.markets());
        }
        where.append(" and order_status in (:statuses)");
        params.put("statuses", api.orderStatuses().isEmpty() ? List.of("-") : api.orderStatuses());
        q.optionalInteger("order").ifPresent(n -> {
            where.append(" and order_number = :order");
            params.put("order", n);
        });
        q.optionalInteger("customer_id").ifPresent(n -> {
            where.append(" and customer_id = :customer");
            params.put("customer", n);
        });
        q.dateTime("newer_than").ifPresent(t -> {
            where.append(" and created_at > :newer");
            params.put("newer", t);
        });
        q.dateTime("older_than").ifPresent(t -> {
            where.append(" and created_at < :older");
            params.put("older", t);
        });
        List<OrderRow> page;
        if (api.returnWaitingForPayment()) {
            page = orders.page(where.toString(), params, limit, offset);
        } else {
            List<OrderRow> all = orders.page(where.toString(), params, Integer.MAX_VALUE, 0).stream()
                    .filter(o -> !o.paymentInfo().waiting()).toList();
            page = all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("status", "ok");
        out.set("orders", json.orders(page));
        return out;
    }

    static long orderNumber(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw OrderApiException.badRequest("the order number in the path must be a whole number, got \"" + text + "\"");
        }
    }
}
