package dev.kassa.centara.sandbox.till;

import dev.kassa.centara.sandbox.state.SandboxTime;
import dev.kassa.common.sandbox.AdminInputException;
import dev.kassa.common.sandbox.FieldError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The till simulator: a sale (or return: negative quantity) or a stock count becomes a POS transaction
 * with a Centara-style id {@code store.pos.z.number}, written with its push row in one transaction
 * (docs/pos-transactions.md). Z is the business day: the first transaction on a new local date of the
 * store opens the next Z and restarts the receipt numbers at 1.
 */
@Service
public class Till {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A line as the admin API takes it: an item by ItemId or barcode, a quantity, and for a sale a price. */
    public record Line(String itemId, String barcode, BigDecimal quantity, BigDecimal price) {
    }

    public record Sale(Integer pos, List<Line> lines, Integer tender) {
    }

    public record Count(Integer pos, List<Line> lines) {
    }

    private final JdbcClient jdbc;
    private final SandboxTime time;

    Till(JdbcClient jdbc, SandboxTime time) {
        this.jdbc = jdbc;
        this.time = time;
    }

    @Transactional
    public ObjectNode sell(int storeId, Sale sale) {
        List<FieldError> errors = new ArrayList<>();
        ZoneId zone = lockStore(storeId);
        int pos = pos(sale.pos(), errors);
        List<ObjectNode> lines = lines(sale.lines(), true, errors);
        if (sale.tender() == null) {
            errors.add(new FieldError("tender", "is required: the TenderCode paid with"));
        } else if (jdbc.sql("select count(*) from centara_tender where tender_code = ?").param(sale.tender())
                .query(Integer.class).single() == 0) {
            errors.add(new FieldError("tender", "tender " + sale.tender() + " does not exist"));
        }
        if (!errors.isEmpty()) {
            throw new AdminInputException("The sale was not recorded; nothing changed.", errors);
        }
        BigDecimal total = lines.stream().map(l -> l.get("Amount").decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add);
        ObjectNode t = header("Sale", storeId, pos, zone);
        t.putArray("Lines").addAll(lines);
        t.putArray("Payments").addObject().put("TenderCode", sale.tender()).put("Amount", total);
        t.put("Total", total);
        return record(t, "sale");
    }

    @Transactional
    public ObjectNode count(int storeId, Count count) {
        List<FieldError> errors = new ArrayList<>();
        ZoneId zone = lockStore(storeId);
        int pos = pos(count.pos(), errors);
        List<ObjectNode> lines = lines(count.lines(), false, errors);
        if (!errors.isEmpty()) {
            throw new AdminInputException("The count was not recorded; nothing changed.", errors);
        }
        ObjectNode t = header("Count", storeId, pos, zone);
        t.putArray("Lines").addAll(lines);
        return record(t, "count");
    }

    private ZoneId lockStore(int storeId) {
        Optional<String> zone = jdbc.sql("select time_zone from centara_store where store_id = ? for update")
                .param(storeId).query(String.class).optional();
        return SandboxTime.zone(zone.orElseThrow(() -> AdminInputException.of("storeId", "store " + storeId + " does not exist")));
    }

    private static int pos(Integer pos, List<FieldError> errors) {
        if (pos == null) {
            return 1;
        }
        if (pos < 1 || pos > 999) {
            errors.add(new FieldError("pos", "must be a till number from 1 to 999, got " + pos));
        }
        return pos;
    }

    private List<ObjectNode> lines(List<Line> lines, boolean sale, List<FieldError> errors) {
        List<ObjectNode> out = new ArrayList<>();
        if (lines == null || lines.isEmpty()) {
            errors.add(new FieldError("lines", "must list at least one item"));
            return out;
        }
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            String p = "lines[" + i + "]";
            if (l == null) {
                errors.add(new FieldError(p, "must be an object"));
                continue;
            }
            String itemId = item(l, p, errors);
            if (l.quantity() == null) {
                errors.add(new FieldError(p + ".quantity", "is required"));
            } else if (sale && l.quantity().signum() == 0) {
                errors.add(new FieldError(p + ".quantity", "must not be 0 (negative is a return)"));
            } else if (!sale && l.quantity().signum() < 0) {
                errors.add(new FieldError(p + ".quantity", "a counted quantity cannot be negative"));
            }
            if (sale && l.price() == null) {
                errors.add(new FieldError(p + ".price", "is required: the unit price charged"));
            } else if (sale && l.price().signum() < 0) {
                errors.add(new FieldError(p + ".price", "must not be negative"));
            }
            if (itemId == null || l.quantity() == null || sale && l.price() == null) {
                continue;
            }
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("LineNumber", i + 1);
            o.put("ItemId", itemId);
            o.put("Barcode", l.barcode());
            o.put("Quantity", l.quantity().stripTrailingZeros());
            if (sale) {
                o.put("UnitPrice", l.price().stripTrailingZeros());
                o.put("Amount", l.quantity().multiply(l.price()).stripTrailingZeros());
            }
            out.add(o);
        }
        return out;
    }

    private String item(Line l, String p, List<FieldError> errors) {
        if (l.itemId() == null && l.barcode() == null) {
            errors.add(new FieldError(p, "needs itemId or barcode"));
            return null;
        }
        if (l.itemId() != null) {
            Optional<String> found = jdbc.sql("select item_id from centara_item where item_id = ?").param(l.itemId())
                    .query(String.class).optional();
            if (found.isEmpty()) {
                errors.add(new FieldError(p + ".itemId", "item '" + l.itemId() + "' does not exist"));
                return null;
            }
            if (l.barcode() != null && !jdbc.sql("select item_id from centara_barcode where barcode = ?").param(l.barcode())
                    .query(String.class).optional().equals(found)) {
                errors.add(new FieldError(p + ".barcode", "barcode " + l.barcode() + " is not a barcode of item " + l.itemId()));
                return null;
            }
            return found.get();
        }
        Optional<String> byBarcode = jdbc.sql("select item_id from centara_barcode where barcode = ?").param(l.barcode())
                .query(String.class).optional();
        if (byBarcode.isEmpty()) {
            errors.add(new FieldError(p + ".barcode", "no item has barcode " + l.barcode()));
            return null;
        }
        return byBarcode.get();
    }

    /** Takes the next receipt number of the till, opening a new Z on a new local date. */
    private ObjectNode header(String type, int storeId, int pos, ZoneId zone) {
        ZonedDateTime now = time.now().truncatedTo(ChronoUnit.SECONDS).atZone(zone);
        String today = LocalDate.from(now).toString();
        var counter = jdbc.sql("select z_number, z_date, next_number from centara_pos_counter where store_id = ? and pos = ?")
                .params(storeId, pos).query((rs, n) -> new int[]{rs.getInt(1), rs.getString(2).equals(today) ? 1 : 0,
                        rs.getInt(3)}).optional();
        int z;
        int number;
        if (counter.isEmpty()) {
            z = 1;
            number = 1;
            jdbc.sql("insert into centara_pos_counter (store_id, pos, z_number, z_date, next_number) values (?, ?, ?, ?, ?)")
                    .params(storeId, pos, z, today, 2).update();
        } else {
            boolean sameDay = counter.get()[1] == 1;
            z = sameDay ? counter.get()[0] : counter.get()[0] + 1;
            number = sameDay ? counter.get()[2] : 1;
            jdbc.sql("update centara_pos_counter set z_number = ?, z_date = ?, next_number = ? where store_id = ? and pos = ?")
                    .params(z, today, number + 1, storeId, pos).update();
        }
        ObjectNode t = JsonNodeFactory.instance.objectNode();
        t.put("TransactionId", storeId + "." + pos + "." + z + "." + number);
        t.put("Type", type);
        t.put("StoreId", storeId);
        t.put("Pos", pos);
        t.put("ZNumber", z);
        t.put("ReceiptNumber", number);
        t.put("Timestamp", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now.toOffsetDateTime()));
        return t;
    }

    private ObjectNode record(ObjectNode t, String kind) {
        long now = time.nowMillis();
        jdbc.sql("""
                insert into centara_pos_transaction (transaction_id, store_id, kind, document, created_at_ms, push_state,
                                                     push_attempts, next_push_at_ms)
                values (?, ?, ?, ?, ?, 'pending', 0, ?)""")
                .params(t.get("TransactionId").asString(), t.get("StoreId").asInt(), kind, JSON.writeValueAsString(t),
                        now, now)
                .update();
        return t;
    }
}
