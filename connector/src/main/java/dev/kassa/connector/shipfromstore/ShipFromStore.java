package dev.kassa.connector.shipfromstore;

import dev.kassa.centra.api.AllocationRequest;
import dev.kassa.centra.api.CentraException;
import dev.kassa.centra.api.OrderApiClient;
import dev.kassa.centara.api.CentaraClient;
import dev.kassa.centara.api.CentaraException;
import dev.kassa.centara.api.CentaraOrder;
import dev.kassa.centara.api.ExternalOrder;
import dev.kassa.connector.catalogue.CatalogueMirror;
import dev.kassa.connector.centra.CentraClients;
import dev.kassa.connector.config.ConnectorConfig;
import dev.kassa.connector.db.RowLock;
import dev.kassa.connector.jobs.Jobs;
import dev.kassa.connector.stock.StockWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Carries each offer through its states (docs/ship-from-store.md), one offer at a time per offer across
 * threads and nodes (the lock {@code offer:<id>}): decides by the store's rules or rejects shortly before
 * the deadline when nobody decided; answers Centra (POST check-first, or PUT allocation-request); puts an accepted order into the
 * store's Centara till exactly once (ReferenceNumber = the Centra order number); watches the till order;
 * and creates the Centra shipment of the store's lines exactly once when the order is shipped.
 */
@Component
public class ShipFromStore {

    private static final Logger log = LoggerFactory.getLogger(ShipFromStore.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ALREADY_ANSWERED = "check first already answered";
    static final String ALLOCATION_REQUEST = "allocation-request";
    /** How long a person has for an allocation request found after its reject time (decision 0008). */
    static final java.time.Duration LATE_DECISION = java.time.Duration.ofMinutes(30);

    private final ConnectorConfig config;
    private final Offers offers;
    private final CentraClients centra;
    private final Optional<CentaraClient> centara;
    private final RowLock locks;
    private final CatalogueMirror mirror;
    private final Clock clock;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final org.springframework.transaction.support.TransactionTemplate tx;
    private final Jobs.Keyed lanes;
    private final dev.kassa.connector.ShadowCalls shadow;

    ShipFromStore(ConnectorConfig config, Offers offers, CentraClients centra, RowLock locks, CatalogueMirror mirror,
                  Clock clock, org.springframework.jdbc.core.simple.JdbcClient jdbc,
                  org.springframework.transaction.support.TransactionTemplate tx, dev.kassa.connector.ShadowCalls shadow,
                  Jobs jobs) {
        this.shadow = shadow;
        this.jdbc = jdbc;
        this.tx = tx;
        this.config = config;
        this.offers = offers;
        this.centra = centra;
        this.locks = locks;
        this.mirror = mirror;
        this.clock = clock;
        this.centara = config.centara().map(c -> new CentaraClient(c.baseUrl(), c.auth(), new CentaraClient.Settings(
                c.connectTimeout(), c.requestTimeout(), config.clientSettings().maxAttempts(),
                config.clientSettings().firstBackoff(), java.time.Duration.ofSeconds(30)), d -> centra.pause().pause(d)));
        this.lanes = jobs.perKey("offer-lane", key -> {
            int lane = Integer.parseInt(key);
            while (pass(lane)) {
                // a step moved an offer: the next pass may find more to do
            }
        });
        jobs.every("offers", java.time.Duration.ofMillis(config.shipFromStore().pollMillis()), this::nudge);
    }

    // ---- what people (and the API) do ---------------------------------------------------------------------

    /** Why a decision or a "shipped" could not be taken (the API's 404 or 409). */
    public static final class Refused extends RuntimeException {
        private final boolean notFound;
        private final String code;
        private final Object[] args;

        /**
         * {@code message} in English for the API; {@code code} and {@code args} for the console, which says it
         * in the clerk's language ({@code refused.<code>}: the order number, then what the code needs).
         */
        Refused(String message, boolean notFound, String code, Object... args) {
            super(message);
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
        if (!o.state().equals("offered")) {
            throw new Refused("offer " + offerId + " is " + o.state() + ": only an offered order can be decided", false, "not-offered",
                    Long.toString(o.orderNumber()), o.state());
        }
        if (!o.variant().equals(ALLOCATION_REQUEST) && o.deadlineMs() != null && clock.millis() >= o.deadlineMs()) {
            throw new Refused("offer " + offerId + " expired at " + Instant.ofEpochMilli(o.deadlineMs()), false, "expired",
                    Long.toString(o.orderNumber()), o.deadlineMs());
        }
        String to = accept ? "accepting" : "rejecting";
        if (!offers.move(offerId, Set.of("offered"), to, who, reason, Map.of("decided_by", who))) {
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
            for (JsonNode l : order(client, o.orderNumber()).path("products")) {
                items.putIfAbsent(itemId(client, l), l.path("ean").asString(""));
            }
        } catch (CentraException e) {
            throw new Refused("order " + o.orderNumber() + " is rejected, but its items' stock could not be set to 0: Centra did"
                    + " not answer (" + e.getMessage() + "); count them at the till", false, "stock-not-set",
                    Long.toString(o.orderNumber()), e.getMessage());
        }
        String id = "kassa-not-in-stock-" + offerId;
        long now = clock.millis();
        ObjectNode doc = JSON.createObjectNode().put("TransactionId", id).put("Type", "Count").put("StoreId", store.centaraStore())
                .put("Source", "order " + o.orderNumber() + " rejected as not in stock by " + who);
        Integer counted = tx.execute(s -> {
            if (jdbc.sql("select count(*) from connector_pos_transaction where transaction_id = ?").param(id).query(Integer.class).single() > 0) {
                return 0;
            }
            jdbc.sql("insert into connector_pos_transaction (transaction_id, store_id, kind, document, occurred_at_ms, received_at_ms)"
                    + " values (?, ?, 'Count', ?, ?, ?)").params(id, store.id(), JSON.writeValueAsString(doc), now, now).update();
            int n = 0;
            for (Map.Entry<String, String> item : items.entrySet()) {
                jdbc.sql("""
                        insert into connector_pos_line (transaction_id, line_number, item_id, barcode, quantity, store_id, kind,
                            occurred_at_ms, received_at_ms, state) values (?, ?, ?, ?, 0, ?, 'Count', ?, ?, 'pending')""")
                        .params(id, ++n, dev.kassa.connector.db.Columns.fit(item.getKey(), 24),
                                item.getValue().isBlank() ? null : item.getValue(), store.id(), now, now).update();
            }
            return n;
        });
        log.info("store {}: order {} rejected as not in stock; {} item(s) counted 0", storeId, o.orderNumber(), counted);
        return counted == null ? 0 : counted;
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
        if (!o.state().equals("in_till")) {
            throw new Refused("offer " + offerId + " is " + o.state() + ": only an order in the till can be shipped", false,
                    "not-in-till", Long.toString(o.orderNumber()), o.state());
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("carrier", carrier);
        fields.put("tracking", tracking);
        // Centara's external-orders API has no call that closes an order: the till order stays open until
        // someone closes it at the till, which the reason says (the till deletes it 7 days after DueAt)
        if (!offers.move(offerId, Set.of("in_till"), "shipping", who, "marked shipped" + (carrier == null ? "" : " with " + carrier
                + (tracking == null ? "" : " " + tracking)) + "; close till order " + o.centaraOrderId()
                + " at the till too (Centara's API cannot close it)", fields)) {
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
        java.util.SortedSet<Integer> due = new java.util.TreeSet<>();
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

    /**
     * Shadow mode: the call this step would make (an answer to Centra, a till order, a shipment) is recorded,
     * not made, and the offer ends {@code shadowed}, so switching to live never carries it on.
     */
    private boolean shadowed(Offers.Offer o, ConnectorConfig.Store store) {
        boolean request = o.variant().equals(ALLOCATION_REQUEST);
        String call = switch (o.state()) {
            case "accepting", "rejecting" -> (request ? "PUT allocation-request " + o.requestId() : "POST check-first order "
                    + o.orderNumber() + " warehouse " + o.warehouseId()) + (o.state().equals("accepting") ? ": accept" : ": reject");
            case "accepted" -> "POST api/order: the till order of Centra order " + o.orderNumber();
            default -> "POST shipment of order " + o.orderNumber() + (o.tracking() == null ? "" : " (" + o.carrier() + " " + o.tracking() + ")");
        };
        shadow.record(store.id(), o.state().equals("accepted") ? "centara" : "centra", call, null);
        return offers.move(o.offerId(), Set.of(o.state()), "shadowed", "connector", "shadow mode: would " + call, Map.of());
    }

    /** One step for the offer under its lock; true when its state changed (so there may be a next step). */
    public boolean work(long offerId) {
        return step(offerId) == Step.MOVED;
    }

    private Step step(long offerId) {
        boolean[] moved = {false};
        boolean ran = locks.tryWith(Offers.lockName(offerId), () -> {
            Offers.Offer o = offers.get(offerId).orElseThrow();
            if (Offers.FINAL.contains(o.state()) || o.nextAttemptAtMs() > clock.millis()) {
                return;
            }
            ConnectorConfig.Store store = config.store(o.storeId()).orElse(null);
            if (store == null) {
                offers.later(offerId, o.state(), Long.MAX_VALUE);
                log.warn("offer {} is of store {}, which is no longer configured; left alone", offerId, o.storeId());
                return;
            }
            if (config.shadow() && Set.of("accepting", "rejecting", "accepted", "shipping").contains(o.state())) {
                moved[0] = shadowed(o, store);
                return;
            }
            try {
                moved[0] = switch (o.state()) {
                    case "offered" -> decideAutomatically(o, store);
                    case "accepting" -> answer(o, store, true);
                    case "rejecting" -> answer(o, store, false);
                    case "accepted" -> putInTill(o, store);
                    case "in_till" -> watchTill(o);
                    case "shipping" -> ship(o, store);
                    default -> false;
                };
            } catch (CentraException | CentaraException e) {
                offers.backOff(offerId, o.state(), e.getMessage(), config.clientSettings().firstBackoff().toMillis());
                log.warn("offer {} ({}): {}; trying again later", offerId, o.state(), e.getMessage());
            }
        });
        return !ran ? Step.BUSY : moved[0] ? Step.MOVED : Step.IDLE;
    }

    private boolean decideAutomatically(Offers.Offer o, ConnectorConfig.Store store) {
        long now = clock.millis();
        long margin = config.shipFromStore().rejectMargin().toMillis();
        OrderApiClient client = centra.of(store.centraEndpoint());
        boolean request = o.variant().equals(ALLOCATION_REQUEST);
        Map<Long, Integer> wanted = new LinkedHashMap<>(); // lineId -> quantity this store is asked for; empty: every line
        if (request) {
            Optional<AllocationRequest> r = request(o, client);
            if (r.isEmpty() || !r.get().open()) {
                return settle(o, r, Set.of("offered"), null);
            }
            r.get().lines().forEach(l -> wanted.merge(l.lineId(), l.quantity(), Integer::sum));
        }
        Long rejectAt = rejectAt(o, margin);
        // rules still decide a timed-out allocation request: Centra can confirm it while its flow goes on
        boolean rulesDecideLate = request && store.ship().byRules();
        if (rejectAt != null && now >= rejectAt && !rulesDecideLate) {
            String why = rejectAt == o.deadlineMs() - margin
                    ? "nobody decided by " + config.written(rejectAt) + ", " + margin / 1000 + " s before the deadline"
                    : "nobody decided within " + LATE_DECISION.toMinutes() + " minutes of finding the request after its deadline";
            return offers.move(o.offerId(), Set.of("offered"), "rejecting", "connector", why, Map.of("decided_by", "connector"));
        }
        if (!store.ship().byRules()) {
            offers.later(o.offerId(), "offered", rejectAt == null ? now + 3_600_000 : rejectAt);
            return false; // a person decides
        }
        List<String> no = new ArrayList<>();
        ZonedDateTime local = Instant.ofEpochMilli(now).atZone(store.ship().zone());
        if (store.ship().openingHours() != null && !store.ship().openingHours().isOpen(local)) {
            no.add("the store is closed (" + store.ship().openingHours() + ")");
        }
        Integer capacity = store.ship().dailyCapacity();
        if (capacity != null) {
            long startOfDay = local.toLocalDate().atStartOfDay(store.ship().zone()).toInstant().toEpochMilli();
            int today = offers.acceptedSince(store.id(), startOfDay);
            if (today >= capacity) {
                no.add("today's capacity of " + capacity + " orders is reached");
            }
        }
        JsonNode order = order(client, o.orderNumber());
        for (JsonNode line : order.path("products")) {
            long lineId = line.path("lineId").asLong();
            if (request && !wanted.containsKey(lineId)) {
                continue;
            }
            String ean = line.path("ean").asString("");
            int qty = request ? wanted.get(lineId) : line.path("qty").asInt();
            // what Centra already allocated here (direct, then confirm) needs no free stock
            int needed = Math.max(0, qty - quantityHere(line, store));
            int available = needed == 0 ? 0 : ean.isEmpty() ? 0 : client.stockByEan(ean).stream().mapToInt(r -> r.available()).sum();
            if (available < needed) {
                no.add("stock does not cover " + line.path("name").asString("") + " " + line.path("size").asString("")
                        + " (" + ean + "): " + available + " of " + needed);
            }
        }
        boolean accept = no.isEmpty();
        return offers.move(o.offerId(), Set.of("offered"), accept ? "accepting" : "rejecting", "rules",
                accept ? "the store's stock covers every line" + (capacity == null ? "" : ", under today's capacity")
                        : String.join("; ", no), Map.of("decided_by", "rules"));
    }

    /**
     * When nobody's decision becomes a reject: the reject margin before the deadline; an allocation request
     * found (or offered) too late for that, being still confirmable, stays for {@link #LATE_DECISION} from
     * when the connector found it. Null: never (no deadline).
     */
    public static Long rejectAt(Offers.Offer o, long marginMillis) {
        if (o.deadlineMs() == null) {
            return null;
        }
        long atMargin = o.deadlineMs() - marginMillis;
        boolean foundLate = o.variant().equals(ALLOCATION_REQUEST) && o.createdAtMs() >= atMargin;
        return foundLate ? o.createdAtMs() + LATE_DECISION.toMillis() : atMargin;
    }

    /** POST check-first, or PUT allocation-request, with the decision; Centra's answer settles the offer. */
    private boolean answer(Offers.Offer o, ConnectorConfig.Store store, boolean accept) {
        OrderApiClient client = centra.of(store.centraEndpoint());
        if (o.variant().equals(ALLOCATION_REQUEST)) {
            return answerRequest(o, client, accept);
        }
        Optional<String> refusal = client.checkFirst(o.orderNumber(), o.warehouseId(), accept);
        String from = accept ? "accepting" : "rejecting";
        if (refusal.isEmpty()) {
            return offers.move(o.offerId(), Set.of(from), accept ? "accepted" : "rejected", "centra", "check-first: ok", Map.of());
        }
        String msg = refusal.get();
        if (msg.contains(ALREADY_ANSWERED)) {
            // Someone answered for this warehouse before: our own call whose answer was lost, or an accept or
            // reject made in Centra (AMS, Centra's API, another integration). What Centra did with the order
            // tells which: allocated to this store means it is this store's order to ship, whatever we meant.
            boolean ours = !linesOf(order(client, o.orderNumber()), store).isEmpty();
            String to = ours ? "accepted" : accept ? "lost" : "rejected";
            return offers.move(o.offerId(), Set.of(from), to, "centra", "check-first: " + msg
                    + (ours ? "; the order is allocated to this store" + (accept ? "" : ", so it is this store's to ship")
                    : "; the order is not allocated here"), Map.of());
        }
        // another warehouse's accept ends a store's own reject as rejected, as its event would (OfferEvents)
        String to = msg.contains("accepted by another warehouse") ? (accept ? "lost" : "rejected")
                : msg.contains("expired") ? "expired" : "failed";
        return offers.move(o.offerId(), Set.of(from), to, "centra", "check-first: " + msg, Map.of());
    }

    /**
     * PUT allocation-request. A refusal is explained by the request's status afterwards: confirmed means our
     * earlier confirm went through (its answer was lost); outdated or rejected mean the order went elsewhere.
     */
    private boolean answerRequest(Offers.Offer o, OrderApiClient client, boolean accept) {
        String from = accept ? "accepting" : "rejecting";
        Optional<AllocationRequest> r = request(o, client);
        if (r.isEmpty() || !r.get().open()) {
            return settle(o, r, Set.of(from), null);
        }
        long id = r.get().id();
        Optional<String> refusal = client.answerAllocationRequest(id, accept);
        if (refusal.isEmpty()) {
            return offers.move(o.offerId(), Set.of(from), accept ? "accepted" : "rejected", "centra",
                    "allocation request " + id + " " + (accept ? "confirmed" : "rejected"), Map.of());
        }
        Optional<AllocationRequest> now = request(o, client);
        if (now.isPresent() && !now.get().open()) {
            return settle(o, now, Set.of(from), refusal.get());
        }
        return offers.move(o.offerId(), Set.of(from), "failed", "centra", "allocation request " + id + ": " + refusal.get(),
                Map.of());
    }

    /**
     * The offer's allocation request as Centra has it now ({@code GET allocation-requests?order=&warehouse=}):
     * the one the offer answers, else the newest open one, else the newest. The event's id is not trusted
     * for this (spec §10.5).
     */
    private Optional<AllocationRequest> request(Offers.Offer o, OrderApiClient client) {
        List<AllocationRequest> all = client.allocationRequests(Map.of("order", Long.toString(o.orderNumber()),
                "warehouse", Long.toString(o.warehouseId()), "status", "all"));
        Optional<AllocationRequest> pick = all.stream().filter(r -> o.requestId() != null && r.id() == o.requestId()).findFirst();
        if (pick.isEmpty()) {
            pick = all.stream().filter(AllocationRequest::open).max(java.util.Comparator.comparingLong(AllocationRequest::id));
        }
        if (pick.isEmpty()) {
            pick = all.stream().max(java.util.Comparator.comparingLong(AllocationRequest::id));
        }
        pick.filter(r -> o.requestId() == null || r.id() != o.requestId() || !java.util.Objects.equals(r.expiresAtMs(), o.deadlineMs()))
                .ifPresent(r -> offers.request(o.offerId(), r.id(), r.expiresAtMs()));
        return pick;
    }

    /** An allocation request that is no longer open (or not there) ends the offer as its status says. */
    private boolean settle(Offers.Offer o, Optional<AllocationRequest> r, Set<String> from, String refusal) {
        String said = refusal == null ? "" : " (" + refusal + ")";
        if (r.isEmpty()) {
            return offers.move(o.offerId(), from, "failed", "centra", "Centra lists no allocation request of order "
                    + o.orderNumber() + " for warehouse " + o.warehouseId() + said, Map.of());
        }
        String status = r.get().status();
        String to = switch (status) {
            case "confirmed" -> "accepted";
            case "rejected" -> from.contains("accepting") ? "lost" : "rejected";
            case "outdated" -> "lost";
            default -> "failed";
        };
        String why = switch (status) {
            case "confirmed" -> "Centra shows allocation request " + r.get().id() + " confirmed";
            case "rejected" -> "Centra shows allocation request " + r.get().id() + " rejected";
            case "outdated" -> "Centra outdated allocation request " + r.get().id() + ": another warehouse confirmed its lines";
            default -> "allocation request " + r.get().id() + " is " + status;
        };
        return offers.move(o.offerId(), from, to, "centra", why + said, Map.of());
    }

    /** The accepted order into the store's till: one Centara external order, ReferenceNumber = the Centra order number. */
    private boolean putInTill(Offers.Offer o, ConnectorConfig.Store store) {
        if (centara.isEmpty()) {
            offers.backOff(o.offerId(), o.state(), "Centara is not configured (kassa.connector.centara.*)", 60_000);
            return false;
        }
        OrderApiClient client = centra.of(store.centraEndpoint());
        JsonNode order = order(client, o.orderNumber());
        List<JsonNode> lines = linesOf(order, store);
        if (lines.isEmpty()) {
            // Centra's Order API names warehouses only in orders, so a wrong name shows here first: say what Centra has
            java.util.Set<String> names = new java.util.TreeSet<>();
            order.path("products").forEach(l -> l.path("warehouses").forEach(w -> {
                if (w.path("itemQty").asInt() > 0) {
                    names.add(w.path("name").asString(""));
                }
            }));
            return offers.move(o.offerId(), Set.of("accepted"), "failed", "connector", "none of order " + o.orderNumber()
                    + "'s lines is allocated to warehouse '" + store.ship().centraWarehouseName() + "' (kassa.connector.stores[]"
                    + ".ship-from-store.centra-warehouse-name of store " + store.id() + "); Centra allocates them to " + names
                    + ": if one of these is the store's warehouse, set its name exactly", Map.of());
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), store.ship().zone()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<ExternalOrder.Item> items = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode l : lines) {
            BigDecimal qty = BigDecimal.valueOf(quantityHere(l, store));
            BigDecimal price = decimal(l.get("price"));
            total = total.add(price.multiply(qty));
            String name = (l.path("name").asString("") + " " + l.path("variant").asString("") + " " + l.path("size").asString("")).trim();
            items.add(new ExternalOrder.Item(itemId(client, l), qty, price, null, name.length() > 80 ? name.substring(0, 80) : name));
        }
        OffsetDateTime created = centraTime(order.path("orderDate").asString(null), now);
        String auth = order.path("paymentReference").asString("");
        ExternalOrder.Payment payment = new ExternalOrder.Payment(total, created, config.centara().orElseThrow().webTender(),
                "Centra " + o.orderNumber(), new ExternalOrder.Authorization(created, auth.isBlank() ? "centra-" + o.orderNumber() : auth,
                order.path("selectionId").asString(null), order.path("paymentPlugin").asString(null)));
        ExternalOrder external;
        String reference = config.centara().orElseThrow().reference(o.orderNumber());
        try {
            external = new ExternalOrder(store.centaraStore(), created, now.plus(config.shipFromStore().due()),
                    reference, null, notes(order) + " " + marker(reference), null, items, List.of(payment), List.of());
        } catch (IllegalArgumentException e) {
            return offers.move(o.offerId(), Set.of("accepted"), "failed", "connector", e.getMessage(), Map.of());
        }
        CentaraClient.Created created2;
        try {
            created2 = centara.get().create(external);
        } catch (CentaraException e) {
            if (e.outcomeUnknown() || e.status() == 0 || e.status() >= 500) {
                throw e;
            }
            return offers.move(o.offerId(), Set.of("accepted"), "failed", "centara", e.getMessage(), Map.of());
        }
        if (created2.existed()) {
            // "already exists" is ours only when the order found is the one we would have made (decision 0011)
            Optional<CentaraOrder> found = centara.get().order(created2.orderId());
            String why = found.isEmpty() ? "it could not be read back" : notOurs(found.get(), external, reference);
            if (why != null) {
                return offers.move(o.offerId(), Set.of("accepted"), "failed", "centara", "Centara already has an order with"
                        + " ReferenceNumber " + reference + " (OrderId " + created2.orderId() + ") that is not this one: " + why
                        + ". Another channel uses the same references: nothing was put in this store's till. Put the order in the"
                        + " till by hand (or reallocate it in Centra), and set kassa.connector.centara.reference-prefix", Map.of());
            }
        }
        return offers.move(o.offerId(), Set.of("accepted"), "in_till", "connector",
                (created2.existed() ? "already in the till as " : "in the till as Centara order ") + created2.orderId(),
                Map.of("centara_order_id", created2.orderId()));
    }

    /** What the connector writes in a till order's Notes, so an order found under its reference can be told ours. */
    static String marker(String reference) {
        return "[kassa " + reference + "]";
    }

    /**
     * Why an existing till order is not the one the connector would have made for this offer, or null when it
     * is: the same store, the same items and quantities, and the connector's marker in its notes.
     */
    static String notOurs(CentaraOrder found, ExternalOrder wanted, String reference) {
        if (found.storeId() != wanted.storeId()) {
            return "it is in Centara store " + found.storeId() + ", not " + wanted.storeId();
        }
        Map<String, BigDecimal> want = new java.util.TreeMap<>();
        wanted.items().forEach(i -> want.merge(i.itemId(), i.quantity().stripTrailingZeros(), BigDecimal::add));
        Map<String, BigDecimal> has = found.quantities();
        if (!has.keySet().equals(want.keySet()) || has.entrySet().stream().anyMatch(e -> want.get(e.getKey()).compareTo(e.getValue()) != 0)) {
            return "its items " + has + " are not the order's " + want;
        }
        if (!found.notes().contains(marker(reference))) {
            return "it does not carry Kassa's marker " + marker(reference) + " in its notes";
        }
        return null;
    }

    /** Looks at the till order: closed means shipped (or collected); deleted in the store needs a person. */
    private boolean watchTill(Offers.Offer o) {
        if (centara.isEmpty()) {
            offers.backOff(o.offerId(), o.state(), "Centara is not configured (kassa.connector.centara.*)", 60_000);
            return false;
        }
        Optional<CentaraOrder> till = centara.get().order(o.centaraOrderId());
        if (till.isPresent() && till.get().closed()) {
            return offers.move(o.offerId(), Set.of("in_till"), "shipping", "till", "closed at the till", Map.of());
        }
        if (till.isEmpty() || till.get().deleted()) {
            return offers.move(o.offerId(), Set.of("in_till"), "failed", "till", "the till order " + o.centaraOrderId()
                    + (till.isEmpty() ? " is gone" : " was deleted in the store") + "; the Centra order is still allocated to"
                    + " this store: ship it or reallocate it in Centra", Map.of());
        }
        offers.tillStatus(o.offerId(), o.storeId(), till.get().status());
        offers.later(o.offerId(), "in_till", clock.millis() + (watched(o.storeId()) ? WATCHED_TILL_POLL_MS
                : config.shipFromStore().tillPollMillis()));
        return false;
    }

    /** How often a till order is looked at while someone has the store's console open (else {@code till-poll-millis}). */
    static final long WATCHED_TILL_POLL_MS = 1000;
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> watchers = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A console page of the store opened ({@code +1}) or closed ({@code -1}) on this node: while one is open
     * the store's till orders are looked at every second, so what happens at the till shows at once.
     */
    public void watch(String storeId, int delta) {
        int now = watchers.computeIfAbsent(storeId, s -> new java.util.concurrent.atomic.AtomicInteger()).addAndGet(delta);
        if (delta > 0 && now == delta) {
            offers.lookSooner(storeId, "in_till", clock.millis() + WATCHED_TILL_POLL_MS);
            nudge();
        }
    }

    private boolean watched(String storeId) {
        var n = watchers.get(storeId);
        return n != null && n.get() > 0;
    }

    /**
     * The Centra shipment of the store's lines, shipped and completed; never a second one. It lowers the
     * store's physical stock in Centra, so it is made under the store's stock lock: never between the stock
     * writer's read and its write, which would put the shipped items back (issue 15 §4). When a stock cycle
     * of the store is under way, the shipment waits a second.
     */
    private boolean ship(Offers.Offer o, ConnectorConfig.Store store) {
        boolean[] moved = {false};
        if (!locks.tryWith(StockWriter.lockName(store.id()), () -> moved[0] = shipUnderStockLock(o, store))) {
            offers.later(o.offerId(), "shipping", clock.millis() + 1000);
            return false;
        }
        return moved[0];
    }

    private boolean shipUnderStockLock(Offers.Offer o, ConnectorConfig.Store store) {
        OrderApiClient client = centra.of(store.centraEndpoint());
        JsonNode order = order(client, o.orderNumber());
        JsonNode existing = order.path("shipments");
        if (!existing.isEmpty()) {
            String id = existing.get(0).path("shipmentId").asString("");
            shippedFromStore(store, o.orderNumber(), order);
            return offers.move(o.offerId(), Set.of("shipping"), "shipped", "centra", "shipment " + id + " exists",
                    Map.of("shipment_id", id));
        }
        ObjectNode shipment = JSON.createObjectNode().put("order", o.orderNumber()).put("gtg", true).put("shipped", true);
        if (o.carrier() != null) {
            shipment.put("carrier", o.carrier());
        }
        if (o.tracking() != null) {
            shipment.put("tracking", o.tracking());
        }
        ObjectNode products = shipment.putObject("products");
        for (JsonNode l : linesOf(order, store)) {
            products.put(l.path("lineId").asString(), quantityHere(l, store));
        }
        JsonNode answer;
        try {
            answer = client.createShipment(shipment);
        } catch (CentraException e) {
            if (e.retriesExhausted()) {
                throw e; // no answer: the next look at the order tells whether it was made
            }
            return offers.move(o.offerId(), Set.of("shipping"), "failed", "centra", e.getMessage(), Map.of());
        }
        String id = answer.path("shipment").asString("");
        shippedFromStore(store, o.orderNumber(), order);
        return offers.move(o.offerId(), Set.of("shipping"), "shipped", "connector", "shipment " + id + " shipped and completed",
                Map.of("shipment_id", id));
    }

    /**
     * Records the items shipped from the store's warehouse (by EAN, as the stock writer names Centra items),
     * once per order, so a stock count rung up before the shipment is applied less them (StockWriter).
     */
    private void shippedFromStore(ConnectorConfig.Store store, long orderNumber, JsonNode order) {
        long now = clock.millis();
        Map<String, Integer> byEan = new LinkedHashMap<>();
        for (JsonNode l : linesOf(order, store)) {
            String ean = l.path("ean").asString("");
            if (!ean.isBlank()) {
                byEan.merge(ean, quantityHere(l, store), Integer::sum);
            }
        }
        byEan.forEach((ean, qty) -> {
            try {
                jdbc.sql("insert into connector_store_shipment (store_id, order_number, product, quantity, shipped_at_ms) values (?, ?, ?, ?, ?)")
                        .params(store.id(), orderNumber, ean, qty, now).update();
            } catch (org.springframework.dao.DuplicateKeyException e) {
                // recorded before (a step repeated after a crash)
            }
        });
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static JsonNode order(OrderApiClient client, long number) {
        return client.order(number).orElseThrow(() -> new CentraException("order " + number + " is not visible through "
                + client.endpoint().baseUrl(), 200, false, null));
    }

    /** The order's lines with items allocated from the store's warehouse (GET orders names warehouses by name). */
    static List<JsonNode> linesOf(JsonNode order, ConnectorConfig.Store store) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode l : order.path("products")) {
            if (quantityHere(l, store) > 0) {
                out.add(l);
            }
        }
        return out;
    }

    /** How many of an order line's items Centra allocated to the store's warehouse (GET orders names it by name). */
    public static int quantityHere(JsonNode line, ConnectorConfig.Store store) {
        int qty = 0;
        for (JsonNode w : line.path("warehouses")) {
            if (w.path("name").asString("").equals(store.ship().centraWarehouseName())) {
                qty += w.path("itemQty").asInt();
            }
        }
        return qty;
    }

    /**
     * The Centara ItemId of an order line: from the catalogue mirror by EAN, else from Centra's product
     * (GET products by EAN: an order line's {@code sku} may be the concatenated SKU) through the pattern.
     */
    private String itemId(OrderApiClient client, JsonNode line) {
        String ean = line.path("ean").asString("");
        if (!ean.isEmpty()) {
            Optional<String> mirrored = mirror.itemIdOfEan(ean);
            if (mirrored.isPresent()) {
                return mirrored.get();
            }
            var rows = client.products(Map.of("ean", ean), 1, 1).rows();
            if (!rows.isEmpty()) {
                var p = rows.getFirst();
                return config.itemIds().itemId(Map.of("sku", p.sku(), "variantSku", p.variantSku(), "sizeSku", p.sizeSku(),
                        "ean", ean, "stockItemId", Long.toString(p.stockItemId())));
            }
        }
        return config.itemIds().itemId(Map.of("sku", line.path("sku").asString(""), "variantSku", line.path("variantSku").asString(""),
                "sizeSku", line.path("sizeSku").asString(""), "ean", ean));
    }

    private OffsetDateTime centraTime(String date, OffsetDateTime fallback) {
        if (date == null || date.isBlank()) {
            return fallback;
        }
        try {
            return LocalDateTime.parse(date.trim().replace(' ', 'T')).atZone(config.centraTimeZone()).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    private static BigDecimal decimal(JsonNode n) {
        if (n == null || n.isNull()) {
            return BigDecimal.ZERO;
        }
        return n.isNumber() ? n.decimalValue() : new BigDecimal(n.asString().trim());
    }

    /** The customer's contact details for the store, since the till order carries no customer (spec: none by default). */
    private static String notes(JsonNode order) {
        StringBuilder b = new StringBuilder("Web order ").append(order.path("orderId").asString("")).append(". Ship to: ");
        for (String f : List.of("deliveryName", "deliveryAddress", "deliveryCoaddress", "deliveryZipcode", "deliveryCity",
                "deliveryCountry", "deliveryEmail", "deliveryCell", "deliveryTele")) {
            String v = order.path(f).asString("");
            if (!v.isBlank()) {
                b.append(v).append(", ");
            }
        }
        return b.substring(0, b.length() - 2);
    }
}
