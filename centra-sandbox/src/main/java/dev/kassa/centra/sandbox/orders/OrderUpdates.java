package dev.kassa.centra.sandbox.orders;

import dev.kassa.centra.sandbox.orderapi.Lenient;
import dev.kassa.centra.sandbox.orderapi.OrderApiException;
import dev.kassa.centra.sandbox.orderapi.OrderApiInstance;
import dev.kassa.centra.sandbox.webhooks.WebhookEvents;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@code POST <base>/order/{id}} (complete a prepared order, §6.3) and {@code PUT <base>/orders} (§6.5). */
@Service
class OrderUpdates {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final Orders orders;
    private final WebhookEvents events;

    OrderUpdates(Orders orders, WebhookEvents events) {
        this.orders = orders;
        this.events = events;
    }

    /** May be called again and again (auth now, capture later); the first call confirms a prepared order. */
    @Transactional
    public ObjectNode complete(OrderApiInstance api, long number, JsonNode body) {
        if (!body.isObject()) {
            throw OrderApiException.badRequest("the request body must be a JSON object");
        }
        OrderRow o = orders.lockVisible(api, number);
        JsonNode payment = body.get("payment");
        if (payment != null && !payment.isNull()) {
            CreateOrderPayment.check(payment);
            orders.set(number, "payment", payment.toString());
        }
        for (String[] f : new String[][]{{"buyerName", "buyer_name"}, {"internalComment", "internal_comment"},
                {"poNumber", "po_number"}, {"comment", "other_comment"}}) {
            String v = CreateOrder.text(body, f[0], "");
            if (v != null) {
                orders.set(number, f[1], v);
            }
        }
        for (String[] f : new String[][]{{"orderDate", "order_date"}, {"deliveryDate", "delivery_date"},
                {"cancelDate", "cancel_date"}}) {
            if (body.hasNonNull(f[0])) {
                orders.set(number, f[1], CreateOrder.date(body, f[0]));
            }
        }
        if (o.prepared()) {
            orders.set(number, "prepared", false);
            orders.setStatus(number, OrderRow.CONFIRMED);
        }
        events.publish("order", "update", number, null);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.putArray("orders").add(Long.toString(number));
        out.put("status", "ok");
        return out;
    }

    /** Comments are appended unless {@code replace…} is set; extra attributes are merged, {@code ""} clears one. */
    @Transactional
    public ObjectNode update(OrderApiInstance api, JsonNode body) {
        if (!body.isObject()) {
            throw OrderApiException.badRequest("the request body must be a JSON object");
        }
        if (!body.hasNonNull("order")) {
            throw OrderApiException.refused("msg", "order is required");
        }
        long number = Lenient.integer(body.get("order"), "order");
        OrderRow o = orders.lockVisible(api, number);
        comment(body, number, "internalComment", "replaceInternalComment", "internal_comment", o.internalComment());
        comment(body, number, "comment", "replaceComment", "other_comment", o.otherComment());
        if (body.hasNonNull("extraAttributes")) {
            JsonNode extra = body.get("extraAttributes");
            if (!extra.isObject()) {
                throw OrderApiException.badRequest("extraAttributes must be an object");
            }
            Map<String, Object> merged = new LinkedHashMap<>();
            MAPPER.readTree(o.extraAttributes()).properties().forEach(e -> merged.put(e.getKey(), e.getValue()));
            extra.properties().forEach(e -> {
                if (e.getValue().isString() && e.getValue().asString().isEmpty()) {
                    merged.remove(e.getKey());
                } else {
                    merged.put(e.getKey(), e.getValue());
                }
            });
            orders.set(number, "extra_attributes", MAPPER.writeValueAsString(merged));
        }
        events.publish("order", "update", number, null);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("status", "ok");
        out.put("order", number);
        return out;
    }

    private void comment(JsonNode body, long number, String field, String replaceField, String column, String old) {
        String text = CreateOrder.text(body, field, "");
        if (text == null) {
            return;
        }
        boolean replace = CreateOrder.optionalBool(body, replaceField, false);
        orders.set(number, column, replace || old.isEmpty() ? text : old + "\n" + text);
    }
}
