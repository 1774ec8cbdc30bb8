package dev.kassa.connector.shipfromstore;

import dev.kassa.centra.api.CentraException;
import dev.kassa.centra.api.CentraOrder;
import dev.kassa.centra.api.OrderApiClient;
import dev.kassa.centara.api.CentaraException;
import dev.kassa.connector.ShadowCalls;
import dev.kassa.connector.centra.CentraClients;
import dev.kassa.connector.config.ConnectorConfig;
import dev.kassa.connector.intake.PosIntake;
import dev.kassa.connector.db.RowLock;
import dev.kassa.connector.jobs.Jobs;
import dev.kassa.connector.web.ApiProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Carries each offer through its states (docs/ship-from-store.md), one offer at a time per offer across
 * threads and nodes (the lock {@code offer:<id>}), one step per state, each in a class of its own:
 * {@link DecideStep} (the store's rules, or a reject shortly before the deadline when nobody decided),
 * {@link AnswerStep} (POST check-first, or PUT allocation-request), {@link TillOrderStep} (the order into the
 * store's Centara till exactly once, ReferenceNumber = the Centra order number), {@link TillWatchStep}
 * (the till order, until closed) and {@link ShipmentStep} (the Centra shipment of the store's lines exactly
 * once). This class takes what people do (decide, not in stock, shipped) and runs the steps in lanes.
 */
@Component
public class ShipFromStore {

    private static final Logger log = LoggerFactory.getLogger(ShipFromStore.class);
    static final String ALLOCATION_REQUEST = "allocation-request";

    private final ConnectorConfig config;
    private final Offers offers;
    private final CentraClients centra;
    private final RowLock locks;
    private final Clock clock;
    private final ShadowCalls shadow;
    private final DecideStep rules;
    private final AnswerStep answer;
    private final TillOrderStep tillOrder;
    private final TillWatchStep tillWatch;
    private final ShipmentStep shipment;
    private final OfferOrders orders;
    private final PosIntake intake;
    private final Jobs.Keyed lanes;

    ShipFromStore(ConnectorConfig config, Offers offers, CentraClients centra, RowLock locks, Clock clock, ShadowCalls shadow, DecideStep rules, AnswerStep answer, TillOrderStep tillOrder,
                  TillWatchStep tillWatch, ShipmentStep shipment, OfferOrders orders, PosIntake intake, Jobs jobs) {
        this.intake = intake;
        this.config = config;
        this.offers = offers;
        this.centra = centra;
        this.locks = locks;
        this.clock = clock;
        this.shadow = shadow;
        this.rules = rules;
        this.answer = answer;
        this.tillOrder = tillOrder;
        this.tillWatch = tillWatch;
        this.shipment = shipment;
        this.orders = orders;
        this.lanes = jobs.perKey("offer-lane", key -> {
            int lane = Integer.parseInt(key);
            while (pass(lane)) {
                // a step moved an offer: the next pass may find more to do
            }
        });
        jobs.every("offers", Duration.ofMillis(config.shipFromStore().pollMillis()), this::nudge);
    }

    // ---- what people (and the API) do ---------------------------------------------------------------------

    /** Why a decision or a "shipped" could not be taken (the API's 404 or 409 problem). */
    public static final class Refused extends ApiProblem {
        private final boolean notFound;
        private final String code;
        private final Object[] args;

        /**
         * {@code message} in English for the API; {@code code} and {@code args} for the console, which says it
         * in the clerk's language ({@code refused.<code>}: the order number, then what the code needs).
         */
        Refused(String message, boolean notFound, String code, Object... args) {
            super(notFound ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT, message);
            this.notFound = notFound;
            this.code = code;
            this.args = args;
        }

        /** What went wrong, as a word: not-offered, expired, tracking-required, not-in-till, stock-not-set, no-offer. */
        public String code() {
            return code;
        }

        /** The order number (a string), then per code: the state (not-offered, not-in-till), the deadline in ms (expired), Centra's error (stock-not-set). */
        public Object[] args() {
            return args.clone();
        }

        public boolean notFound() {
            return notFound;
        }
    }

    /**
     * A person of the store accepts or rejects an offer that is still open: before its deadline, or for an
     * allocation request also after it (Centra can still confirm a timed-out request).
     */
    public Offers.Offer decide(String storeId, long offerId, boolean accept, String who, String reason) {
        Offers.Offer o = ownOffer(storeId, offerId);
        if (o.current() != OfferState.OFFERED) {
            throw new Refused("offer " + offerId + " is " + o.state() + ": only an offered order can be decided", false, "not-offered",
                    Long.toString(o.orderNumber()), o.state());
        }
        if (!o.variant().equals(ALLOCATION_REQUEST) && o.deadlineMs() != null && clock.millis() >= o.deadlineMs()) {
            throw new Refused("offer " + offerId + " expired at " + Instant.ofEpochMilli(o.deadlineMs()), false, "expired",
                    Long.toString(o.orderNumber()), o.deadlineMs());
        }
        OfferState to = accept ? OfferState.ACCEPTING : OfferState.REJECTING;
        if (!offers.move(offerId, EnumSet.of(OfferState.OFFERED), to, who, reason, Offers.Details.decidedBy(who))) {
            // Centra's events (another store won, the deadline passed) ended it a moment ago
            String now = offers.get(offerId).orElseThrow().state();
            throw new Refused("offer " + offerId + " is " + now + " now: only an offered order can be decided", false, "not-offered",
                    Long.toString(o.orderNumber()), now);
        }
        nudge();
        return offers.get(offerId).orElseThrow();
    }

    /**
     * The store rejected the offer because its items are not in stock: for a store with
     * {@code ship-from-store.not-in-stock-corrects-stock}, each of the order's items gets a stock count of 0 at
     * the store, which the stock writer applies like a till's count, so the web shop stops offering them from
     * this store. Recorded once per offer (a POS transaction {@code kassa-not-in-stock-<offer>}); the number
     * of items counted.
     */
    public int notInStock(String storeId, long offerId, String who) {
        Offers.Offer o = ownOffer(storeId, offerId);
        ConnectorConfig.Store store = config.store(storeId).orElseThrow();
        if (!store.ship().notInStockCorrectsStock()) {
            return 0;
        }
        OrderApiClient client = centra.of(store.centraEndpoint());
        Map<String, String> items = new LinkedHashMap<>(); // ItemId -> EAN
        try {
            for (CentraOrder.Line l : OfferOrders.order(client, o.orderNumber()).lines()) {
                items.putIfAbsent(orders.itemId(client, l), l.ean());
            }
        } catch (CentraException e) {
            throw new Refused("order " + o.orderNumber() + " is rejected, but its items' stock could not be set to 0: Centra did"
                    + " not answer (" + e.getMessage() + "); count them at the till", false, "stock-not-set",
                    Long.toString(o.orderNumber()), e.getMessage());
        }
        int counted = intake.recordZeroCount(store, "kassa-not-in-stock-" + offerId, "order " + o.orderNumber()
                + " rejected as not in stock by " + who, items);
        log.info("store {}: order {} rejected as not in stock; {} item(s) counted 0", storeId, o.orderNumber(), counted);
        return counted;
    }

    /**
     * The store shipped the order: the Centra shipment is made with this carrier and tracking. Both are
     * required unless the store says there is no tracking ({@code noTracking}: handed over in the shop), so
     * Centra never tells a customer an empty carrier by mistake.
     */
    public Offers.Offer shipped(String storeId, long offerId, String carrier, String tracking, boolean noTracking, String who) {
        Offers.Offer o = ownOffer(storeId, offerId);
        if (!noTracking && (carrier == null || carrier.isBlank() || tracking == null || tracking.isBlank())) {
            throw new Refused("carrier and tracking number are required to mark order " + o.orderNumber()
                    + " shipped, unless it has no tracking (handed over in the shop: say so)", false, "tracking-required",
                    Long.toString(o.orderNumber()));
        }
        if (o.current() != OfferState.IN_TILL) {
            throw new Refused("offer " + offerId + " is " + o.state() + ": only an order in the till can be shipped", false,
                    "not-in-till", Long.toString(o.orderNumber()), o.state());
        }
        // Centara's external-orders API has no call that closes an order: the till order stays open until
        // someone closes it at the till, which the reason says (the till deletes it 7 days after DueAt)
        if (!offers.move(offerId, EnumSet.of(OfferState.IN_TILL), OfferState.SHIPPING, who, "marked shipped" + (carrier == null ? "" : " with " + carrier
                + (tracking == null ? "" : " " + tracking)) + "; close till order " + o.centaraOrderId()
                + " at the till too (Centara's API cannot close it)", Offers.Details.shipped(carrier, tracking))) {
            String now = offers.get(offerId).orElseThrow().state();
            throw new Refused("offer " + offerId + " is " + now + " now: only an order in the till can be shipped", false,
                    "not-in-till", Long.toString(o.orderNumber()), now);
        }
        nudge();
        return offers.get(offerId).orElseThrow();
    }

    private Offers.Offer ownOffer(String storeId, long offerId) {
        Offers.Offer o = offers.get(offerId).orElseThrow(() -> new Refused("no offer " + offerId, true, "no-offer", Long.toString(offerId)));
        if (!o.storeId().equals(storeId)) {
            // the same answer as for an offer that does not exist: another store's offers are not even confirmed
            throw new Refused("no offer " + offerId, true, "no-offer", Long.toString(offerId));
        }
        return o;
    }

    // ---- the worker ------------------------------------------------------------------------------------------

    /**
     * Works on the due offers in the background: the job {@code offer-lane} of each of the {@link #LANES} lanes
     * with a due offer works through the offers whose id falls in it, so a backlog (hundreds of offers due at
     * once) never holds more than two database connections per lane (the offer's lock and the work), and the
     * lanes may run on different nodes. The job {@code offers} calls this every
     * {@code kassa.connector.ship-from-store.poll-millis}.
     */
    public void nudge() {
        SortedSet<Integer> due = new TreeSet<>();
        for (long id : offers.due(clock.millis())) {
            due.add(Math.floorMod(id, LANES));
        }
        due.forEach(lane -> lanes.soon(Integer.toString(lane)));
    }

    private static final int LANES = 4;

    /** Every due offer of the lane as far as it goes; true when one moved (a next pass may find more to do). */
    private boolean pass(int lane) {
        boolean moved = false;
        for (long id : offers.due(clock.millis())) {
            if (Math.floorMod(id, LANES) == lane) {
                while (work(id)) {
                    moved = true;
                }
            }
        }
        return moved;
    }

    /**
     * Works on every offer that is due until none moves any more, waiting for offers another thread is
     * working on (tests call it instead of waiting for the loop).
     */
    public void workAll() {
        for (int round = 0; round < 1000; round++) {
            boolean moved = false;
            boolean busy = false;
            for (long id : offers.due(clock.millis())) {
                Step step = step(id);
                moved |= step == Step.MOVED;
                busy |= step == Step.BUSY;
            }
            if (!moved && !busy) {
                return;
            }
            if (!moved) {
                try {
                    Thread.sleep(5); // another thread holds an offer's lock: let it finish
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private enum Step { MOVED, IDLE, BUSY }

    /** The steps that call Centra or Centara, which shadow mode records instead. */
    private static final Set<OfferState> SHADOWED_STEPS = EnumSet.of(OfferState.ACCEPTING, OfferState.REJECTING,
            OfferState.ACCEPTED, OfferState.SHIPPING);

    /**
     * Shadow mode: the call this step would make (an answer to Centra, a till order, a shipment) is recorded,
     * not made, and the offer ends {@code shadowed}, so switching to live never carries it on.
     */
    private boolean shadowed(Offers.Offer o, ConnectorConfig.Store store) {
        boolean request = o.variant().equals(ALLOCATION_REQUEST);
        String call = switch (o.current()) {
            case ACCEPTING, REJECTING -> (request ? "PUT allocation-request " + o.requestId() : "POST check-first order "
                    + o.orderNumber() + " warehouse " + o.warehouseId()) + (o.current() == OfferState.ACCEPTING ? ": accept" : ": reject");
            case ACCEPTED -> "POST api/order: the till order of Centra order " + o.orderNumber();
            default -> "POST shipment of order " + o.orderNumber() + (o.tracking() == null ? "" : " (" + o.carrier() + " " + o.tracking() + ")");
        };
        shadow.record(store.id(), o.current() == OfferState.ACCEPTED ? "centara" : "centra", call, null);
        return offers.move(o.offerId(), EnumSet.of(o.current()), OfferState.SHADOWED, "connector", "shadow mode: would " + call);
    }

    /** One step for the offer under its lock; true when its state changed (so there may be a next step). */
    public boolean work(long offerId) {
        return step(offerId) == Step.MOVED;
    }

    private Step step(long offerId) {
        boolean[] moved = {false};
        boolean ran = locks.tryWith(Offers.lockName(offerId), () -> {
            Offers.Offer o = offers.get(offerId).orElseThrow();
            if (o.current().isFinal() || o.nextAttemptAtMs() > clock.millis()) {
                return;
            }
            ConnectorConfig.Store store = config.store(o.storeId()).orElse(null);
            if (store == null) {
                offers.later(offerId, o.current(), Long.MAX_VALUE);
                log.warn("offer {} is of store {}, which is no longer configured; left alone", offerId, o.storeId());
                return;
            }
            if (config.shadow() && SHADOWED_STEPS.contains(o.current())) {
                moved[0] = shadowed(o, store);
                return;
            }
            try {
                moved[0] = switch (o.current()) {
                    case OFFERED -> rules.run(o, store);
                    case ACCEPTING -> answer.run(o, store, true);
                    case REJECTING -> answer.run(o, store, false);
                    case ACCEPTED -> tillOrder.run(o, store);
                    case IN_TILL -> tillWatch.run(o);
                    case SHIPPING -> shipment.run(o, store);
                    default -> false;
                };
            } catch (CentraException | CentaraException e) {
                offers.backOff(offerId, o.current(), e.getMessage(), config.clientSettings().firstBackoff().toMillis());
                log.warn("offer {} ({}): {}; trying again later", offerId, o.state(), e.getMessage());
            }
        });
        return !ran ? Step.BUSY : moved[0] ? Step.MOVED : Step.IDLE;
    }

    /**
     * When nobody's decision becomes a reject ({@link OfferRules#rejectAt}): null when never (no deadline).
     */
    public static Long rejectAt(Offers.Offer o, long marginMillis) {
        return OfferRules.rejectAt(o.deadlineMs(), o.createdAtMs(), o.variant().equals(ALLOCATION_REQUEST), marginMillis);
    }

    /**
     * A console page of the store opened ({@code +1}) or closed ({@code -1}) on this node: while one is open
     * the store's till orders are looked at every second, so what happens at the till shows at once.
     */
    public void watch(String storeId, int delta) {
        if (tillWatch.watch(storeId, delta)) {
            nudge();
        }
    }

    /**
     * A console page of the store is still open on this node: its till orders are looked at within a second,
     * whichever node looks (this node's own looks already are; another node's would wait {@code till-poll-millis}).
     */
    public void keepWatching(String storeId) {
        tillWatch.keep(storeId);
    }

    /** How many of an order line's items Centra allocated to the store's warehouse. */
    public static int quantityHere(CentraOrder.Line line, ConnectorConfig.Store store) {
        return line.quantityIn(store.ship().centraWarehouseName());
    }

    /** The order's lines with items allocated from the store's warehouse. */
    static List<CentraOrder.Line> linesOf(CentraOrder order, ConnectorConfig.Store store) {
        return order.linesIn(store.ship().centraWarehouseName());
    }
}
