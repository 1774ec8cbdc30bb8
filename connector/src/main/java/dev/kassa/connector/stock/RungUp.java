package dev.kassa.connector.stock;

import java.util.List;

/**
 * When a POS line was rung up, as far as the till tells: its Timestamp (whole seconds), and for ordering
 * within one second its till and receipt ({@code ZNumber * 10,000,000 + ReceiptNumber}). Within one till
 * the receipt orders transactions of the same second; across tills nothing does, and a sale in the same
 * second as another till's count is taken as rung up after it (decision 0010: web stock errs low, the next
 * count corrects it).
 */
public record RungUp(long atMs, Integer till, Long receipt) {

    /** True when this was rung up before {@code other}: an earlier second, or the same second, till, and an earlier receipt. */
    public boolean before(RungUp other) {
        if (atMs != other.atMs) {
            return atMs < other.atMs;
        }
        return till != null && till.equals(other.till) && receipt != null && other.receipt != null && receipt < other.receipt;
    }

    /**
     * The SQL condition "the line (columns {@code occurred_at_ms}, {@code till}, {@code receipt_seq}) was rung up
     * before this moment", with its parameters.
     */
    public Sql linesBefore() {
        if (till == null || receipt == null) {
            return new Sql("(occurred_at_ms < ?)", List.of(atMs));
        }
        return new Sql("(occurred_at_ms < ? or occurred_at_ms = ? and till = ? and receipt_seq < ?)", List.of(atMs, atMs, till, receipt));
    }

    /** The SQL condition "the line was not rung up before this moment" (the negation of {@link #linesBefore()}). */
    public Sql linesNotBefore() {
        if (till == null || receipt == null) {
            return new Sql("(occurred_at_ms >= ?)", List.of(atMs));
        }
        return new Sql("(occurred_at_ms > ? or occurred_at_ms = ? and (till is null or till <> ? or receipt_seq is null or receipt_seq >= ?))",
                List.of(atMs, atMs, till, receipt));
    }

    /** A condition and the parameters it takes, in order. */
    public record Sql(String condition, List<Object> params) {
    }
}
