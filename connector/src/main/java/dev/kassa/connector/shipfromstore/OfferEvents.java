package dev.kassa.connector.shipfromstore;

import dev.kassa.connector.config.ConnectorConfig;
import dev.kassa.connector.webhook.WebhookInbox;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Applies Centra's {@code check_first} and {@code allocation_request} events to the offers (spec §10.5).
 * Every event can arrive late, twice or before the {@code create} of its order: an event about an order
 * without offers is kept (done) and applied again when the create comes, and applying an event twice
 * changes nothing the second time.
 */
@Component
class OfferEvents {

    private static final Logger log = LoggerFactory.getLogger(OfferEvents.class);

    /** What became of an event. */
    enum Outcome { DONE, IGNORED }

    private final ConnectorConfig config;
    private final Offers offers;
    private final WebhookInbox inbox;
    private final java.time.Clock clock;

    OfferEvents(ConnectorConfig config, Offers offers, WebhookInbox inbox, java.time.Clock clock) {
        this.clock = clock;
        this.config = config;
        this.offers = offers;
        this.inbox = inbox;
    }

    Outcome apply(WebhookInbox.Event e) {
        if (e.type().equals("allocation_request")) {
            return applyAllocationRequest(e);
        }
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

    /**
     * Applies one of Centra's check-first events to the order's offers. The outcome does not depend on the
     * order in which events arrive (decision 0007 §9): each event names the end it implies for an offer,
     * given what the store decided ({@link Offers#intent}), and an offer moves there from any open state or
     * from an end that ranks below it ({@link #RANK}). Centra reporting this store's accept wins over
     * every end, since the order is then this store's to ship.
     */
    private void applyToOffers(String action, long order, long warehouse) {
        for (Offers.Offer o : offers.ofOrder(order)) {
            boolean same = o.warehouseId() == warehouse;
            String intent = offers.intent(o.offerId());
            switch (action) {
                case "accepted" -> {
                    if (same) {
                        // Centra says our warehouse accepted: our call's answer was lost, or someone accepted for us
                        offers.move(o.offerId(), ACCEPTED_FROM, OfferState.ACCEPTED, "centra",
                                "Centra reports that this store accepted");
                    } else if ("rejecting".equals(intent)) {
                        end(o, OfferState.REJECTED, "this store rejected; warehouse " + warehouse + " accepted the order");
                    } else {
                        end(o, OfferState.LOST, "warehouse " + warehouse + " accepted the order first");
                    }
                }
                case "rejected" -> {
                    if (same && "accepting".equals(intent)) {
                        // an accept under way meets a reject: another store won, or head office resumed the order
                        end(o, OfferState.LOST, "Centra rejected the offer while this store was accepting it");
                    } else if (same) {
                        end(o, OfferState.REJECTED, "Centra reports the offer rejected");
                    }
                }
                case "timeout" -> {
                    if (same && !"accepting".equals(intent)) {
                        end(o, OfferState.EXPIRED, "the deadline passed");
                    }
                }
                default -> log.debug("check_first {} is not applied to offers", action);
            }
        }
    }

    /** The ends an event can give an offer, lowest first: a later one replaces an earlier one, never the reverse. */
    static final List<OfferState> RANK = List.of(OfferState.REJECTED, OfferState.LOST, OfferState.EXPIRED);
    /** Where Centra's report of this store's accept takes an offer from. */
    static final Set<OfferState> ACCEPTED_FROM = EnumSet.of(OfferState.OFFERED, OfferState.ACCEPTING, OfferState.REJECTING,
            OfferState.REJECTED, OfferState.LOST, OfferState.EXPIRED);

    private void end(Offers.Offer o, OfferState to, String reason) {
        Set<OfferState> from = EnumSet.of(OfferState.OFFERED, OfferState.ACCEPTING, OfferState.REJECTING);
        from.addAll(RANK.subList(0, RANK.indexOf(to)));
        offers.move(o.offerId(), from, to, "centra", reason);
    }

    /**
     * An allocation request (direct, then confirm): its order number is {@code data.order.number} and its
     * warehouse {@code data.warehouseId} (the event's id is the request's, spec §13.9). A request the
     * connector has not seen becomes an offer whatever its status but {@code outdated} (a timed-out one can
     * still be confirmed); {@code outdated} means another warehouse confirmed the lines: the offer is lost.
     * Which request to answer is settled with Centra when answering, so an event's status only informs.
     */
    private Outcome applyAllocationRequest(WebhookInbox.Event e) {
        JsonNode data = e.body().path("data");
        if (!data.path("order").path("number").canConvertToLong() || !data.path("warehouseId").canConvertToLong()) {
            throw new IllegalArgumentException("an allocation_request event needs data.order.number and data.warehouseId");
        }
        long order = data.path("order").path("number").asLong();
        long warehouse = data.path("warehouseId").asLong();
        var store = config.storeOfWarehouse(warehouse);
        if (store.isEmpty()) {
            return Outcome.IGNORED;
        }
        String status = data.path("status").asString("");
        if (status.equals("outdated")) {
            offers.of(order, warehouse).ifPresent(o -> outdated(o.offerId()));
            return Outcome.DONE;
        }
        if (!e.action().equals("create") && !e.action().equals("update")) {
            return Outcome.IGNORED;
        }
        boolean known = offers.of(order, warehouse).isPresent();
        Long deadline = phpDate(data.path("expirationDate"));
        checkTimeZone(data.path("expirationDate").path("timezone").asString(""));
        offers.create("allocation-request", order, warehouse, store.get().id(), null, deadline, "centra",
                "allocation request (" + (status.isEmpty() ? "no status" : status) + ")"
                        + (deadline == null ? " without a deadline" : " until " + java.time.Instant.ofEpochMilli(deadline)));
        if (!known) {
            // An "outdated" of the same request that came before this event applies now. Centra's POS guide says
            // an event's id is the request's, its AMS help says the order number: both are looked under, and the
            // data fields (order number, warehouse) decide.
            java.util.Set<Long> ids = new java.util.LinkedHashSet<>();
            if (e.centraId() != null) {
                ids.add(e.centraId());
            }
            ids.add(order);
            for (WebhookInbox.Event earlier : ids.stream().flatMap(id -> inbox.processed("allocation_request", id).stream())
                    .toList()) {
                JsonNode d = earlier.body().path("data");
                if (d.path("status").asString("").equals("outdated") && d.path("order").path("number").asLong() == order
                        && d.path("warehouseId").asLong() == warehouse) {
                    offers.of(order, warehouse).ifPresent(o -> outdated(o.offerId()));
                }
            }
        }
        return Outcome.DONE;
    }

    private final java.util.Set<String> zonesWarned = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Centra's Order API does not say its instance time zone; an allocation request's deadline does (a PHP
     * DateTime with its zone). A zone other than {@code kassa.connector.centra.time-zone} means Order API dates
     * (order dates, the newer_than of searches) are read shifted: said once per zone, loudly.
     */
    private void checkTimeZone(String zone) {
        if (zone.isBlank()) {
            return;
        }
        try {
            java.time.ZoneId centra = java.time.ZoneId.of(zone.trim(), java.time.ZoneId.SHORT_IDS);
            java.time.Instant now = java.time.Instant.now(clock);
            if (!centra.getRules().getOffset(now).equals(config.centraTimeZone().getRules().getOffset(now)) && zonesWarned.add(zone)) {
                log.warn("Centra's allocation requests come in time zone {}, but kassa.connector.centra.time-zone is {}: Centra's"
                        + " dates are read shifted; set kassa.connector.centra.time-zone: {}", zone, config.centraTimeZone(), zone);
            }
        } catch (java.time.DateTimeException e) {
            log.debug("allocation request time zone {} is not one Java knows", zone);
        }
    }

    private void outdated(long offerId) {
        offers.move(offerId, EnumSet.of(OfferState.OFFERED, OfferState.ACCEPTING, OfferState.REJECTING), OfferState.LOST, "centra",
                "Centra outdated the allocation request: another warehouse confirmed its lines");
    }

    /** A PHP DateTime as JSON ({@code date}, {@code timezone_type}, {@code timezone}); null when absent. */
    static Long phpDate(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (n.isString()) {
            return deadline(n.asString());
        }
        String date = n.path("date").asString("");
        String zone = n.path("timezone").asString("");
        if (date.isBlank()) {
            return null;
        }
        try {
            java.time.ZoneId id = zone.isBlank() ? java.time.ZoneOffset.UTC : java.time.ZoneId.of(zone.trim(), java.time.ZoneId.SHORT_IDS);
            return java.time.LocalDateTime.parse(date.trim().replace(' ', 'T')).atZone(id).toInstant().toEpochMilli();
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("data.expirationDate is not a date with a time zone: " + n);
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
