package dev.kassa.connector.shipfromstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The ship-from-store rules alone: examples, and properties over any store and order (jqwik shrinks a failure). */
class OfferRulesTest {

    private static final OfferRules.Store OPEN = new OfferRules.Store(null, null, 0);

    @Example
    void anOpenStoreWhoseStockCoversEveryLineAccepts() {
        OfferRules.Verdict v = OfferRules.judge(OPEN, List.of(new OfferRules.Line("Shirt M (123)", 2, 0, 2)));
        assertThat(v.accept()).isTrue();
        assertThat(v.explained()).isEqualTo("the store's stock covers every line");
    }

    @Example
    void everyReasonAgainstIsSaid() {
        OfferRules.Verdict v = OfferRules.judge(new OfferRules.Store("Mon-Fri 10:00-18:00", 3, 3),
                List.of(new OfferRules.Line("Shirt M (123)", 2, 0, 1), new OfferRules.Line("Cap (456)", 1, 0, 5)));
        assertThat(v.accept()).isFalse();
        assertThat(v.explained()).isEqualTo("the store is closed (Mon-Fri 10:00-18:00); today's capacity of 3 orders is reached;"
                + " stock does not cover Shirt M (123): 1 of 2");
    }

    @Example
    void whatCentraAllocatedHereNeedsNoFreeStock() {
        assertThat(OfferRules.judge(OPEN, List.of(new OfferRules.Line("Shirt M (123)", 2, 2, 0))).accept()).isTrue();
        assertThat(OfferRules.judge(OPEN, List.of(new OfferRules.Line("Shirt M (123)", 3, 2, 0))).accept()).isFalse();
    }

    @Example
    void aRequestFoundAfterItsRejectTimeGetsHalfAnHour() {
        long deadline = 1_000_000_000L;
        assertThat(OfferRules.rejectAt(deadline, deadline - 600_000, false, 120_000)).isEqualTo(deadline - 120_000);
        assertThat(OfferRules.rejectAt(deadline, deadline - 60_000, true, 120_000)).isEqualTo(deadline - 60_000 + 1_800_000);
        assertThat(OfferRules.rejectAt(null, 5, true, 120_000)).isNull();
    }

    @Property
    void acceptsExactlyWhenOpenUnderCapacityAndEveryLineCovered(@ForAll("stores") OfferRules.Store store,
                                                               @ForAll("lines") List<OfferRules.Line> lines) {
        OfferRules.Verdict v = OfferRules.judge(store, lines);
        boolean open = store.closedBecause() == null;
        boolean underCapacity = store.capacity() == null || store.acceptedToday() < store.capacity();
        boolean covered = lines.stream().allMatch(l -> l.available() >= Math.max(0, l.wanted() - l.here()));
        assertThat(v.accept()).isEqualTo(open && underCapacity && covered);
        long against = (open ? 0 : 1) + (underCapacity ? 0 : 1) + lines.stream().filter(l -> !l.covered()).count();
        assertThat(v.accept() ? 0 : v.reasons().size()).as("one reason per thing against").isEqualTo(against);
    }

    @Property
    void moreFreeStockNeverTurnsAnAcceptIntoAReject(@ForAll("stores") OfferRules.Store store,
                                                    @ForAll("lines") List<OfferRules.Line> lines,
                                                    @ForAll @IntRange(min = 0, max = 50) int more) {
        List<OfferRules.Line> richer = lines.stream()
                .map(l -> new OfferRules.Line(l.label(), l.wanted(), l.here(), l.available() + more)).toList();
        if (OfferRules.judge(store, lines).accept()) {
            assertThat(OfferRules.judge(store, richer).accept()).isTrue();
        }
    }

    @Property
    void aLineNeedsFreeStockOnlyForWhatIsNotAllocatedHere(@ForAll @IntRange(min = 0, max = 100) int wanted,
                                                          @ForAll @IntRange(min = 0, max = 100) int here) {
        OfferRules.Line l = new OfferRules.Line("x", wanted, here, 0);
        assertThat(l.needed()).isBetween(0, wanted);
        assertThat(l.covered()).isEqualTo(here >= wanted);
    }

    @Property
    void nobodysDecisionBecomesARejectBeforeTheDeadlineUnlessTheRequestCameTooLate(
            @ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long deadline,
            @ForAll @LongRange(min = -7_200_000, max = 7_200_000) long createdBefore,
            @ForAll @LongRange(min = 0, max = 3_600_000) long margin, @ForAll boolean request) {
        long created = deadline - createdBefore;
        long at = OfferRules.rejectAt(deadline, created, request, margin);
        if (!request || created < deadline - margin) {
            assertThat(at).as("a margin before the deadline").isEqualTo(deadline - margin);
        } else {
            assertThat(at).as("half an hour from when it was found, never before its margin")
                    .isEqualTo(created + OfferRules.LATE_DECISION.toMillis()).isGreaterThanOrEqualTo(deadline - margin);
        }
    }

    @Provide
    Arbitrary<OfferRules.Store> stores() {
        Arbitrary<String> closed = Arbitraries.of("Mon-Fri 10:00-18:00", "Sat 10:00-14:00").injectNull(0.6);
        Arbitrary<Integer> capacity = Arbitraries.integers().between(0, 10).injectNull(0.4);
        return Combinators.combine(closed, capacity, Arbitraries.integers().between(0, 12)).as(OfferRules.Store::new);
    }

    @Provide
    Arbitrary<@Size(max = 6) List<OfferRules.Line>> lines() {
        Arbitrary<OfferRules.Line> line = Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8),
                Arbitraries.integers().between(1, 20), Arbitraries.integers().between(0, 20), Arbitraries.integers().between(0, 40))
                .as(OfferRules.Line::new);
        return line.list().ofMaxSize(6);
    }
}
