package dev.kassa.connector.shipfromstore;

import dev.kassa.connector.config.ConnectorConfig;
import dev.kassa.connector.webhook.WebhookInbox;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Applies Centra's {@code check_first} events to the offers (spec §10.5). Every event can arrive late,
 * twice or before the {@code create} of its order: an event about an order without offers is kept (done)
 * and applied again when the create comes, and applying an event twice changes nothing the second time.
 */
@Component
class OfferEvents {

    private static final Logger log = LoggerFactory.getLogger(OfferEvents.class);

    /** What became of an event. */
    enum Outcome { DONE, IGNORED }

    private final ConnectorConfig config;
    private final Offers offers;
    private final WebhookInbox inbox;

    OfferEvents(ConnectorConfig config, Offers offers, WebhookInbox inbox) {
        this.config = config;
        this.offers = offers;
        this.inbox = inbox;
    }

    Outcome apply(WebhookInbox.Event e) {
        if (!e.type().equals("check_first")) {
            return Outcome.IGNORED;
        }
        if (e.centraId() == null) {
            throw new IllegalArgumentException("a check_first event needs the order number as id");
        }
        long order = e.centraId();
        JsonNode data = e.body().path("data");
        switch (e.action()) {
            case "create" -> {
                boolean ours = false;
                for (JsonNode w : data.path("warehouses")) {
                    long warehouse = w.path("warehouseId").asLong();
                    var store = config.storeOfWarehouse(warehouse);
                    if (store.isEmpty()) {
                        continue;
                    }
                    ours = true;
                    Long deadline = deadline(w.path("expirationAt").asString(null));
                    offers.create("check-first", order, warehouse, store.get().id(), null, deadline, "centra",
                            "offered by Centra" + (deadline == null ? " without a deadline" : " until " + w.path("expirationAt").asString()));
                }
                if (!ours) {
                    return Outcome.IGNORED;
                }
                // events of this order that came before its create apply now
                for (WebhookInbox.Event earlier : inbox.processed("check_first", order)) {
                    if (!earlier.action().equals("create")) {
                        applyToOffers(earlier.action(), order, earlier.body().path("data").path("warehouseId").asLong());
                    }
                }
                return Outcome.DONE;
            }
            case "accepted", "rejected", "timeout" -> {
                applyToOffers(e.action(), order, data.path("warehouseId").asLong());
                return Outcome.DONE;
            }
            default -> {
                return Outcome.IGNORED;
            }
        }
    }

    private void applyToOffers(String action, long order, long warehouse) {
        for (Offers.Offer o : offers.ofOrder(order)) {
            boolean same = o.warehouseId() == warehouse;
            switch (action) {
                case "accepted" -> {
                    if (same) {
                        // Centra says our warehouse accepted (our call's answer may have been lost)
                        offers.move(o.offerId(), Set.of("offered", "accepting"), "accepted", "centra",
                                "Centra reports that this store accepted", Map.of());
                    } else {
                        offers.move(o.offerId(), Set.of("offered", "accepting", "rejecting"), "lost", "centra",
                                "warehouse " + warehouse + " accepted the order first", Map.of());
                    }
                }
                case "rejected" -> {
                    if (same) {
                        offers.move(o.offerId(), Set.of("offered", "rejecting"), "rejected", "centra",
                                "Centra reports the offer rejected", Map.of());
                        // an accept under way meets a reject: another store won, or head office resumed the order
                        offers.move(o.offerId(), Set.of("accepting"), "lost", "centra",
                                "Centra rejected the offer while this store was accepting it", Map.of());
                    }
                }
                case "timeout" -> {
                    if (same) {
                        offers.move(o.offerId(), Set.of("offered", "rejecting"), "expired", "centra",
                                "the deadline passed", Map.of());
                    }
                }
                default -> log.debug("check_first {} is not applied to offers", action);
            }
        }
    }

    static Long deadline(String expirationAt) {
        if (expirationAt == null || expirationAt.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(expirationAt.trim()).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expirationAt is not an ISO-8601 date-time with offset: " + expirationAt);
        }
    }
}
