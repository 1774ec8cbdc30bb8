package dev.kassa.connector.intake;

import dev.kassa.common.sandbox.AdminInputException;
import dev.kassa.connector.web.ApiProblem;
import org.springframework.http.HttpStatus;
import dev.kassa.common.sandbox.FieldError;
import dev.kassa.connector.config.ConnectorConfig;
import dev.kassa.connector.db.Columns;
import dev.kassa.connector.stock.PosLines;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

    /**
     * What became of a transaction: stored (or a duplicate), and the fields whose values were stored but will
     * not be applied (their lines are dead letters at once, saying why).
     */
    public record Result(Outcome outcome, List<FieldError> held) {
    }

    /** The largest quantity a line may carry, either sign (docs/pos-transactions.md, "Bounds"). */
    public static final BigDecimal MAX_QUANTITY = dev.kassa.connector.stock.StockWriter.MAX_QUANTITY;
    /** The largest amount (UnitPrice, Amount, Total, a payment), either sign. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");
    /** Decimals a quantity or an amount may have (the column is NUMERIC(18, 4)). */
    static final int MAX_SCALE = 4;
    static final int MAX_LINES = 1000;
    static final long MAX_RECEIPT = 9_999_999;
    /** What a refused transaction's problem says: nothing of it was stored. */
    static final String NOT_STORED = "The transaction was not stored; every problem is listed.";

    record Line(int number, String itemId, String barcode, BigDecimal quantity, String held) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ConnectorConfig config;

    private final PosLines posLines;

    PosIntake(JdbcClient jdbc, Clock clock, ConnectorConfig config, PosLines posLines) {
        this.posLines = posLines;
        this.jdbc = jdbc;
        this.clock = clock;
        this.config = config;
    }

    /**
     * Records a stock count of 0 at the store for each item ({@code items}: ItemId → EAN), as the
     * transaction {@code transactionId} of kind Count, unless it was recorded before; {@code source} says
     * where it came from (the connector's own counts, such as an order rejected as not in stock). The number
     * of items counted now.
     */
    @Transactional
    public int recordZeroCount(ConnectorConfig.Store store, String transactionId, String source, Map<String, String> items) {
        if (jdbc.sql("select count(*) from connector_pos_transaction where transaction_id = ?").param(transactionId)
                .query(Integer.class).single() > 0) {
            return 0;
        }
        long now = clock.millis();
        String doc = JSON.writeValueAsString(JSON.createObjectNode().put("TransactionId", transactionId).put("Type", "Count")
                .put("StoreId", store.centaraStore()).put("Source", source));
        storeTransaction(transactionId, store, "Count", doc, now, now);
        int n = 0;
        for (Map.Entry<String, String> item : items.entrySet()) {
            posLines.add(new PosLines.NewLine(transactionId, ++n, Columns.fit(item.getKey(), 24), item.getValue().isBlank() ? null
                    : item.getValue(), BigDecimal.ZERO, store.id(), "Count", now, now, null, null, null));
        }
        return n;
    }

    private void storeTransaction(String id, ConnectorConfig.Store store, String kind, String document, long occurredMs,
                                  long receivedMs) {
        jdbc.sql("""
                insert into connector_pos_transaction (transaction_id, store_id, kind, document, occurred_at_ms, received_at_ms)
                values (?, ?, ?, ?, ?, ?)""")
                .params(id, store.id(), kind, document, occurredMs, receivedMs).update();
    }

    @Transactional
    public Result take(ConnectorConfig.Store store, JsonNode t) {
        List<FieldError> errors = new ArrayList<>();
        if (t == null || !t.isObject()) {
            throw new AdminInputException(NOT_STORED, List.of(new FieldError("$", "must be a JSON object (a POS transaction)")));
        }
        String id = text(t, "TransactionId", 60, true, errors);
        String type = text(t, "Type", 8, true, errors);
        if (type != null && !type.equals("Sale") && !type.equals("Count")) {
            errors.add(new FieldError("Type", "must be Sale or Count, got '" + type + "'"));
            type = null;
        }
        Long storeId = whole(t, "StoreId", 1, Integer.MAX_VALUE, true, "the Centara StoreId", errors);
        Long till = whole(t, "Pos", 1, 999, false, "the till", errors);
        Long z = whole(t, "ZNumber", 1, MAX_RECEIPT, false, "the till's business day", errors);
        Long receipt = whole(t, "ReceiptNumber", 1, MAX_RECEIPT, false, "the receipt within the Z", errors);
        OffsetDateTime at = null;
        String ts = text(t, "Timestamp", 40, true, errors);
        if (ts != null) {
            try {
                at = OffsetDateTime.parse(ts);
                if (at.getYear() < 2000 || at.getYear() > 9999) {
                    errors.add(new FieldError("Timestamp", "must be a date between the years 2000 and 9999, got '" + ts + "'"));
                    at = null;
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("Timestamp", "must be an ISO-8601 date-time with offset, got '" + ts + "'"));
            }
        }
        List<Line> lines = lines(t.get("Lines"), type, errors);
        amount(t, "Total", "", errors);
        JsonNode payments = t.get("Payments");
        if (payments != null && !payments.isNull()) {
            if (!payments.isArray()) {
                errors.add(new FieldError("Payments", "must be an array of payments"));
            } else {
                for (int i = 0; i < payments.size(); i++) {
                    JsonNode p = payments.get(i);
                    if (!p.isObject()) {
                        errors.add(new FieldError("Payments[" + i + "]", "must be an object"));
                        continue;
                    }
                    amount(p, "Amount", "Payments[" + i + "].", errors);
                    whole(p, "TenderCode", 0, 999_999, false, "Payments[" + i + "].TenderCode", "the tender", errors);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new AdminInputException(NOT_STORED, errors);
        }
        if (storeId != store.centaraStore()) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "transaction " + id + " is of Centara store " + storeId + " but came with the key of store "
                    + store.id() + " (Centara store " + store.centaraStore() + ")");
        }
        jdbc.sql("select slot from connector_intake_lock where slot = ? for update")
                .param(Math.floorMod(id.hashCode(), LOCK_SLOTS)).query(Integer.class).single();
        Optional<String> existing = jdbc.sql("select document from connector_pos_transaction where transaction_id = ?")
                .param(id).query(String.class).optional();
        String document = JSON.writeValueAsString(t);
        if (existing.isPresent()) {
            if (JSON.readTree(existing.get()).equals(t)) {
                return new Result(Outcome.DUPLICATE, List.of());
            }
            throw new ApiProblem(HttpStatus.CONFLICT, "transaction " + id + " was already received with different content; a POS transaction never changes");
        }
        long received = clock.millis();
        long occurred = at.toInstant().toEpochMilli();
        List<FieldError> held = new ArrayList<>();
        String heldAll = outOfWindow(occurred, received);
        if (heldAll != null) {
            held.add(new FieldError("Timestamp", heldAll));
        }
        Long receiptSeq = z == null || receipt == null ? null : z * (MAX_RECEIPT + 1) + receipt;
        storeTransaction(id, store, type, document, occurred, received);
        for (Line l : lines) {
            String why = heldAll != null ? heldAll : l.held();
            if (heldAll == null && l.held() != null) {
                held.add(new FieldError("Lines[" + lines.indexOf(l) + "].Quantity", l.held()));
            }
            posLines.add(new PosLines.NewLine(id, l.number(), l.itemId(), l.barcode(), l.quantity(), store.id(), type, occurred,
                    received, why, till == null ? null : till.intValue(), receiptSeq));
        }
        return new Result(Outcome.ACCEPTED, held);
    }

    /**
     * Why a transaction rung up at {@code occurredMs} is held rather than applied at {@code nowMs}: further
     * ahead of the connector's clock than the tolerance (a count dated in the future would supersede every
     * real sale until then), or older than the maximum age. Null: inside the window.
     */
    public String outOfWindow(long occurredMs, long nowMs) {
        var settings = config.stock();
        if (occurredMs > nowMs + settings.futureTolerance().toMillis()) {
            return "rung up at " + config.written(occurredMs) + ", more than "
                    + settings.futureTolerance().toSeconds() + " s ahead of the connector's clock ("
                    + config.written(nowMs) + "); held, not applied: check the till's clock, then replay or discard";
        }
        if (occurredMs < nowMs - settings.maxAge().toMillis()) {
            return "rung up at " + config.written(occurredMs) + ", more than " + settings.maxAge().toDays()
                    + " days ago; held, not applied: replay applies it, discard drops it";
        }
        return null;
    }

    private static List<Line> lines(JsonNode node, String type, List<FieldError> errors) {
        List<Line> out = new ArrayList<>();
        if (node == null || !node.isArray() || node.isEmpty()) {
            errors.add(new FieldError("Lines", "must be an array of at least one line"));
            return out;
        }
        if (node.size() > MAX_LINES) {
            errors.add(new FieldError("Lines", "at most " + MAX_LINES + " lines, got " + node.size()));
            return out;
        }
        Set<Long> numbers = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode l = node.get(i);
            String p = "Lines[" + i + "]";
            if (!l.isObject()) {
                errors.add(new FieldError(p, "must be an object"));
                continue;
            }
            Long number = whole(l, "LineNumber", 1, 100_000, true, p + ".LineNumber", "a line number", errors);
            if (number != null && !numbers.add(number)) {
                errors.add(new FieldError(p + ".LineNumber", "line " + number + " appears twice"));
                number = null;
            }
            String item = text(l, "ItemId", 24, true, errors, p + ".");
            String barcode = text(l, "Barcode", 64, false, errors, p + ".");
            JsonNode q = l.get("Quantity");
            BigDecimal quantity = null;
            String held = null;
            if (q == null || !q.isNumber()) {
                errors.add(new FieldError(p + ".Quantity", "is required: a number"));
            } else {
                quantity = q.decimalValue().stripTrailingZeros();
                if (quantity.abs().compareTo(MAX_QUANTITY) > 0) {
                    errors.add(new FieldError(p + ".Quantity", "must be between -" + MAX_QUANTITY + " and " + MAX_QUANTITY
                            + ", got " + abbreviate(quantity.toString()) + " (a barcode typed as a quantity?)"));
                    quantity = null;
                } else if (quantity.scale() > MAX_SCALE) {
                    errors.add(new FieldError(p + ".Quantity", "at most " + MAX_SCALE + " decimals, got " + abbreviate(quantity.toString())));
                    quantity = null;
                } else if ("Sale".equals(type) && quantity.signum() == 0) {
                    errors.add(new FieldError(p + ".Quantity", "a sale line cannot be 0 (negative is a return)"));
                } else if ("Count".equals(type) && quantity.signum() < 0) {
                    errors.add(new FieldError(p + ".Quantity", "a counted quantity cannot be negative"));
                } else if (quantity.scale() > 0) {
                    held = "Centra keeps stock in whole units: " + quantity.toPlainString()
                            + " is held as a dead letter, not applied";
                }
                if (quantity != null && quantity.scale() < 0) {
                    quantity = quantity.setScale(0);
                }
            }
            amount(l, "UnitPrice", p + ".", errors);
            amount(l, "Amount", p + ".", errors);
            if (number != null && item != null && quantity != null) {
                out.add(new Line(number.intValue(), item, barcode, quantity, held));
            }
        }
        return out;
    }

    /** An optional amount: a number of at most 10^12 either sign and {@link #MAX_SCALE} decimals. */
    private static void amount(JsonNode o, String field, String prefix, List<FieldError> errors) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return;
        }
        if (!n.isNumber()) {
            errors.add(new FieldError(prefix + field, "must be a number"));
            return;
        }
        BigDecimal v = n.decimalValue().stripTrailingZeros();
        if (v.abs().compareTo(MAX_AMOUNT) > 0) {
            errors.add(new FieldError(prefix + field, "must be between -" + MAX_AMOUNT.toPlainString() + " and "
                    + MAX_AMOUNT.toPlainString() + ", got " + abbreviate(v.toString())));
        } else if (v.scale() > MAX_SCALE) {
            errors.add(new FieldError(prefix + field, "at most " + MAX_SCALE + " decimals, got " + abbreviate(v.toString())));
        }
    }

    private static Long whole(JsonNode o, String field, long min, long max, boolean required, String what, List<FieldError> errors) {
        return whole(o, field, min, max, required, field, what, errors);
    }

    /** A whole number from {@code min} to {@code max}; null (with an error when required or of the wrong kind) otherwise. */
    private static Long whole(JsonNode o, String field, long min, long max, boolean required, String path, String what,
                              List<FieldError> errors) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                errors.add(new FieldError(path, "is required: " + what + ", a whole number from " + min + " to " + max));
            }
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < min || n.longValue() > max) {
            errors.add(new FieldError(path, "must be " + what + ", a whole number from " + min + " to " + max + ", got "
                    + abbreviate(n.toString())));
            return null;
        }
        return n.longValue();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
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
        if (n.asString().codePoints().anyMatch(c -> Character.isISOControl(c) || c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
            // PostgreSQL stores no NUL, and no till prints a control character in an id
            errors.add(new FieldError(prefix + field, "must not contain control characters"));
            return null;
        }
        return n.asString();
    }
}
