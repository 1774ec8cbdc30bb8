package dev.kassa.connector.shipfromstore;

import dev.kassa.centara.api.CentaraOrder;
import dev.kassa.connector.config.ConnectorConfig;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The step "till watch" ({@code in_till}): looks at the till order; closed means shipped (or collected),
 * deleted in the store needs a person. Looked at every {@code till-poll-millis}, or every second while a
 * console page of the store is open on any node ({@link #keep}).
 */
@Component
class TillWatchStep {

    /** How often a till order is looked at while someone has the store's console open (else {@code till-poll-millis}). */
    static final long WATCHED_TILL_POLL_MS = 1000;

    private final ConnectorConfig config;
    private final Offers offers;
    private final Tills tills;
    private final Clock clock;
    private final Map<String, AtomicInteger> watchers = new ConcurrentHashMap<>();

    TillWatchStep(ConnectorConfig config, Offers offers, Tills tills, Clock clock) {
        this.config = config;
        this.offers = offers;
        this.tills = tills;
        this.clock = clock;
    }

    boolean run(Offers.Offer o) {
        if (tills.client().isEmpty()) {
            offers.backOff(o.offerId(), o.current(), Tills.NOT_CONFIGURED, 60_000);
            return false;
        }
        Optional<CentaraOrder> till = tills.client().get().order(o.centaraOrderId());
        if (till.isPresent() && till.get().closed()) {
            return offers.move(o.offerId(), EnumSet.of(OfferState.IN_TILL), OfferState.SHIPPING, "till", "closed at the till");
        }
        if (till.isEmpty() || till.get().deleted()) {
            return offers.move(o.offerId(), EnumSet.of(OfferState.IN_TILL), OfferState.FAILED, "till", "the till order " + o.centaraOrderId()
                    + (till.isEmpty() ? " is gone" : " was deleted in the store") + "; the Centra order is still allocated to"
                    + " this store: ship it or reallocate it in Centra");
        }
        offers.tillStatus(o.offerId(), o.storeId(), till.get().status());
        offers.later(o.offerId(), OfferState.IN_TILL, clock.millis() + (watched(o.storeId()) ? WATCHED_TILL_POLL_MS
                : config.shipFromStore().tillPollMillis()));
        return false;
    }

    /** A console page of the store opened ({@code +1}) or closed ({@code -1}); true when it is the first one open. */
    boolean watch(String storeId, int delta) {
        int now = watchers.computeIfAbsent(storeId, s -> new AtomicInteger()).addAndGet(delta);
        if (delta > 0 && now == delta) {
            offers.lookSooner(storeId, OfferState.IN_TILL, clock.millis() + WATCHED_TILL_POLL_MS);
            return true;
        }
        return false;
    }

    /** A page of the store is still open: its till orders are due within a second, for whichever node looks. */
    void keep(String storeId) {
        offers.lookSooner(storeId, OfferState.IN_TILL, clock.millis() + WATCHED_TILL_POLL_MS);
    }

    private boolean watched(String storeId) {
        AtomicInteger n = watchers.get(storeId);
        return n != null && n.get() > 0;
    }
}
