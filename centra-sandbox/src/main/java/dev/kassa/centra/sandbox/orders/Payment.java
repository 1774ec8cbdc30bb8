package dev.kassa.centra.sandbox.orders;

import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The external payment an order was created with (§6.1 {@code payment}): statuses 0 pending, 1 success,
 * 2 failed. A shipment can capture when the authorisation succeeded or the money is captured already.
 */
public record Payment(Long pluginId, Integer authStatus, Integer captureStatus, BigDecimal amount, String method,
                      String transaction) {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    public static final Payment NONE = new Payment(null, null, null, null, null, null);

    static Payment of(String json) {
        if (json == null) {
            return NONE;
        }
        JsonNode p = MAPPER.readTree(json);
        JsonNode auth = p.path("auth");
        JsonNode capture = p.path("capture");
        JsonNode main = capture.isObject() ? capture : auth;
        return new Payment(p.hasNonNull("id") ? p.get("id").asLong() : null,
                auth.hasNonNull("status") ? auth.get("status").asInt() : null,
                capture.hasNonNull("status") ? capture.get("status").asInt() : null,
                main.hasNonNull("amount") ? main.get("amount").decimalValue() : null,
                main.hasNonNull("method") ? main.get("method").asString() : null,
                main.hasNonNull("transaction") ? main.get("transaction").asString() : null);
    }

    public boolean captured() {
        return captureStatus != null && captureStatus == 1;
    }

    public boolean capturable() {
        return captured() || authStatus != null && authStatus == 1;
    }

    /** Payment started but not yet authorised: the order is "waiting for payment" (§2). */
    public boolean waiting() {
        return !captured() && authStatus != null && authStatus == 0;
    }
}
