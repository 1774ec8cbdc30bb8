package dev.kassa.connector.stock;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stock writer's arithmetic, with every input given (no database, no Centra), so that it can be tested
 * alone ({@code StockPlanningTest}, with properties): which of an item's waiting lines a stock count
 * supersedes and what the rest sell, and what one item's write sets, keeps and reports (docs/stock-sync.md).
 */
final class StockPlanning {

    private StockPlanning() {
    }

    /**
     * One item's waiting lines, planned: {@code superseded} by the item's last applied count (rung up before
     * it, or a count not after it), the {@code live} rest, the latest live {@code count} (null: none), and the
     * items {@code sold} by the live sales and returns (negative) not rung up before that count.
     */
    record ItemLines(List<StockWriter.Line> superseded, List<StockWriter.Line> live, StockWriter.Line count, long sold) {
    }

    /** Plans an item's waiting lines (whole quantities, in the order rung up) against its last applied count (null: none). */
    static ItemLines ofItem(List<StockWriter.Line> lines, RungUp lastCount) {
        List<StockWriter.Line> superseded = new ArrayList<>();
        List<StockWriter.Line> live = new ArrayList<>();
        for (StockWriter.Line l : lines) {
            if (lastCount != null && (l.rungUp().before(lastCount) || l.isCount() && !lastCount.before(l.rungUp()))) {
                superseded.add(l);
            } else {
                live.add(l);
            }
        }
        StockWriter.Line count = null;
        for (StockWriter.Line l : live) {
            if (l.isCount() && (count == null || count.rungUp().before(l.rungUp())
                    || !l.rungUp().before(count.rungUp()) && l.transactionId().compareTo(count.transactionId()) > 0)) {
                count = l;
            }
        }
        long sold = 0;
        for (StockWriter.Line l : live) {
            if (count != null && l != count && l.rungUp().before(count.rungUp())) {
                continue; // included in the count; settled together with it
            }
            if (!l.isCount()) {
                sold += l.quantity().longValueExact();
            }
        }
        return new ItemLines(List.copyOf(superseded), List.copyOf(live), count, sold);
    }

    /**
     * One item's write: the stock the lines make ({@code target}: the base less what was sold, possibly
     * negative), what Centra is sent ({@code written}: never below 0) and what it will then hold
     * ({@code expected}: never below its allocated stock, at which Centra clamps).
     */
    record Target(int target, int written, int expected) {

        /** The lines asked for less than nothing: 0 is written, and head office is told. */
        boolean floored() {
            return target < 0;
        }

        /** Centra will keep more than was written: its allocated stock. */
        boolean clamped(int allocated) {
            return written < allocated;
        }
    }

    /**
     * The write of an item whose stock starts at {@code base} (the count, or Centra's physical stock) and of
     * which {@code sold} went since; empty when that is more than Centra's stock can hold.
     */
    static Optional<Target> target(int base, long sold, int allocated) {
        long wanted = (long) base - sold;
        if (wanted > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        int target = (int) Math.max(wanted, Integer.MIN_VALUE);
        int written = Math.max(target, 0);
        return Optional.of(new Target(target, written, Math.max(written, allocated)));
    }
}
