package dev.kassa.connector.shipfromstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.common.testing.Http;
import dev.kassa.common.testing.HttpReceiver;
import dev.kassa.connector.ShipFromStoreTest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Check first under the worst the docs allow: the Centra sandbox's real events for {@value #ORDERS} orders
 * are captured and delivered to the connector one by one in a random order, many of them more than once,
 * interleaved with staff decisions, the worker, the till closing orders, the clock moving past deadlines,
 * the connector's calls to Centra and Centara failing before or after they took effect, offers accepted or
 * rejected in Centra by someone else (AMS, another integration), webhooks Centra never delivered (all but the
 * creates, which nothing can recover) and the safety net's polls. In the end
 * every order a shop accepted in Centra has exactly one Centara order in that shop and exactly one Centra
 * shipment, shipped by the connector; no other order has either. The seed is printed; rerun one with
 * {@code -Dkassa.fuzz.seed=<seed>}.
 */
class ShipFromStoreFuzzTest extends ShipFromStoreTest {

    @org.springframework.beans.factory.annotation.Autowired
    SafetyNet safetyNet;
    private int outsideAnswers;
    private int lostEvents;

    static final int ORDERS = 30;
    static final int STEPS = 600;
    private static final String EAN = "7350000010022";
    private static final Map<Long, String> STORE_OF_WAREHOUSE = Map.of(2L, "stockholm", 3L, "goteborg");
    private static final Map<String, String> KEYS = Map.of("stockholm", STOCKHOLM_KEY, "goteborg", GOTEBORG_KEY);

    private final List<String> pending = new ArrayList<>(); // single-event webhook payloads not delivered yet
    private final List<String> delivered = new ArrayList<>();
    private int captured;

    @Test
    void anyOrderOfEventsWithFailuresShipsEachAcceptedOrderOnceAndNothingElse() {
        long seed = Long.getLong("kassa.fuzz.seed", System.nanoTime());
        System.out.println("ShipFromStoreFuzzTest seed " + seed + " (-Dkassa.fuzz.seed=" + seed + " repeats it)");
        Random rnd = new Random(seed);
        CENTRA.setPhysical("stockholm", EAN, 10_000);
        CENTRA.setPhysical("goteborg", EAN, 10_000);
        try (HttpReceiver capture = new HttpReceiver()) {
            webhooksTo(capture.url(""));
            failures(rnd);
            List<Long> orders = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                orders.add(place(300 + rnd.nextInt(3300)));
            }
            for (int step = 0; step < STEPS; step++) {
                collect(capture);
                int r = rnd.nextInt(100);
                if (r < 33) {
                    deliverOne(rnd);
                } else if (r < 36) {
                    loseOne(rnd);
                } else if (r < 42 && !delivered.isEmpty()) {
                    deliver(delivered.get(rnd.nextInt(delivered.size()))); // a duplicate
                } else if (r < 51) {
                    processor.processAll();
                } else if (r < 63) {
                    worker.workAll();
                } else if (r < 78) {
                    decide(rnd, orders.get(rnd.nextInt(orders.size())));
                } else if (r < 82) {
                    answerOutside(rnd, orders.get(rnd.nextInt(orders.size())));
                } else if (r < 88) {
                    shipSomething(rnd);
                } else if (r < 91) {
                    advance(Duration.ofSeconds(30 + rnd.nextInt(400)));
                } else if (r < 93) {
                    safetyNet.poll();
                } else {
                    failures(rnd);
                }
            }

            // the calm after: failures stop, every event arrives (some twice), time runs until everything settled
            countHits();
            CENTRA.calm();
            centaraFaults("DELETE", null);
            for (int round = 0; round < 40 && !settled(orders); round++) {
                collect(capture);
                while (!pending.isEmpty()) {
                    deliverOne(rnd);
                }
                for (int d = 0; d < 5 && !delivered.isEmpty(); d++) {
                    deliver(delivered.get(rnd.nextInt(delivered.size())));
                }
                processor.processAll();
                safetyNet.poll();
                worker.workAll();
                closeTillOrders(orders);
                advance(Duration.ofMinutes(6)); // past the back-off of any failed call, and the till poll
                worker.workAll();
            }
            assertThat(settled(orders)).as("every offer reached a final state (seed %d)", seed).isTrue();
            check(orders, seed);
        }
    }

    /**
     * New random failure rates for the connector's calls, and the answer of the next write that matters
     * (an accept, a till order, a shipment) lost after it took effect.
     */
    private static void failures(Random rnd) {
        countHits();
        CENTRA.calm();
        centaraFaults("DELETE", null);
        // first the one lost answer, so no random fault takes its call; then the random ones, on the stores'
        // Centra endpoints and on Centara: refused before anything happened, or answered and the answer lost
        switch (rnd.nextInt(3)) {
            case 0 -> CENTRA.fault(loseOne("/api/*/check-first"));
            case 1 -> centaraFaults("POST", loseOne("/api/order"));
            default -> CENTRA.fault(loseOne("/api/*/shipments"));
        }
        String stores = "/api/store-*/**";
        CENTRA.fault(random("\"kind\": \"status\", \"status\": 503", stores, rnd.nextDouble() * 0.3, rnd.nextLong()));
        CENTRA.fault(random("\"kind\": \"lost-answer\"", stores, rnd.nextDouble() * 0.3, rnd.nextLong()));
        centaraFaults("POST", random("\"kind\": \"status\", \"status\": 503", "/api/**", rnd.nextDouble() * 0.3, rnd.nextLong()));
        centaraFaults("POST", random("\"kind\": \"lost-answer\"", "/api/**", rnd.nextDouble() * 0.3, rnd.nextLong()));
    }

    private static String loseOne(String path) {
        return "{\"kind\": \"lost-answer\", \"method\": \"POST\", \"path\": \"" + path + "\", \"count\": 1}";
    }

    private static String random(String kind, String path, double probability, long seed) {
        return "{" + kind + ", \"path\": \"" + path + "\", \"probability\": " + Math.max(0.001, probability)
                + ", \"seed\": " + seed + "}";
    }

    /** Calls the sandboxes' faults hit, before (a status) and after (a lost answer) they took effect. */
    private static int failedBefore;
    private static int failedAfter;

    private static void countHits() {
        List<JsonNode> all = new ArrayList<>();
        CENTRA.admin("GET", "/sandbox/faults/http", null).json().get("faults").forEach(all::add);
        Http.send("GET", TILL + "/sandbox/faults/http", TILL_ADMIN, null).json().get("faults").forEach(all::add);
        for (JsonNode f : all) {
            if (f.get("kind").asString().equals("status")) {
                failedBefore += f.get("hits").asInt();
            } else {
                failedAfter += f.get("hits").asInt();
            }
        }
    }

    private long place(long expiresInSeconds) {
        Http.Response r = CENTRA.admin("POST", "/sandbox/web-orders", """
                {"country": "SE", "customer": {"email": "fuzz@example.com", "firstName": "F"},
                 "lines": [{"ean": "%s", "qty": 1}],
                 "offers": [{"warehouse": 2, "expiresInSeconds": %d}, {"warehouse": 3, "expiresInSeconds": %d}]}"""
                .formatted(EAN, expiresInSeconds, expiresInSeconds));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("orderNumber").asLong();
    }

    /** Splits what the sandbox sent into one payload per event, so each can come on its own. */
    private void collect(HttpReceiver capture) {
        while (captured < capture.calls.size()) {
            String body = capture.calls.get(captured++).body();
            String json = URLDecoder.decode(body.substring(body.indexOf('=') + 1), StandardCharsets.UTF_8);
            for (JsonNode e : JSON.readTree(json).get("events")) {
                pending.add("{\"events\": [" + e + "]}");
            }
        }
    }

    private void deliverOne(Random rnd) {
        if (pending.isEmpty()) {
            return;
        }
        String e = pending.remove(rnd.nextInt(pending.size()));
        Http.Response r = deliver(e);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        delivered.add(e);
    }

    /** A webhook call Centra never makes (its plugin retries nothing by default); a create is never lost here. */
    private void loseOne(Random rnd) {
        List<String> losable = pending.stream().filter(e -> !e.contains("\"action\":\"create\"")).toList();
        if (!losable.isEmpty()) {
            pending.remove(losable.get(rnd.nextInt(losable.size())));
            lostEvents++;
        }
    }

    /** Someone else answers a shop's offer in Centra (AMS, another integration): straight to Centra, not through the connector. */
    private void answerOutside(Random rnd, long order) {
        String store = rnd.nextBoolean() ? "stockholm" : "goteborg";
        long warehouse = store.equals("stockholm") ? 2 : 3;
        boolean accept = rnd.nextInt(10) < 7;
        Http.Response r;
        try {
            r = Http.send("POST", CENTRA.endpoint("store-" + store) + "/check-first",
                    Map.of("API-Authorization", dev.kassa.connector.CentraSandbox.secret(store)),
                    "{\"orderNumber\": " + order + ", \"warehouseId\": " + warehouse + ", \"accepted\": " + accept + "}");
        } catch (java.io.UncheckedIOException e) {
            return; // the sandbox's faults hit everyone's calls: the answer was lost, and it may or may not have counted
        }
        if (r.status() == 503) {
            return; // refused by a fault before it did anything: the other actor does not try again
        }
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        if (r.json().path("status").asString().equals("ok")) {
            outsideAnswers++;
        }
    }

    private void decide(Random rnd, long order) {
        String store = rnd.nextBoolean() ? "stockholm" : "goteborg";
        JsonNode offer = offerOf(KEYS.get(store), store, order);
        if (offer == null || !offer.get("state").asString().equals("offered")) {
            return;
        }
        String path = "/api/stores/" + store + "/offers/" + offer.get("id").asLong();
        Http.Response r = rnd.nextInt(10) < 7 ? storeCall(KEYS.get(store), path + "/accept", "{\"by\": \"fuzz\"}")
                : storeCall(KEYS.get(store), path + "/reject", "{\"reason\": \"fuzz says no\", \"by\": \"fuzz\"}");
        assertThat(r.status()).as(r.body()).isIn(200, 409); // 409: the deadline passed, or Centra's events ended it
    }

    /** Closes a random till order of an offer in the till, or marks it shipped through the store API. */
    private void shipSomething(Random rnd) {
        record InTill(long offerId, String store, String till) {
        }
        List<InTill> inTill = jdbc.sql("select offer_id, store_id, centara_order_id from connector_offer where state = 'in_till'")
                .query((rs, n) -> new InTill(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
        if (inTill.isEmpty()) {
            return;
        }
        InTill o = inTill.get(rnd.nextInt(inTill.size()));
        String store = o.store();
        long offerId = o.offerId();
        String till = o.till();
        if (rnd.nextBoolean()) {
            Http.Response r = Http.send("POST", TILL + "/sandbox/orders/" + till + "/close", TILL_ADMIN, null);
            assertThat(r.status()).as(r.body()).isIn(200, 409);
        } else if (KEYS.containsKey(store)) {
            Http.Response r = storeCall(KEYS.get(store), "/api/stores/" + store + "/offers/" + offerId + "/shipped",
                    "{\"carrier\": \"PostNord\", \"tracking\": \"FUZZ" + offerId + "\"}");
            assertThat(r.status()).as(r.body()).isIn(200, 409);
        }
    }

    private void closeTillOrders(List<Long> orders) {
        for (long order : orders) {
            jdbc.sql("select centara_order_id from connector_offer where order_number = ? and state = 'in_till'").param(order)
                    .query(String.class).list().forEach(till -> Http.send("POST", TILL + "/sandbox/orders/" + till + "/close", TILL_ADMIN, null));
        }
    }

    private boolean settled(List<Long> orders) {
        for (long order : orders) {
            for (String state : jdbc.sql("select state from connector_offer where order_number = ?").param(order).query(String.class).list()) {
                if (!Offers.FINAL.contains(state)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void check(List<Long> orders, long seed) {
        JsonNode activity = CENTRA.admin("GET", "/sandbox/state", null).json().get("activity");
        Map<Long, Long> acceptedBy = new HashMap<>();
        for (JsonNode o : activity.get("checkFirstOffers")) {
            if (o.get("state").asString().equals("accepted")) {
                assertThat(acceptedBy.put(o.get("orderNumber").asLong(), o.get("warehouse").asLong()))
                        .as("Centra let one shop accept order %d (seed %d)", o.get("orderNumber").asLong(), seed).isNull();
            }
        }
        Map<Long, Integer> shipments = new HashMap<>();
        for (JsonNode s : activity.get("shipments")) {
            shipments.merge(s.get("orderNumber").asLong(), 1, Integer::sum);
        }
        int accepted = 0;
        for (long order : orders) {
            Long warehouse = acceptedBy.get(order);
            Http.Response till = Http.send("GET", TILL + "/api/order/" + order, Map.of("Authorization", "Bearer " + CENTARA_TOKEN), null);
            Map<String, String> states = new HashMap<>();
            jdbc.sql("select store_id, state from connector_offer where order_number = ?").param(order)
                    .query((rs, n) -> states.put(rs.getString(1), rs.getString(2))).list();
            String what = "order " + order + " (seed " + seed + "), offers " + states;
            if (warehouse == null) {
                assertThat(shipments.getOrDefault(order, 0)).as("no shipment: " + what).isZero();
                assertThat(till.status()).as("no till order: " + what).isEqualTo(404);
                assertThat(states.values()).as(what).doesNotContainAnyElementsOf(Set.of("accepted", "in_till", "shipping", "shipped"));
                continue;
            }
            accepted++;
            String winner = STORE_OF_WAREHOUSE.get(warehouse);
            assertThat(shipments.getOrDefault(order, 0)).as("exactly one shipment: " + what).isEqualTo(1);
            assertThat(till.status()).as("a till order: " + what).isEqualTo(200);
            assertThat(till.json().get("StoreId").asInt()).as(what).isEqualTo(winner.equals("stockholm") ? 1 : 2);
            assertThat(states.get(winner)).as(what).isEqualTo("shipped");
            states.forEach((store, state) -> {
                if (!store.equals(winner)) {
                    assertThat(state).as(what).isIn("lost", "rejected", "expired");
                }
            });
        }
        System.out.println("ShipFromStoreFuzzTest: " + accepted + " of " + ORDERS + " orders accepted and shipped once; "
                + delivered.size() + " webhook deliveries; " + failedBefore + "/" + failedAfter
                + " Centra and Centara calls failed before/after; " + outsideAnswers + " offers answered outside the connector, " + lostEvents + " webhooks lost");
        assertThat(accepted).as("the fuzz exercised accepts (seed %d)", seed).isPositive();
    }
}
