package dev.kassa.connector.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The stock writer's arithmetic alone: examples from docs/stock-sync.md, and properties over any waiting
 * lines of an item (in the order the writer reads them: rung up, till, receipt, transaction, line).
 */
class StockPlanningTest {

    private static StockWriter.Line line(String tx, String kind, int qty, long atMs, Integer till, Long receipt) {
        return new StockWriter.Line(tx, 1, "LS100-WH-M", null, kind, BigDecimal.valueOf(qty), atMs, 0, till, receipt);
    }

    @Example
    void salesAfterACountAreTakenOffItAndSalesBeforeItAreInIt() {
        List<StockWriter.Line> lines = List.of(line("a", "Sale", 2, 1_000, 1, 1L), line("b", "Count", 10, 2_000, 1, 2L),
                line("c", "Sale", 3, 3_000, 1, 3L));
        StockPlanning.ItemLines planned = StockPlanning.ofItem(lines, null);
        assertThat(planned.count().transactionId()).isEqualTo("b");
        assertThat(planned.sold()).isEqualTo(3);
        assertThat(planned.superseded()).isEmpty();
    }

    @Example
    void aLineRungUpBeforeTheLastAppliedCountIsSuperseded() {
        StockPlanning.ItemLines planned = StockPlanning.ofItem(List.of(line("a", "Sale", 2, 1_000, 1, 1L),
                line("c", "Sale", 1, 5_000, 1, 9L)), new RungUp(2_000, 1, 2L));
        assertThat(planned.superseded()).extracting(StockWriter.Line::transactionId).containsExactly("a");
        assertThat(planned.sold()).isEqualTo(1);
    }

    @Example
    void theSeedsExampleSellsFiveOf499() {
        StockPlanning.Target t = StockPlanning.target(499, 5, 0).orElseThrow();
        assertThat(t.written()).isEqualTo(494);
        assertThat(t.floored()).isFalse();
        assertThat(t.clamped(0)).isFalse();
    }

    @Example
    void sellingMoreThanThereIsWritesZeroAndReportsAFloorAndAClamp() {
        StockPlanning.Target t = StockPlanning.target(2, 5, 1).orElseThrow();
        assertThat(t.target()).isEqualTo(-3);
        assertThat(t.written()).isZero();
        assertThat(t.expected()).isEqualTo(1);
        assertThat(t.floored()).isTrue();
        assertThat(t.clamped(1)).isTrue();
    }

    @Property
    void everyLineIsEitherSupersededOrLiveAndOnlyThoseBeforeTheLastCountAreSuperseded(
            @ForAll("waiting") List<StockWriter.Line> lines, @ForAll("lastCounts") Optional<RungUp> lastCount) {
        StockPlanning.ItemLines planned = StockPlanning.ofItem(lines, lastCount.orElse(null));
        List<StockWriter.Line> both = new ArrayList<>(planned.superseded());
        both.addAll(planned.live());
        assertThat(both).containsExactlyInAnyOrderElementsOf(lines);
        for (StockWriter.Line l : lines) {
            boolean before = lastCount.isPresent() && (l.rungUp().before(lastCount.get())
                    || l.isCount() && !lastCount.get().before(l.rungUp()));
            assertThat(planned.superseded().contains(l)).as("%s superseded", l).isEqualTo(before);
        }
    }

    @Property
    void theCountIsALiveCountWithNoLiveCountAfterItAndTheSalesSinceItAreSold(
            @ForAll("waiting") List<StockWriter.Line> lines, @ForAll("lastCounts") Optional<RungUp> lastCount) {
        StockPlanning.ItemLines planned = StockPlanning.ofItem(lines, lastCount.orElse(null));
        List<StockWriter.Line> liveCounts = planned.live().stream().filter(StockWriter.Line::isCount).toList();
        StockWriter.Line count = planned.count();
        if (liveCounts.isEmpty()) {
            assertThat(count).isNull();
        } else {
            assertThat(liveCounts).contains(count);
            assertThat(liveCounts).noneMatch(c -> count.rungUp().before(c.rungUp()));
        }
        long sold = planned.live().stream().filter(l -> !l.isCount())
                .filter(l -> count == null || !l.rungUp().before(count.rungUp()))
                .mapToLong(l -> l.quantity().longValueExact()).sum();
        assertThat(planned.sold()).isEqualTo(sold);
    }

    @Property
    void aWriteNeverSendsLessThanZeroAndCentraKeepsItsAllocatedStock(
            @ForAll @IntRange(min = -1000, max = 1_000_000) int base, @ForAll @LongRange(min = -3_000_000_000L, max = 3_000_000_000L) long sold,
            @ForAll @IntRange(min = 0, max = 1000) int allocated) {
        Optional<StockPlanning.Target> t = StockPlanning.target(base, sold, allocated);
        long wanted = (long) base - sold;
        assertThat(t.isEmpty()).as("beyond what Centra holds").isEqualTo(wanted > Integer.MAX_VALUE);
        t.ifPresent(target -> {
            assertThat(target.target()).isEqualTo((int) Math.max(wanted, Integer.MIN_VALUE));
            assertThat(target.written()).isEqualTo(Math.max(0, target.target()));
            assertThat(target.expected()).isEqualTo(Math.max(target.written(), allocated));
            assertThat(target.floored()).isEqualTo(wanted < 0);
            assertThat(target.clamped(allocated)).isEqualTo(target.written() < allocated);
        });
    }

    @Provide
    Arbitrary<List<StockWriter.Line>> waiting() {
        Arbitrary<StockWriter.Line> one = Combinators.combine(Arbitraries.of("Sale", "Sale", "Count"),
                Arbitraries.integers().between(-5, 20), Arbitraries.longs().between(0, 4).map(s -> s * 1000),
                Arbitraries.of(1, 2).injectNull(0.2), Arbitraries.longs().between(1, 6).injectNull(0.2))
                .as((kind, qty, at, till, receipt) -> line(null, kind, kind.equals("Count") ? Math.abs(qty) : qty == 0 ? 1 : qty,
                        at, till, receipt));
        return one.list().ofMaxSize(10).map(list -> {
            List<StockWriter.Line> named = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                StockWriter.Line l = list.get(i);
                named.add(new StockWriter.Line("t" + (char) ('a' + i), 1, l.itemId(), null, l.kind(), l.quantity(), l.occurredAtMs(),
                        0, l.till(), l.receipt()));
            }
            named.sort(Comparator.comparingLong(StockWriter.Line::occurredAtMs)
                    .thenComparing(StockWriter.Line::till, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(StockWriter.Line::receipt, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(StockWriter.Line::transactionId));
            return named;
        });
    }

    @Provide
    Arbitrary<Optional<RungUp>> lastCounts() {
        return Combinators.combine(Arbitraries.longs().between(0, 4).map(s -> s * 1000), Arbitraries.of(1, 2).injectNull(0.2),
                Arbitraries.longs().between(1, 6).injectNull(0.2)).as(RungUp::new).optional(0.6);
    }
}
