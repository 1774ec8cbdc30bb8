package dev.kassa.connector.intake;

import dev.kassa.common.sandbox.FieldError;
import dev.kassa.connector.config.ConnectorConfig;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes in one POS transaction (docs/pos-transactions.md): checks it, then stores it with its lines in one
 * transaction before the caller is answered. A TransactionId is stored once: the same transaction again is
 * a duplicate (answered like the first time), a different one under a known id is a conflict.
 */
@Service
public class PosIntake {

    private static final int LOCK_SLOTS = 64;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public enum Outcome { ACCEPTED, DUPLICATE }

    /** The transaction does not pass the checks; nothing was stored. */
    public static final class Invalid extends RuntimeException {
        private final List<FieldError> errors;

        Invalid(List<FieldError> errors) {
            super("invalid POS transaction", null, false, false);
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /** The transaction names another store than the key it came with. */
    public static final class WrongStore extends RuntimeException {
        WrongStore(String message) {
            super(message, null, false, false);
        }
    }

    /** A different transaction was already stored under this TransactionId. */
    public static final class Conflict extends RuntimeException {
        Conflict(String message) {
            super(message, null, false, false);
        }
    }

    record Line(int number, String itemId, String barcode, BigDecimal quantity) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    PosIntake(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public Outcome take(ConnectorConfig.Store store, JsonNode t) {
        List<FieldError> errors = new ArrayList<>();
        if (t == null || !t.isObject()) {
            throw new Invalid(List.of(new FieldError("$", "must be a JSON object (a POS transaction)")));
        }
        String id = text(t, "TransactionId", 60, true, errors);
        String type = text(t, "Type", 8, true, errors);
        if (type != null && !type.equals("Sale") && !type.equals("Count")) {
            errors.add(new FieldError("Type", "must be Sale or Count, got '" + type + "'"));
            type = null;
        }
        Integer storeId = null;
        JsonNode s = t.get("StoreId");
        if (s == null || !s.isIntegralNumber()) {
            errors.add(new FieldError("StoreId", "is required: the Centara StoreId, a whole number"));
        } else {
            storeId = s.intValue();
        }
        OffsetDateTime at = null;
        String ts = text(t, "Timestamp", 40, true, errors);
        if (ts != null) {
            try {
                at = OffsetDateTime.parse(ts);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("Timestamp", "must be an ISO-8601 date-time with offset, got '" + ts + "'"));
            }
        }
        List<Line> lines = lines(t.get("Lines"), type, errors);
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        if (storeId != store.centaraStore()) {
            throw new WrongStore("transaction " + id + " is of Centara store " + storeId + " but came with the key of store "
                    + store.id() + " (Centara store " + store.centaraStore() + ")");
        }
        jdbc.sql("select slot from connector_intake_lock where slot = ? for update")
                .param(Math.floorMod(id.hashCode(), LOCK_SLOTS)).query(Integer.class).single();
        Optional<String> existing = jdbc.sql("select document from connector_pos_transaction where transaction_id = ?")
                .param(id).query(String.class).optional();
        String document = JSON.writeValueAsString(t);
        if (existing.isPresent()) {
            if (JSON.readTree(existing.get()).equals(t)) {
                return Outcome.DUPLICATE;
            }
            throw new Conflict("transaction " + id + " was already received with different content; a POS transaction never changes");
        }
        long received = clock.millis();
        jdbc.sql("""
                insert into connector_pos_transaction (transaction_id, store_id, kind, document, occurred_at_ms, received_at_ms)
                values (?, ?, ?, ?, ?, ?)""")
                .params(id, store.id(), type, document, at.toInstant().toEpochMilli(), received).update();
        for (Line l : lines) {
            jdbc.sql("""
                    insert into connector_pos_line (transaction_id, line_number, item_id, barcode, quantity, store_id, kind,
                        occurred_at_ms, received_at_ms, state)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')""")
                    .params(id, l.number(), l.itemId(), l.barcode(), l.quantity(), store.id(), type,
                            at.toInstant().toEpochMilli(), received).update();
        }
        return Outcome.ACCEPTED;
    }

    private static List<Line> lines(JsonNode node, String type, List<FieldError> errors) {
        List<Line> out = new ArrayList<>();
        if (node == null || !node.isArray() || node.isEmpty()) {
            errors.add(new FieldError("Lines", "must be an array of at least one line"));
            return out;
        }
        Set<Integer> numbers = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode l = node.get(i);
            String p = "Lines[" + i + "]";
            if (!l.isObject()) {
                errors.add(new FieldError(p, "must be an object"));
                continue;
            }
            JsonNode n = l.get("LineNumber");
            Integer number = null;
            if (n == null || !n.isIntegralNumber() || n.intValue() < 1) {
                errors.add(new FieldError(p + ".LineNumber", "is required: a whole number from 1"));
            } else if (!numbers.add(n.intValue())) {
                errors.add(new FieldError(p + ".LineNumber", "line " + n.intValue() + " appears twice"));
            } else {
                number = n.intValue();
            }
            String item = text(l, "ItemId", 24, true, errors, p + ".");
            String barcode = text(l, "Barcode", 64, false, errors, p + ".");
            JsonNode q = l.get("Quantity");
            BigDecimal quantity = null;
            if (q == null || !q.isNumber()) {
                errors.add(new FieldError(p + ".Quantity", "is required: a number"));
            } else {
                quantity = q.decimalValue();
                if ("Sale".equals(type) && quantity.signum() == 0) {
                    errors.add(new FieldError(p + ".Quantity", "a sale line cannot be 0 (negative is a return)"));
                } else if ("Count".equals(type) && quantity.signum() < 0) {
                    errors.add(new FieldError(p + ".Quantity", "a counted quantity cannot be negative"));
                }
            }
            if (number != null && item != null && quantity != null) {
                out.add(new Line(number, item, barcode, quantity));
            }
        }
        return out;
    }

    private static String text(JsonNode o, String field, int max, boolean required, List<FieldError> errors) {
        return text(o, field, max, required, errors, "");
    }

    private static String text(JsonNode o, String field, int max, boolean required, List<FieldError> errors, String prefix) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                errors.add(new FieldError(prefix + field, "is required"));
            }
            return null;
        }
        if (!n.isString() || n.asString().isBlank()) {
            errors.add(new FieldError(prefix + field, "must be a non-empty string"));
            return null;
        }
        if (n.asString().length() > max) {
            errors.add(new FieldError(prefix + field, "must be at most " + max + " characters"));
            return null;
        }
        return n.asString();
    }
}
