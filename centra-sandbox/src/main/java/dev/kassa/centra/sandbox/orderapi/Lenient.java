package dev.kassa.centra.sandbox.orderapi;

import java.math.BigDecimal;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading Centra's loosely typed JSON (§1.3): ids and numbers may come as numbers or numeric strings,
 * booleans as {@code true/false} or {@code 1/0}. Anything else is a 400 naming the field.
 */
public final class Lenient {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Lenient() {
    }

    public static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw OrderApiException.badRequest("the request body is empty; a JSON object is expected");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw OrderApiException.badRequest("the request body is empty; a JSON object is expected");
            }
            return node;
        } catch (JacksonException e) {
            throw OrderApiException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage()
                    + locationOf(e));
        }
    }

    private static String locationOf(JacksonException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    /** A required integer; accepts {@code 5}, {@code 5.0} and {@code "5"}. */
    public static long integer(JsonNode node, String field) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw OrderApiException.badRequest(field + " is required");
        }
        BigDecimal value = decimal(node, field);
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw OrderApiException.badRequest(field + " must be a whole number, got " + node);
        }
    }

    /** A required decimal; accepts numbers and numeric strings. */
    public static BigDecimal decimal(JsonNode node, String field) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw OrderApiException.badRequest(field + " is required");
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isString()) {
            try {
                return new BigDecimal(node.asString().trim());
            } catch (NumberFormatException e) {
                throw OrderApiException.badRequest(field + " must be a number, got " + node);
            }
        }
        throw OrderApiException.badRequest(field + " must be a number, got " + node);
    }

    /** A required identifier string; numbers are taken as their text (an EAN sent as a JSON number). */
    public static String text(JsonNode node, String field) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw OrderApiException.badRequest(field + " is required");
        }
        if (node.isString()) {
            return node.asString();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        throw OrderApiException.badRequest(field + " must be a string, got " + node);
    }

    /** An optional string: absent or null gives null. */
    public static String optionalText(JsonNode node, String field) {
        return node == null || node.isNull() || node.isMissingNode() ? null : text(node, field);
    }

    /** A required boolean; accepts {@code true/false}, {@code 1/0} and their string forms. */
    public static boolean bool(JsonNode node, String field) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw OrderApiException.badRequest(field + " is required");
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String s = node.isNumber() || node.isString() ? node.asString().trim() : "";
        return switch (s) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw OrderApiException.badRequest(field + " must be true/false or 1/0, got " + node);
        };
    }
}
