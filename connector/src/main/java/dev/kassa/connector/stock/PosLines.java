package dev.kassa.connector.stock;

import dev.kassa.connector.BusinessEvents;
import dev.kassa.connector.db.Columns;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one writer of {@code connector_pos_line}: a POS line's states ({@link State}) and every move between
 * them, each named for what it means. The intake stores lines, the stock writer and the sale orders carry
 * them, head office replays or discards dead ones; all through here. Every method runs in the caller's
 * transaction and only moves lines that are in the state it names, so a line another step moved meanwhile
 * is left alone.
 */
@Component
public class PosLines {

    /** A POS line's states (docs/stock-sync.md) and the moves each allows. */
    public enum State {
        PENDING, WRITING, ORDERING, APPLIED, SUPERSEDED, DEAD, DISCARDED;

        private Set<State> next;

        static {
            PENDING.next = EnumSet.of(WRITING, ORDERING, SUPERSEDED, DEAD);
            WRITING.next = EnumSet.of(APPLIED, SUPERSEDED, DEAD, PENDING);
            ORDERING.next = EnumSet.of(APPLIED, SUPERSEDED, DEAD, PENDING);
            DEAD.next = EnumSet.of(PENDING, DISCARDED);
            APPLIED.next = EnumSet.noneOf(State.class);
            SUPERSEDED.next = EnumSet.noneOf(State.class);
            DISCARDED.next = EnumSet.noneOf(State.class);
        }

        public boolean canMoveTo(State to) {
            return next.contains(to);
        }

        /** As stored: {@code pending}, {@code writing}, … */
        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A line as the intake stores it: {@code held} says why it is a dead letter from the start (null: pending). */
    public record NewLine(String transactionId, int lineNumber, String itemId, String barcode, BigDecimal quantity, String storeId,
                          String kind, long occurredAtMs, long receivedAtMs, String held, Integer till, Long receiptSeq) {
    }

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate batch;

    PosLines(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    // ---- the intake -------------------------------------------------------------------------------------------

    /** Stores a new line: pending, or dead at once with why it is held. */
    public void add(NewLine l) {
        boolean held = l.held() != null;
        jdbc.sql("""
                insert into connector_pos_line (transaction_id, line_number, item_id, barcode, quantity, store_id, kind,
                    occurred_at_ms, received_at_ms, state, detail, settled_at_ms, till, receipt_seq)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(l.transactionId(), l.lineNumber(), l.itemId(), l.barcode(), l.quantity(), l.storeId(), l.kind(),
                        l.occurredAtMs(), l.receivedAtMs(), (held ? State.DEAD : State.PENDING).column(),
                        held ? Columns.detail(l.held()) : null, held ? l.receivedAtMs() : null, l.till(), l.receiptSeq()).update();
        if (held) {
            BusinessEvents.deadLetter(l.storeId(), l.transactionId(), l.lineNumber(), l.itemId(), l.held());
        }
    }

    // ---- the stock writer -------------------------------------------------------------------------------------

    /**
     * Pending lines of the store that can never be applied become dead letters: a quantity beyond
     * {@code max} either way, a quantity with decimals, a Timestamp after {@code latestMs}. How many.
     */
    int quarantine(String storeId, BigDecimal max, long latestMs, String tooLateWhy, long now) {
        // one statement, not one per reason: every store's cycle runs it, so it is a round trip per cycle
        int n = jdbc.sql("""
                update connector_pos_line set state = 'dead', settled_at_ms = ?, write_id = null, detail = case
                    when quantity > ? or quantity < ? then ?
                    when quantity <> floor(quantity) then ?
                    else ? end
                where store_id = ? and state = 'pending'
                  and (quantity > ? or quantity < ? or quantity <> floor(quantity) or occurred_at_ms > ?)""")
                .params(now, max, max.negate(), "the quantity is beyond what a line may carry (" + max.toPlainString()
                                + " either sign): a barcode typed as a quantity? Discard it, or correct it at the till",
                        "Centra keeps stock in whole units: a quantity with decimals cannot be applied", Columns.detail(tooLateWhy),
                        storeId, max, max.negate(), latestMs).update();
        BusinessEvents.deadLetters(storeId, n, "waiting POS lines that can never be applied (a quantity"
                + " beyond bounds or with decimals, a Timestamp too far ahead)");
        return n;
    }

    /** A pending line rides in the write {@code writeId} (one more attempt). */
    void writing(long writeId, StockWriter.Line l) {
        jdbc.sql("""
                update connector_pos_line set state = 'writing', write_id = ?, attempts = attempts + 1
                where transaction_id = ? and line_number = ? and state = 'pending'""")
                .params(writeId, l.transactionId(), l.lineNumber()).update();
    }

    /** The item's lines of a write that did not happen wait again. */
    void notWritten(long writeId, String itemId) {
        jdbc.sql("""
                update connector_pos_line set state = 'pending', write_id = null
                where write_id = ? and item_id = ? and state = 'writing'""").params(writeId, itemId).update();
    }

    /** A line of a write Centra refused waits again. */
    void refused(StockWriter.Line l) {
        jdbc.sql("""
                update connector_pos_line set state = 'pending', write_id = null
                where transaction_id = ? and line_number = ? and state = 'writing'""")
                .params(l.transactionId(), l.lineNumber()).update();
    }

    /**
     * The item's lines of a write Centra took are applied; with a count, those rung up before it are
     * superseded by it (it includes them).
     */
    void written(long writeId, String itemId, RungUp count, long at) {
        jdbc.sql("update connector_pos_line set state = 'applied', settled_at_ms = ? where write_id = ? and item_id = ? and state = 'writing'")
                .params(at, writeId, itemId).update();
        if (count != null) {
            RungUp.Sql before = count.linesBefore();
            List<Object> params = new ArrayList<>(List.of(at, writeId, itemId));
            params.addAll(before.params());
            jdbc.sql("update connector_pos_line set state = 'superseded', settled_at_ms = ?, detail = 'included in the stock count it was written with'"
                    + " where write_id = ? and item_id = ? and " + before.condition()).params(params).update();
        }
    }

    /** The item's lines of a write become dead letters, saying why; how many. */
    int deadOfWrite(long writeId, String itemId, String why, long at) {
        return jdbc.sql("""
                update connector_pos_line set state = 'dead', detail = ?, settled_at_ms = ?
                where write_id = ? and item_id = ? and state = 'writing'""")
                .params(Columns.detail(why), at, writeId, itemId).update();
    }

    /** A line settled without a write: its end state, why, when (the parameters, then its key). */
    private static final String SETTLE = "update connector_pos_line set state = ?, detail = ?, settled_at_ms = ?, write_id = null,"
            + " order_marker = null where transaction_id = ? and line_number = ?";

    /** A line is settled without a write: {@code to} is {@link State#DEAD} or {@link State#SUPERSEDED}. */
    void settle(StockWriter.Line l, State to, String why, long at) {
        requireEnd(to);
        jdbc.sql(SETTLE).params(to.column(), Columns.detail(why), at, l.transactionId(), l.lineNumber()).update();
        if (to == State.DEAD) {
            String store = jdbc.sql("select store_id from connector_pos_line where transaction_id = ? and line_number = ?")
                    .params(l.transactionId(), l.lineNumber()).query(String.class).single();
            BusinessEvents.deadLetter(store, l.transactionId(), l.lineNumber(), l.itemId(), why);
        }
    }

    /**
     * Settles lines of {@code storeId} without a write, as {@link #settle} does one, in one JDBC batch: what
     * a cycle's planning found dead ({@code dead}) or superseded by a count ({@code superseded}), each with why.
     */
    void settleAll(String storeId, Map<StockWriter.Line, String> dead, Map<StockWriter.Line, String> superseded, long at) {
        List<Object[]> rows = new ArrayList<>();
        dead.forEach((l, why) -> rows.add(new Object[] {State.DEAD.column(), Columns.detail(why), at, l.transactionId(), l.lineNumber()}));
        superseded.forEach((l, why) -> rows.add(new Object[] {State.SUPERSEDED.column(), Columns.detail(why), at, l.transactionId(),
                l.lineNumber()}));
        dev.kassa.common.db.Chunks.batchUpdate(batch, SETTLE, rows);
        dead.forEach((l, why) -> BusinessEvents.deadLetter(storeId, l.transactionId(), l.lineNumber(), l.itemId(), why));
    }

    private static void requireEnd(State to) {
        if (to != State.DEAD && to != State.SUPERSEDED) {
            throw new IllegalArgumentException("a line is settled without a write only as dead or superseded, not " + to.column());
        }
    }

    // ---- sale orders --------------------------------------------------------------------------------------------

    /** A pending line goes into the sale order {@code marker} (one more attempt). */
    void ordering(String marker, StockWriter.Line l) {
        jdbc.sql("""
                update connector_pos_line set state = 'ordering', order_marker = ?, attempts = attempts + 1
                where transaction_id = ? and line_number = ? and state = 'pending'""")
                .params(marker, l.transactionId(), l.lineNumber()).update();
    }

    /** The lines of the sale order {@code marker} are applied, saying how. */
    void ordered(String marker, String detail, long at, boolean keepMarker) {
        jdbc.sql("update connector_pos_line set state = 'applied', settled_at_ms = ?, detail = ?"
                        + (keepMarker ? "" : ", order_marker = null") + " where order_marker = ? and state = 'ordering'")
                .params(at, detail, marker).update();
    }

    /** The lines of the sale order {@code marker} go through POST stock instead. */
    void throughStockInstead(String marker) {
        jdbc.sql("""
                update connector_pos_line set state = 'pending', via = 'stock', order_marker = null
                where order_marker = ? and state = 'ordering'""").param(marker).update();
    }

    /** A line of a refused sale order waits again. */
    void orderRefused(StockWriter.Line l) {
        jdbc.sql("""
                update connector_pos_line set state = 'pending', order_marker = null
                where transaction_id = ? and line_number = ? and state = 'ordering'""")
                .params(l.transactionId(), l.lineNumber()).update();
    }

    /** The lines of the sale order {@code marker} become dead letters; how many. */
    int orderGivenUp(String marker, String why, long at) {
        return jdbc.sql("update connector_pos_line set state = 'dead', detail = ?, settled_at_ms = ? where order_marker = ?"
                + " and state = 'ordering'").params(Columns.detail(why), at, marker).update();
    }

    // ---- head office --------------------------------------------------------------------------------------------

    /** Dead lines go back to the writer's queue, with a note; of {@code store}, or the lines {@code keys}. How many. */
    public int replay(String store, List<Object[]> keys, String note) {
        return deadLines(store, keys, "update connector_pos_line set state = 'pending', attempts = 0, detail = ?, settled_at_ms = null,"
                + " write_id = null, order_marker = null", note);
    }

    /** Dead lines are discarded for good (kept, never applied), the note before their reason. How many. */
    public int discard(String store, List<Object[]> keys, String note, long now) {
        return deadLines(store, keys, "update connector_pos_line set state = 'discarded', settled_at_ms = " + now
                + ", detail = substring(cast(? as varchar(300)) || coalesce(detail, '') from 1 for 1000)", note);
    }

    private int deadLines(String store, List<Object[]> keys, String update, String note) {
        if (store != null) {
            return jdbc.sql(update + " where store_id = ? and state = 'dead'").params(note, store).update();
        }
        int n = 0;
        for (Object[] k : keys) {
            n += jdbc.sql(update + " where transaction_id = ? and line_number = ? and state = 'dead'").params(note, k[0], k[1]).update();
        }
        return n;
    }
}
