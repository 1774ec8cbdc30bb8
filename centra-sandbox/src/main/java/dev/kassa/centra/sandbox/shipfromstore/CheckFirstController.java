package dev.kassa.centra.sandbox.shipfromstore;

import dev.kassa.centra.sandbox.orderapi.Lenient;
import dev.kassa.centra.sandbox.orderapi.OrderApiController;
import dev.kassa.centra.sandbox.orderapi.OrderApiEndpoint;
import dev.kassa.centra.sandbox.orderapi.OrderApiException;
import dev.kassa.centra.sandbox.orderapi.OrderApiGuard;
import dev.kassa.centra.sandbox.orderapi.OrderApiInstance;
import java.util.LinkedHashMap;
import java.util.Map;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import tools.jackson.databind.JsonNode;

/** {@code POST <base>/check-first} (§8): validation answers name each bad field with "required" or "invalid value". */
@OrderApiController
class CheckFirstController {

    private final OrderApiGuard guard;
    private final CheckFirst checkFirst;

    CheckFirstController(OrderApiGuard guard, CheckFirst checkFirst) {
        this.guard = guard;
        this.checkFirst = checkFirst;
    }

    @PostMapping({"/api/{uri}/check-first", "/api/{uri}/check-first/"})
    Map<String, Object> answer(@PathVariable String uri, HttpServletRequest request) {
        OrderApiInstance api = guard.authorize(uri, request, OrderApiEndpoint.CHECK_FIRST);
        JsonNode body = Lenient.parse(guard.body(request));
        if (!body.isObject()) {
            throw OrderApiException.badRequest("the request body must be a JSON object");
        }
        Map<String, String> invalid = new LinkedHashMap<>();
        Long order = positive(body, "orderNumber", invalid);
        Long warehouse = positive(body, "warehouseId", invalid);
        Boolean accepted = null;
        if (!body.hasNonNull("accepted")) {
            invalid.put("accepted", "required");
        } else {
            try {
                accepted = Lenient.bool(body.get("accepted"), "accepted");
            } catch (OrderApiException e) {
                invalid.put("accepted", "invalid value");
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (!invalid.isEmpty()) {
            out.put("status", "no");
            out.put("msg", invalid);
            return out;
        }
        CheckFirst.Answer a = checkFirst.answer(api, order, warehouse, accepted);
        out.put("status", a.refusal() == null ? "ok" : "no");
        if (a.refusal() != null) {
            out.put("msg", a.refusal());
        }
        return out;
    }

    private static Long positive(JsonNode body, String field, Map<String, String> invalid) {
        if (!body.hasNonNull(field)) {
            invalid.put(field, "required");
            return null;
        }
        try {
            long v = Lenient.integer(body.get(field), field);
            if (v > 0) {
                return v;
            }
        } catch (OrderApiException e) {
            // reported below as Centra does
        }
        invalid.put(field, "invalid value");
        return null;
    }
}
