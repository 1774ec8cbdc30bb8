package dev.kassa.centra.api;

import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;

/** Centra's loose types (§1.3): numbers as numbers or strings, booleans as 0/1, absent as null. */
final class Loose {

    private Loose() {
    }

    /** A whole number from a number or numeric string; 0 when absent or empty. */
    static long longValue(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return 0;
        }
        if (n.isNumber()) {
            return n.longValue();
        }
        String s = n.asString().trim();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return new BigDecimal(s).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("Centra sent '" + s + "' where a whole number was expected");
        }
    }

    /** A decimal from a number or numeric string; null when absent or empty. */
    static BigDecimal decimal(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isNumber()) {
            return n.decimalValue();
        }
        String s = n.asString().trim();
        if (s.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Centra sent '" + s + "' where a number was expected");
        }
    }

    /** A flag from true/false, 1/0 or "1"/"0". */
    static boolean flag(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return false;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        String s = n.asString().trim();
        return s.equals("1") || s.equalsIgnoreCase("true");
    }

    /** Text from a string or number; null when absent, null or empty. */
    static String text(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        String s = n.asString();
        return s.isEmpty() ? null : s;
    }
}
