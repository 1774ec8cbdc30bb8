package dev.kassa.connector.shipfromstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.connector.ShipFromStoreTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Decision 0007: an offer's end does not depend on the order in which Centra's events arrive (issue 15 §3).
 * For each set of events Centra can send about one order offered to Stockholm (2) and Göteborg (3), both
 * the connector's, and to a shop it does not manage (99), every permutation is delivered, the create among
 * them, and every permutation must leave each offer in the same state; with a store's decision (accepting,
 * rejecting) taken right after the create, every permutation of the other events.
 */
class EventOrderTest extends ShipFromStoreTest {

    @Autowired
    Offers offers;

    private static long next = 7_100_000;

    private record Scenario(String name, List<String[]> events) {
    }

    private static String[] ev(String action, long warehouse) {
        return new String[]{action, Long.toString(warehouse)};
    }

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("another shop wins", List.of(ev("accepted", 99), ev("rejected", 2), ev("rejected", 3))),
            new Scenario("Stockholm times out, then another shop wins", List.of(ev("timeout", 2), ev("accepted", 99), ev("rejected", 3))),
            new Scenario("head office resumes the order", List.of(ev("rejected", 2), ev("rejected", 3), ev("rejected", 99))),
            new Scenario("Stockholm accepted outside the connector", List.of(ev("accepted", 2), ev("rejected", 3), ev("rejected", 99))),
            new Scenario("everyone times out", List.of(ev("timeout", 2), ev("timeout", 3), ev("timeout", 99))));

    private String create(long order) {
        String deadline = clock.instant().plus(Duration.ofHours(5)).toString();
        return """
                {"events": [{"type": "check_first", "action": "create", "date": "2026-12-01 10:00:00.000001", "id": %d,
                  "data": {"warehouses": [{"warehouseId": 2, "expirationAt": "%s"}, {"warehouseId": 3, "expirationAt": "%s"},
                  {"warehouseId": 99, "expirationAt": "%s"}]}}]}""".formatted(order, deadline, deadline, deadline);
    }

    private static String event(long order, String[] e) {
        return """
                {"events": [{"type": "check_first", "action": "%s", "date": "2026-12-01 10:00:05.000001", "id": %d,
                  "data": {"warehouseId": %s}}]}""".formatted(e[0], order, e[1]);
    }

    /** The states of the order's offers at Stockholm and Göteborg after delivering {@code events} in turn. */
    private List<String> run(List<String> events, String stockholmIntent) {
        long order = next++;
        if (stockholmIntent != null) {
            assertThat(deliver(create(order)).status()).isEqualTo(200);
            processor.processAll();
            long id = offers.of(order, 2).orElseThrow().offerId();
            // a person decided; the worker does not answer this made-up order meanwhile (its next look is never)
            jdbc.sql("update connector_offer set state = ?, next_attempt_at_ms = ? where offer_id = ? and state = 'offered'")
                    .params(stockholmIntent, Long.MAX_VALUE, id).update();
            jdbc.sql("insert into connector_offer_transition (offer_id, seq, from_state, to_state, at_ms, actor, reason)"
                    + " values (?, 100, 'offered', ?, ?, 'test', 'a person decided')").params(id, stockholmIntent, clock.millis()).update();
        }
        for (String e : events) {
            assertThat(deliver(e.replace("%ORDER%", Long.toString(order))).status()).isEqualTo(200);
            processor.processAll(); // one at a time: the arrival order is the order applied
        }
        if (stockholmIntent == null) {
            assertThat(offers.ofOrder(order)).hasSize(2);
        }
        return List.of(offers.of(order, 2).orElseThrow().state(), offers.of(order, 3).orElseThrow().state());
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T first = rest.remove(i);
            for (List<T> p : permutations(rest)) {
                List<T> one = new ArrayList<>();
                one.add(first);
                one.addAll(p);
                out.add(one);
            }
        }
        return out;
    }

    @Test
    void everyPermutationOfAnOrdersEventsEndsEachOfferTheSame() {
        Map<String, List<String>> ends = new LinkedHashMap<>();
        for (Scenario s : SCENARIOS) {
            for (String intent : new String[]{null, "accepting", "rejecting"}) {
                List<String> events = new ArrayList<>();
                if (intent == null) {
                    events.add(create(0).replace("\"id\": 0,", "\"id\": %ORDER%,"));
                }
                s.events().forEach(e -> events.add(event(0, e).replace("\"id\": 0,", "\"id\": %ORDER%,")));
                List<String> first = null;
                for (List<String> p : permutations(events)) {
                    List<String> end = run(p, intent);
                    if (first == null) {
                        first = end;
                    }
                    assertThat(end).as("%s, Stockholm %s: the order %s", s.name(), intent == null ? "undecided" : intent,
                            p.stream().map(e -> JSON.readTree(e.replace("%ORDER%", "0")).at("/events/0/action").asString() + " "
                                    + JSON.readTree(e.replace("%ORDER%", "0")).at("/events/0/data/warehouseId").asString("")).toList())
                            .isEqualTo(first);
                }
                ends.put(s.name() + " / " + (intent == null ? "undecided" : intent), first);
            }
        }
        // and the ends themselves are the story each set of events tells
        assertThat(ends.get("another shop wins / undecided")).containsExactly("lost", "lost");
        assertThat(ends.get("another shop wins / rejecting")).containsExactly("rejected", "lost");
        assertThat(ends.get("another shop wins / accepting")).containsExactly("lost", "lost");
        assertThat(ends.get("Stockholm times out, then another shop wins / undecided")).containsExactly("expired", "lost");
        assertThat(ends.get("head office resumes the order / undecided")).containsExactly("rejected", "rejected");
        assertThat(ends.get("head office resumes the order / accepting")).containsExactly("lost", "rejected");
        assertThat(ends.get("Stockholm accepted outside the connector / undecided").getFirst()).isEqualTo("accepted");
        assertThat(ends.get("Stockholm accepted outside the connector / rejecting").getFirst()).isEqualTo("accepted");
        assertThat(ends.get("everyone times out / undecided")).containsExactly("expired", "expired");
    }
}
