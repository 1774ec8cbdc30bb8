package dev.kassa.connector.admin;

import dev.kassa.connector.config.ConnectorConfig;
import dev.kassa.connector.shipfromstore.Offers;
import dev.kassa.connector.stock.PosLines;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What head office looks at, for the admin API (JSON) and the console (pages) alike: the stock writer's
 * state per store, dead letters and their replay, and the catalogue sync per country.
 */
@Component
public class HeadOffice {

    private final ConnectorConfig config;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Offers offers;

    private final PosLines posLines;

    HeadOffice(ConnectorConfig config, JdbcClient jdbc, TransactionTemplate tx, Clock clock, Offers offers, PosLines posLines) {
        this.offers = offers;
        this.posLines = posLines;
        this.config = config;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** Per store: its POS lines by state, the oldest unapplied line's age, back-off, discrepancies by kind, drift. */
    public List<Map<String, Object>> stock() {
        List<Map<String, Object>> stores = new ArrayList<>();
        long now = clock.millis();
        for (ConnectorConfig.Store s : config.stores()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("store", s.id());
            out.put("name", s.name());
            out.put("salesAs", s.salesAsOrders() ? "orders" : "stock");
            Map<String, Long> lines = new LinkedHashMap<>();
            for (String state : List.of("pending", "writing", "ordering", "applied", "superseded", "dead", "discarded")) {
                lines.put(state, 0L);
            }
            jdbc.sql("select state, count(*) as n from connector_pos_line where store_id = ? group by state").param(s.id())
                    .query().listOfRows().forEach(r -> lines.put((String) r.get("state"), ((Number) r.get("n")).longValue()));
            out.put("lines", lines);
            Long oldest = jdbc.sql("select min(received_at_ms) from connector_pos_line where store_id = ? and state in ('pending', 'writing', 'ordering')")
                    .param(s.id()).query(Long.class).optional().orElse(null);
            out.put("oldestPendingSeconds", oldest == null ? null : Math.max(0, now - oldest) / 1000);
            jdbc.sql("select next_attempt_at_ms, failures, last_error from connector_stock_store where store_id = ?").param(s.id())
                    .query().listOfRows().forEach(r -> {
                        long next = ((Number) r.get("next_attempt_at_ms")).longValue();
                        out.put("backingOffUntil", next > now ? Instant.ofEpochMilli(next).toString() : null);
                        out.put("failures", r.get("failures"));
                        out.put("lastError", r.get("last_error"));
                    });
            out.put("discrepancies", jdbc.sql("select kind, count(*) as n from connector_stock_discrepancy where store_id = ? group by kind")
                    .param(s.id()).query().listOfRows().stream()
                    .collect(java.util.stream.Collectors.toMap(r -> (String) r.get("kind"), r -> ((Number) r.get("n")).longValue())));
            out.put("drift", jdbc.sql("select items_compared, items_drifting, units, at_ms from connector_stock_drift where store_id = ?")
                    .param(s.id()).query().listOfRows().stream().findFirst().map(r -> Map.of(
                            "itemsCompared", r.get("items_compared"), "itemsDrifting", r.get("items_drifting"),
                            "units", r.get("units"), "at", Instant.ofEpochMilli(((Number) r.get("at_ms")).longValue()).toString()))
                    .orElse(null));
            stores.add(out);
        }
        return stores;
    }

    /** The dead POS lines (of one store, or all when {@code store} is null), oldest first, at most {@code max}. */
    public List<Map<String, Object>> deadLetters(String store, int max) {
        List<Map<String, Object>> rows = jdbc.sql("""
                select transaction_id, line_number, store_id, item_id, barcode, kind, quantity, attempts, detail, settled_at_ms
                from connector_pos_line where state = 'dead' and (cast(? as varchar(40)) is null or store_id = ?)
                order by settled_at_ms, transaction_id, line_number fetch first ? rows only""")
                .params(store, store, max).query().listOfRows();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("transactionId", r.get("transaction_id"));
            line.put("lineNumber", r.get("line_number"));
            line.put("store", r.get("store_id"));
            line.put("itemId", r.get("item_id"));
            line.put("barcode", r.get("barcode"));
            line.put("kind", r.get("kind"));
            line.put("quantity", r.get("quantity"));
            line.put("attempts", r.get("attempts"));
            line.put("reason", r.get("detail"));
            line.put("at", r.get("settled_at_ms") == null ? null : Instant.ofEpochMilli(((Number) r.get("settled_at_ms")).longValue()).toString());
            out.add(line);
        }
        return out;
    }

    /**
     * Puts dead lines back in the writer's queue: all of {@code store}'s, or the lines {@code keys}
     * (transaction id, line number) when {@code store} is null. Returns how many.
     */
    public int replay(String store, List<Object[]> keys) {
        String note = "replayed at " + config.written(clock.millis());
        return tx.execute(s -> posLines.replay(store, keys, note));
    }

    /**
     * Discards dead lines for good (a barcode typed as a quantity, a till's clock years off): they are kept,
     * marked {@code discarded} with who did it, and never applied. Same selection as {@link #replay}.
     */
    public int discard(String store, List<Object[]> keys, String who) {
        long now = clock.millis();
        String note = "discarded by " + who + " at " + config.written(now) + "; it was dead: ";
        return tx.execute(s -> posLines.discard(store, keys, note, now));
    }

    /** An offer the connector has tried this often without moving it on needs a person. */
    public static final int STUCK_AFTER = 3;
    /** Clamps and floors are facts, not open tasks: without a "from" date the list shows the last week's. */
    public static final java.time.Duration DISCREPANCIES_SHOWN = java.time.Duration.ofDays(7);

    /** The kinds of thing head office must act on (see {@link #attention}). */
    public static final List<String> ATTENTION_KINDS = List.of("failed", "stuck", "overdue", "dead-letter", "clamped", "floored");

    /**
     * One thing a person must act on. {@code kind} is one of {@link #ATTENTION_KINDS}; the other fields are
     * what that kind has (an offer's order and state, a POS line's transaction and item, a clamp's numbers);
     * {@code detail} is the recorded reason (Centra's or the till's words, the writer's error).
     */
    public record Attention(String kind, String store, long atMs, Long orderNumber, Long offerId, String state, Integer failures,
                            Long hoursOpen, String transactionId, Integer lineNumber, String itemId, Integer wanted, Integer stored,
                            String detail) {
    }

    /**
     * What a person must act on across stores, newest first: failed offers, offers the connector keeps failing
     * to move ({@link #STUCK_AFTER} tries), offers accepted and not shipped within {@code due-hours}, dead POS
     * lines, and clamps and floors by item. Filtered by store (empty: all), kind (empty: all) and the moment it
     * happened in [{@code fromMs}, {@code toMs}) (null: open-ended; clamps and floors default to the last week).
     */
    public List<Attention> attention(Set<String> stores, Set<String> kinds, Long fromMs, Long toMs, int max) {
        long now = clock.millis();
        long dueMs = config.shipFromStore().due().toMillis();
        java.util.function.Predicate<String> store = id -> stores.isEmpty() || stores.contains(id);
        java.util.function.Predicate<Long> when = at -> (fromMs == null || at >= fromMs) && (toMs == null || at < toMs);
        java.util.function.Predicate<String> kind = k -> kinds.isEmpty() || kinds.contains(k);
        List<Attention> out = new ArrayList<>();
        if (kind.test("failed") || kind.test("stuck") || kind.test("overdue")) {
            List<Offers.Offer> troubled = offers.troubled(STUCK_AFTER, now - dueMs, 2000).stream()
                    .filter(o -> store.test(o.storeId()) && when.test(o.updatedAtMs())).toList();
            Map<Long, String> reasons = offers.lastReasons(troubled.stream().filter(o -> o.state().equals("failed"))
                    .map(Offers.Offer::offerId).toList());
            for (Offers.Offer o : troubled) {
                String k = o.state().equals("failed") ? "failed" : o.failures() >= STUCK_AFTER ? "stuck" : "overdue";
                if (kind.test(k)) {
                    out.add(new Attention(k, o.storeId(), o.updatedAtMs(), o.orderNumber(), o.offerId(), o.state(), o.failures(),
                            (now - o.updatedAtMs()) / 3_600_000, null, null, null, null, null,
                            k.equals("failed") ? reasons.getOrDefault(o.offerId(), "") : k.equals("stuck") ? o.lastError() : null));
                }
            }
        }
        if (kind.test("dead-letter")) {
            jdbc.sql("""
                    select transaction_id, line_number, store_id, item_id, barcode, detail, coalesce(settled_at_ms, received_at_ms) as at_ms
                    from connector_pos_line where state = 'dead' order by at_ms, transaction_id, line_number fetch first 2000 rows only""")
                    .query().listOfRows().forEach(r -> {
                        long at = ((Number) r.get("at_ms")).longValue();
                        String s = (String) r.get("store_id");
                        if (store.test(s) && when.test(at)) {
                            Object item = r.get("item_id") != null ? r.get("item_id") : r.get("barcode");
                            out.add(new Attention("dead-letter", s, at, null, null, null, null, null, (String) r.get("transaction_id"),
                                    ((Number) r.get("line_number")).intValue(), item == null ? "" : item.toString(), null, null,
                                    (String) r.get("detail")));
                        }
                    });
        }
        if (kind.test("clamped") || kind.test("floored")) {
            long since = fromMs != null ? fromMs : now - DISCREPANCIES_SHOWN.toMillis();
            jdbc.sql("""
                    select store_id, item_id, kind, wanted, stored, at_ms from connector_stock_discrepancy where at_ms >= ?
                    order by at_ms, id fetch first 2000 rows only""").param(since).query().listOfRows().forEach(r -> {
                        long at = ((Number) r.get("at_ms")).longValue();
                        String k = (String) r.get("kind");
                        String s = (String) r.get("store_id");
                        if (kind.test(k) && store.test(s) && when.test(at)) {
                            out.add(new Attention(k, s, at, null, null, null, null, null, null, null, (String) r.get("item_id"),
                                    ((Number) r.get("wanted")).intValue(), ((Number) r.get("stored")).intValue(), null));
                        }
                    });
        }
        out.sort(java.util.Comparator.comparingLong(Attention::atMs).reversed());
        return out.size() > max ? List.copyOf(out.subList(0, max)) : out;
    }

    /** Per country: the catalogue sync's state, its progress (pages, items seen and changed) and the items mirrored. */
    public List<Map<String, Object>> catalogue() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : jdbc.sql("select * from connector_catalogue_sync order by country").query().listOfRows()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("country", row.get("country"));
            c.put("state", row.get("state"));
            c.put("full", row.get("full_sync"));
            c.put("startedAt", instant(row.get("started_at_ms")));
            c.put("finishedAt", instant(row.get("finished_at_ms")));
            c.put("pages", row.get("pages"));
            c.put("itemsSeen", row.get("items_seen"));
            c.put("itemsChanged", row.get("items_changed"));
            c.put("error", row.get("error"));
            c.put("items", jdbc.sql("select count(*) from connector_catalogue_item where country = ?").param(row.get("country"))
                    .query(Long.class).single());
            out.add(c);
        }
        return out;
    }

    private static Object instant(Object ms) {
        return ms == null ? null : Instant.ofEpochMilli(((Number) ms).longValue()).toString();
    }

    /** The latest clamps and floors, of one store or all (null), newest first. */
    public List<Map<String, Object>> discrepancies(String store, int max) {
        return jdbc.sql("""
                select store_id, item_id, kind, wanted, stored, at_ms from connector_stock_discrepancy where (cast(? as varchar(40)) is null or store_id = ?)
                order by id desc fetch first ? rows only""").params(store, store, max).query((r, n) -> {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("store", r.getString("store_id"));
                    d.put("itemId", r.getString("item_id"));
                    d.put("kind", r.getString("kind"));
                    d.put("wanted", r.getInt("wanted"));
                    d.put("stored", r.getInt("stored"));
                    d.put("at", Instant.ofEpochMilli(r.getLong("at_ms")).toString());
                    return d;
                }).list();
    }

    /** The latest 100 stock writes, of one store or all (null), newest first, each with its items. */
    public List<Map<String, Object>> writes(String store) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> w : jdbc.sql("""
                select write_id, store_id, state, created_at_ms, detail from connector_stock_write where (cast(? as varchar(40)) is null or store_id = ?)
                order by write_id desc fetch first 100 rows only""").params(store, store).query().listOfRows()) {
            Map<String, Object> write = new LinkedHashMap<>();
            write.put("writeId", ((Number) w.get("write_id")).longValue());
            write.put("store", w.get("store_id"));
            write.put("state", w.get("state"));
            write.put("at", Instant.ofEpochMilli(((Number) w.get("created_at_ms")).longValue()).toString());
            write.put("detail", w.get("detail"));
            write.put("items", jdbc.sql("""
                    select item_id, product, physical_before, allocated_before, target, expected, outcome
                    from connector_stock_write_item where write_id = ? order by item_id""").param(w.get("write_id")).query((r, n) -> {
                        Map<String, Object> i = new LinkedHashMap<>();
                        i.put("itemId", r.getString("item_id"));
                        i.put("product", r.getString("product"));
                        i.put("physicalBefore", r.getInt("physical_before"));
                        i.put("allocatedBefore", r.getInt("allocated_before"));
                        i.put("target", r.getInt("target"));
                        i.put("outcome", r.getString("outcome"));
                        return i;
                    }).list());
            out.add(write);
        }
        return out;
    }

    /** The state of a POS line ({@code pending}, {@code dead}, …), if there is such a line. */
    public Optional<String> lineState(String transactionId, int lineNumber) {
        return jdbc.sql("select state from connector_pos_line where transaction_id = ? and line_number = ?")
                .params(transactionId, lineNumber).query(String.class).optional();
    }
}
