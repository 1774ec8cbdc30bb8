package dev.kassa.connector.shipfromstore;

import dev.kassa.centra.api.AllocationRequest;
import dev.kassa.centra.api.OrderApiClient;
import dev.kassa.connector.centra.CentraClients;
import dev.kassa.connector.config.ConnectorConfig;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The step "Centra answer" ({@code accepting}, {@code rejecting}): POST check-first, or PUT
 * allocation-request, with the decision; Centra's answer settles the offer.
 */
@Component
class AnswerStep {

    static final String ALREADY_ANSWERED = "check first already answered";

    private final Offers offers;
    private final CentraClients centra;

    AnswerStep(Offers offers, CentraClients centra) {
        this.offers = offers;
        this.centra = centra;
    }

    boolean run(Offers.Offer o, ConnectorConfig.Store store, boolean accept) {
        OrderApiClient client = centra.of(store.centraEndpoint());
        if (o.variant().equals(ShipFromStore.ALLOCATION_REQUEST)) {
            return answerRequest(o, client, accept);
        }
        Optional<String> refusal = client.checkFirst(o.orderNumber(), o.warehouseId(), accept);
        OfferState from = accept ? OfferState.ACCEPTING : OfferState.REJECTING;
        if (refusal.isEmpty()) {
            return offers.move(o.offerId(), EnumSet.of(from), accept ? OfferState.ACCEPTED : OfferState.REJECTED, "centra", "check-first: ok");
        }
        String msg = refusal.get();
        if (msg.contains(ALREADY_ANSWERED)) {
            // Someone answered for this warehouse before: our own call whose answer was lost, or an accept or
            // reject made in Centra (AMS, Centra's API, another integration). What Centra did with the order
            // tells which: allocated to this store means it is this store's order to ship, whatever we meant.
            boolean ours = !OfferOrders.order(client, o.orderNumber()).linesIn(store.ship().centraWarehouseName()).isEmpty();
            OfferState to = ours ? OfferState.ACCEPTED : accept ? OfferState.LOST : OfferState.REJECTED;
            return offers.move(o.offerId(), EnumSet.of(from), to, "centra", "check-first: " + msg
                    + (ours ? "; the order is allocated to this store" + (accept ? "" : ", so it is this store's to ship")
                    : "; the order is not allocated here"));
        }
        // another warehouse's accept ends a store's own reject as rejected, as its event would (OfferEvents)
        OfferState to = msg.contains("accepted by another warehouse") ? (accept ? OfferState.LOST : OfferState.REJECTED)
                : msg.contains("expired") ? OfferState.EXPIRED : OfferState.FAILED;
        return offers.move(o.offerId(), EnumSet.of(from), to, "centra", "check-first: " + msg);
    }

    /**
     * PUT allocation-request. A refusal is explained by the request's status afterwards: confirmed means our
     * earlier confirm went through (its answer was lost); outdated or rejected mean the order went elsewhere.
     */
    private boolean answerRequest(Offers.Offer o, OrderApiClient client, boolean accept) {
        OfferState from = accept ? OfferState.ACCEPTING : OfferState.REJECTING;
        Optional<AllocationRequest> r = request(o, client);
        if (r.isEmpty() || !r.get().open()) {
            return settle(o, r, EnumSet.of(from), null);
        }
        long id = r.get().id();
        Optional<String> refusal = client.answerAllocationRequest(id, accept);
        if (refusal.isEmpty()) {
            return offers.move(o.offerId(), EnumSet.of(from), accept ? OfferState.ACCEPTED : OfferState.REJECTED, "centra",
                    "allocation request " + id + " " + (accept ? "confirmed" : "rejected"));
        }
        Optional<AllocationRequest> now = request(o, client);
        if (now.isPresent() && !now.get().open()) {
            return settle(o, now, EnumSet.of(from), refusal.get());
        }
        return offers.move(o.offerId(), EnumSet.of(from), OfferState.FAILED, "centra", "allocation request " + id + ": " + refusal.get());
    }

    /**
     * The offer's allocation request as Centra has it now ({@code GET allocation-requests?order=&warehouse=}):
     * the one the offer answers, else the newest open one, else the newest. The event's id is not trusted
     * for this (spec §10.5).
     */
    Optional<AllocationRequest> request(Offers.Offer o, OrderApiClient client) {
        List<AllocationRequest> all = client.allocationRequests(Map.of("order", Long.toString(o.orderNumber()),
                "warehouse", Long.toString(o.warehouseId()), "status", "all"));
        Optional<AllocationRequest> pick = all.stream().filter(r -> o.requestId() != null && r.id() == o.requestId()).findFirst();
        if (pick.isEmpty()) {
            pick = all.stream().filter(AllocationRequest::open).max(Comparator.comparingLong(AllocationRequest::id));
        }
        if (pick.isEmpty()) {
            pick = all.stream().max(Comparator.comparingLong(AllocationRequest::id));
        }
        pick.filter(r -> o.requestId() == null || r.id() != o.requestId() || !Objects.equals(r.expiresAtMs(), o.deadlineMs()))
                .ifPresent(r -> offers.request(o.offerId(), r.id(), r.expiresAtMs()));
        return pick;
    }

    /** An allocation request that is no longer open (or not there) ends the offer as its status says. */
    boolean settle(Offers.Offer o, Optional<AllocationRequest> r, Set<OfferState> from, String refusal) {
        String said = refusal == null ? "" : " (" + refusal + ")";
        if (r.isEmpty()) {
            return offers.move(o.offerId(), from, OfferState.FAILED, "centra", "Centra lists no allocation request of order "
                    + o.orderNumber() + " for warehouse " + o.warehouseId() + said);
        }
        String status = r.get().status();
        OfferState to = switch (status) {
            case "confirmed" -> OfferState.ACCEPTED;
            case "rejected" -> from.contains(OfferState.ACCEPTING) ? OfferState.LOST : OfferState.REJECTED;
            case "outdated" -> OfferState.LOST;
            default -> OfferState.FAILED;
        };
        String why = switch (status) {
            case "confirmed" -> "Centra shows allocation request " + r.get().id() + " confirmed";
            case "rejected" -> "Centra shows allocation request " + r.get().id() + " rejected";
            case "outdated" -> "Centra outdated allocation request " + r.get().id() + ": another warehouse confirmed its lines";
            default -> "allocation request " + r.get().id() + " is " + status;
        };
        return offers.move(o.offerId(), from, to, "centra", why + said);
    }
}
