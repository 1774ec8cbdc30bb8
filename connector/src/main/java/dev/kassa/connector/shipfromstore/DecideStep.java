package dev.kassa.connector.shipfromstore;

import dev.kassa.centra.api.AllocationRequest;
import dev.kassa.centra.api.CentraOrder;
import dev.kassa.centra.api.OrderApiClient;
import dev.kassa.connector.centra.CentraClients;
import dev.kassa.connector.config.ConnectorConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The step "rules" ({@code offered}): rejects shortly before the deadline when nobody decided; for a store
 * whose rules decide, gathers what {@link OfferRules} needs (the order's lines, the store's free stock, its
 * hours and today's accepted orders) and records their verdict.
 */
@Component
class DecideStep {

    private final ConnectorConfig config;
    private final Offers offers;
    private final CentraClients centra;
    private final AnswerStep answers;
    private final Clock clock;

    DecideStep(ConnectorConfig config, Offers offers, CentraClients centra, AnswerStep answers, Clock clock) {
        this.config = config;
        this.offers = offers;
        this.centra = centra;
        this.answers = answers;
        this.clock = clock;
    }

    boolean run(Offers.Offer o, ConnectorConfig.Store store) {
        long now = clock.millis();
        long margin = config.shipFromStore().rejectMargin().toMillis();
        OrderApiClient client = centra.of(store.centraEndpoint());
        boolean request = o.variant().equals(ShipFromStore.ALLOCATION_REQUEST);
        Map<Long, Integer> wanted = new LinkedHashMap<>(); // lineId -> quantity this store is asked for; empty: every line
        if (request) {
            Optional<AllocationRequest> r = answers.request(o, client);
            if (r.isEmpty() || !r.get().open()) {
                return answers.settle(o, r, EnumSet.of(OfferState.OFFERED), null);
            }
            r.get().lines().forEach(l -> wanted.merge(l.lineId(), l.quantity(), Integer::sum));
        }
        Long rejectAt = ShipFromStore.rejectAt(o, margin);
        // rules still decide a timed-out allocation request: Centra can confirm it while its flow goes on
        boolean rulesDecideLate = request && store.ship().byRules();
        if (rejectAt != null && now >= rejectAt && !rulesDecideLate) {
            String why = rejectAt == o.deadlineMs() - margin
                    ? "nobody decided by " + config.written(rejectAt) + ", " + margin / 1000 + " s before the deadline"
                    : "nobody decided within " + OfferRules.LATE_DECISION.toMinutes() + " minutes of finding the request after its deadline";
            return offers.move(o.offerId(), EnumSet.of(OfferState.OFFERED), OfferState.REJECTING, "connector", why, Offers.Details.decidedBy("connector"));
        }
        if (!store.ship().byRules()) {
            offers.later(o.offerId(), OfferState.OFFERED, rejectAt == null ? now + 3_600_000 : rejectAt);
            return false; // a person decides
        }
        ZonedDateTime local = Instant.ofEpochMilli(now).atZone(store.ship().zone());
        String closed = store.ship().openingHours() != null && !store.ship().openingHours().isOpen(local)
                ? store.ship().openingHours().toString() : null;
        Integer capacity = store.ship().dailyCapacity();
        int today = 0;
        if (capacity != null) {
            long startOfDay = local.toLocalDate().atStartOfDay(store.ship().zone()).toInstant().toEpochMilli();
            today = offers.acceptedSince(store.id(), startOfDay);
        }
        List<OfferRules.Line> lines = new ArrayList<>();
        String warehouse = store.ship().centraWarehouseName();
        for (CentraOrder.Line line : OfferOrders.order(client, o.orderNumber()).lines()) {
            if (request && !wanted.containsKey(line.lineId())) {
                continue;
            }
            int qty = request ? wanted.get(line.lineId()) : line.quantity();
            int here = line.quantityIn(warehouse);
            // only what is not allocated here already needs free stock, and only then is Centra asked
            int available = qty - here <= 0 || line.ean().isEmpty() ? 0
                    : client.stockByEan(line.ean()).stream().mapToInt(r -> r.available()).sum();
            lines.add(new OfferRules.Line(line.name() + " " + line.size() + " (" + line.ean() + ")", qty, here, available));
        }
        OfferRules.Verdict verdict = OfferRules.judge(new OfferRules.Store(closed, capacity, today), lines);
        return offers.move(o.offerId(), EnumSet.of(OfferState.OFFERED), verdict.accept() ? OfferState.ACCEPTING : OfferState.REJECTING, "rules",
                verdict.explained(), Offers.Details.decidedBy("rules"));
    }
}
