package dev.kassa.connector.shipfromstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The offer's state machine (docs/ship-from-store.md): what the flow allows, and what it never does. */
class OfferStateTest {

    @Test
    void everyStateIsReachedFromOfferedAndNothingGoesBackToIt() {
        Set<OfferState> seen = EnumSet.of(OfferState.OFFERED);
        Deque<OfferState> todo = new ArrayDeque<>(seen);
        while (!todo.isEmpty()) {
            OfferState s = todo.pop();
            for (OfferState t : OfferState.values()) {
                assertThat(s.canMoveTo(OfferState.OFFERED)).as("%s back to offered", s).isFalse();
                if (s.canMoveTo(t) && seen.add(t)) {
                    todo.push(t);
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(OfferState.values());
    }

    @Test
    void onlyAShipmentShipsAndOnlyATillOrderLeadsToIt() {
        for (OfferState s : OfferState.values()) {
            assertThat(s.canMoveTo(OfferState.SHIPPED)).as("%s to shipped", s).isEqualTo(s == OfferState.SHIPPING);
            assertThat(s.canMoveTo(OfferState.SHIPPING)).as("%s to shipping", s).isEqualTo(s == OfferState.IN_TILL);
            assertThat(s.canMoveTo(OfferState.IN_TILL)).as("%s to in_till", s).isEqualTo(s == OfferState.ACCEPTED);
        }
    }

    @Test
    void shippedFailedAndShadowedAreEndsAndCentrasAcceptAloneReopensAnEndedDecision() {
        for (OfferState end : EnumSet.of(OfferState.SHIPPED, OfferState.FAILED, OfferState.SHADOWED)) {
            for (OfferState t : OfferState.values()) {
                assertThat(end.canMoveTo(t)).as("%s to %s", end, t).isFalse();
            }
        }
        for (OfferState end : EnumSet.of(OfferState.REJECTED, OfferState.LOST, OfferState.EXPIRED)) {
            assertThat(end.canMoveTo(OfferState.ACCEPTED)).as("Centra's accept of %s", end).isTrue();
            assertThat(end.canMoveTo(OfferState.ACCEPTING)).isFalse();
            assertThat(end.canMoveTo(OfferState.REJECTING)).isFalse();
        }
        assertThat(OfferState.LOST.canMoveTo(OfferState.REJECTED)).as("ends are ranked: never down").isFalse();
        assertThat(OfferState.EXPIRED.canMoveTo(OfferState.LOST)).isFalse();
    }

    @Test
    void statesAreStoredByTheirWords() {
        assertThat(OfferState.IN_TILL.column()).isEqualTo("in_till");
        assertThat(OfferState.of("in_till")).isEqualTo(OfferState.IN_TILL);
        assertThatThrownBy(() -> OfferState.of("done")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Offers.FINAL).containsExactlyInAnyOrder("shipped", "rejected", "expired", "lost", "failed", "shadowed");
    }
}
