package dev.kassa.connector.shipfromstore;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ship-from-store metrics ({@code /actuator/prometheus}): offers by state ({@code kassa.offers{state}}, read
 * from the database at most every 5 s), and how long the steps take: offered to decided
 * ({@code kassa.offer.decide{decision}}), accepted to the till order ({@code kassa.offer.to.till}) and till
 * order to shipment ({@code kassa.offer.to.shipment}).
 */
@Component
public class OfferMetrics {

    static final List<String> STATES = List.of("offered", "accepting", "rejecting", "accepted", "in_till", "shipping", "shipped",
            "rejected", "expired", "lost", "failed", "shadowed");

    private final MeterRegistry registry;
    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Map<String, Long> counts = Map.of();
    private volatile long countedAtMs = Long.MIN_VALUE;

    OfferMetrics(MeterRegistry registry, JdbcClient jdbc, Clock clock) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.clock = clock;
        for (String state : STATES) {
            Gauge.builder("kassa.offers", this, m -> m.counts().getOrDefault(state, 0L)).tag("state", state)
                    .description("ship-from-store offers in this state").register(registry);
        }
    }

    private Map<String, Long> counts() {
        long now = clock.millis();
        if (countedAtMs == Long.MIN_VALUE || now - countedAtMs >= 5_000 || now < countedAtMs) {
            Map<String, Long> fresh = new ConcurrentHashMap<>();
            jdbc.sql("select state, count(*) as n from connector_offer group by state").query()
                    .listOfRows().forEach(r -> fresh.put((String) r.get("state"), ((Number) r.get("n")).longValue()));
            counts = fresh;
            countedAtMs = now;
        }
        return counts;
    }

    /** Records how long the step that ended in {@code to} took (called once per move, after it was committed). */
    void moved(Offers.Offer before, String to, long atMs) {
        switch (to) {
            case "accepting", "rejecting" -> timer("kassa.offer.decide", "offered until a store (or its rules) decided", "decision",
                    to.equals("accepting") ? "accept" : "reject").record(Duration.ofMillis(Math.max(0, atMs - before.createdAtMs())));
            case "in_till" -> since(before.offerId(), "accepting", atMs).ifPresent(d -> timer("kassa.offer.to.till",
                    "from the accept to the order in the shop's till", null, null).record(d));
            case "shipped" -> since(before.offerId(), "in_till", atMs).ifPresent(d -> timer("kassa.offer.to.shipment",
                    "from the order in the till to the Centra shipment", null, null).record(d));
            default -> {
            }
        }
    }

    private java.util.Optional<Duration> since(long offerId, String state, long atMs) {
        return jdbc.sql("select max(at_ms) from connector_offer_transition where offer_id = ? and to_state = ?").params(offerId, state)
                .query(Long.class).optional().map(t -> Duration.ofMillis(Math.max(0, atMs - t)));
    }

    private Timer timer(String name, String description, String tag, String value) {
        Timer.Builder b = Timer.builder(name).description(description);
        if (tag != null) {
            b.tag(tag, value);
        }
        return b.register(registry);
    }
}
