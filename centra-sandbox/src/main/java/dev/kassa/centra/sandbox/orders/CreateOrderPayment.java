package dev.kassa.centra.sandbox.orders;

import dev.kassa.centra.sandbox.orderapi.Lenient;
import dev.kassa.centra.sandbox.orderapi.OrderApiException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Checks the {@code payment} object of create and complete order (§6.1): auth and capture need status and amount. */
final class CreateOrderPayment {

    private CreateOrderPayment() {
    }

    static void check(JsonNode payment) {
        if (!payment.isObject()) {
            throw OrderApiException.badRequest("payment must be an object");
        }
        if (payment.hasNonNull("id")) {
            Lenient.integer(payment.get("id"), "payment.id");
        }
        List<String> missing = new ArrayList<>();
        for (String part : List.of("auth", "capture")) {
            JsonNode p = payment.get(part);
            if (p == null || p.isNull()) {
                continue;
            }
            if (!p.isObject()) {
                throw OrderApiException.badRequest("payment." + part + " must be an object");
            }
            if (p.hasNonNull("status")) {
                long s = Lenient.integer(p.get("status"), "payment." + part + ".status");
                if (s < 0 || s > 2) {
                    throw OrderApiException.badRequest("payment." + part + ".status must be 0, 1 or 2, got " + s);
                }
            } else {
                missing.add("payment." + part + ".status");
            }
            if (p.hasNonNull("amount")) {
                Lenient.decimal(p.get("amount"), "payment." + part + ".amount");
            } else {
                missing.add("payment." + part + ".amount");
            }
        }
        if (!missing.isEmpty()) {
            throw CreateOrder.code(-4, "required field(s) missing: " + String.join(", ", missing));
        }
    }

}
