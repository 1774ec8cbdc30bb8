package dev.kassa.connector.shipfromstore;

import dev.kassa.centra.api.AllocationRequest;
import dev.kassa.centra.api.CentraException;
import dev.kassa.centra.api.CentraOrder;
import dev.kassa.centra.api.OrderApiClient;
import dev.kassa.connector.centra.CentraClients;
import dev.kassa.connector.config.ConnectorConfig;
import dev.kassa.connector.db.RowLock;
import dev.kassa.connector.jobs.Jobs;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The safety net for lost webhooks (Centra retries none by default): every {@code safety-net-millis} it asks
 * Centra what the events would have said. Open allocation requests of the stores' warehouses that the
 * connector has no offer for become offers ({@code GET allocation-requests?warehouse=}); an unanswered
 * check-first offer whose order Centra already allocated to another of the connector's stores is lost
 * ({@code GET orders?order=}). Centra's API lists no check-first offers, so a lost check-first {@code create}
 * cannot be found this way (decision 0008). One node polls at a time (the job {@code safety-net}, and inside
 * it the lock {@code safety-net}).
 */
@Component
public class SafetyNet {

    private static final Logger log = LoggerFactory.getLogger(SafetyNet.class);
    private static final String LOCK = "safety-net";

    private final ConnectorConfig config;
    private final Offers offers;
    private final CentraClients centra;
    private final RowLock locks;
    private final ShipFromStore worker;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final java.time.Clock clock;
    /** How far back the first look through Centra's orders goes, and how much each later look overlaps the last. */
    static final long FIRST_LOOK_MS = 24 * 3_600_000L;
    static final long OVERLAP_MS = 10 * 60_000L;

    SafetyNet(ConnectorConfig config, Offers offers, CentraClients centra, RowLock locks, ShipFromStore worker,
              org.springframework.jdbc.core.simple.JdbcClient jdbc, java.time.Clock clock, Jobs jobs) {
        this.config = config;
        this.offers = offers;
        this.centra = centra;
        this.locks = locks;
        this.worker = worker;
        this.jdbc = jdbc;
        this.clock = clock;
        locks.ensure(LOCK);
        long every = config.shipFromStore().safetyNetMillis();
        if (every > 0) {
            jobs.every("safety-net", java.time.Duration.ofMillis(every), this::poll);
        }
    }

    /** What one pass found: offers created from allocation requests, check-first offers it settled (accepted for this store, lost, rejected). */
    public record Found(int requests, int settled, int unseen) {
    }

    /** One pass now (tests call it instead of waiting); empty when another node is at it. */
    public Optional<Found> poll() {
        Found[] found = {null};
        locks.tryWith(LOCK, () -> found[0] = new Found(allocationRequests(), settleCheckFirst(), unseenOrders()));
        if (found[0] != null && found[0].requests() + found[0].settled() > 0) {
            worker.nudge();
        }
        return Optional.ofNullable(found[0]);
    }

    private int allocationRequests() {
        int created = 0;
        for (ConnectorConfig.Store store : config.stores()) {
            List<AllocationRequest> open;
            try {
                open = centra.of(store.centraEndpoint()).allocationRequests(Map.of("warehouse", Long.toString(store.centraWarehouse())));
            } catch (CentraException e) {
                // 403 "Not Allowed": this store's plugin does not offer allocation requests (a check-first store)
                if (e.status() == 403) {
                    log.debug("store {}: GET allocation-requests is not allowed; nothing to poll", store.id());
                } else {
                    log.warn("store {}: polling allocation requests failed: {}", store.id(), e.getMessage());
                }
                continue;
            }
            for (AllocationRequest r : open) {
                if (r.warehouseId() != store.centraWarehouse() || !r.open() || offers.of(r.orderNumber(), r.warehouseId()).isPresent()) {
                    continue;
                }
                offers.create(ShipFromStore.ALLOCATION_REQUEST, r.orderNumber(), r.warehouseId(), store.id(), r.id(), r.expiresAtMs(),
                        "poll", "allocation request " + r.id() + " (" + r.status() + ") found by polling Centra: no webhook about it arrived");
                log.info("store {}: allocation request {} of order {} found by polling; its webhook was lost", store.id(), r.id(),
                        r.orderNumber());
                created++;
            }
        }
        return created;
    }

    private int settleCheckFirst() {
        int lost = 0;
        for (Offers.Offer o : offers.unanswered("check-first")) {
            ConnectorConfig.Store store = config.store(o.storeId()).orElse(null);
            if (store == null) {
                continue;
            }
            Optional<CentraOrder> order;
            try {
                OrderApiClient client = centra.of(store.centraEndpoint());
                order = client.order(o.orderNumber());
            } catch (CentraException e) {
                log.warn("offer {}: looking at order {} failed: {}", o.offerId(), o.orderNumber(), e.getMessage());
                continue;
            }
            if (order.isEmpty()) {
                continue;
            }
            if (o.current() == OfferState.OFFERED && !ShipFromStore.linesOf(order.get(), store).isEmpty() && !order.get().pending()) {
                // accepted for this store in Centra (AMS, Centra's API, another integration, or our own accept in a
                // database restored from before it) and its event was lost: the store ships it
                if (offers.move(o.offerId(), EnumSet.of(OfferState.OFFERED), OfferState.ACCEPTED, "centra", "order " + o.orderNumber()
                        + " is confirmed and allocated to this store in Centra (found by polling; no accepted event was"
                        + " processed for it)")) {
                    lost++;
                }
                continue;
            }
            Optional<ConnectorConfig.Store> winner = allocatedToAnotherStore(order.get(), store);
            String why = winner.isPresent() ? "order " + o.orderNumber() + " is allocated to " + winner.get().name()
                    : !order.get().pending() && ShipFromStore.linesOf(order.get(), store).isEmpty()
                    ? "order " + o.orderNumber() + " went on in Centra without this store (it is no longer pending)" : null;
            OfferState to = o.current() == OfferState.REJECTING ? OfferState.REJECTED : OfferState.LOST;
            if (why != null && offers.move(o.offerId(), EnumSet.of(OfferState.OFFERED, OfferState.ACCEPTING, OfferState.REJECTING), to, "centra",
                    why + " (found by polling; no event about it was processed)")) {
                lost++;
            }
        }
        return lost;
    }

    /**
     * Looks through the orders Centra took since the last look (with an overlap) for orders allocated to a
     * configured store's warehouse that the connector has no offer for: a {@code check_first/create} that was
     * lost and then accepted in Centra, or an allocation made by hand. They cannot be offers (nothing says what
     * was offered or until when), so head office is shown them; one that gets its offer later leaves the list.
     * Sales recorded as orders (internal comment {@code kassa …}) are the connector's own and not listed.
     */
    private int unseenOrders() {
        long now = clock.millis();
        Long seenTo = jdbc.sql("select orders_seen_to_ms from connector_safety_net where id = 1").query(Long.class).optional().orElse(null);
        long since = seenTo == null ? now - FIRST_LOOK_MS : seenTo - OVERLAP_MS;
        Map<Long, CentraOrder> recent = new java.util.LinkedHashMap<>();
        Set<String> endpoints = new java.util.HashSet<>();
        for (ConnectorConfig.Store store : config.stores()) {
            if (!endpoints.add(store.centraEndpoint().baseUrl().toString())) {
                continue;
            }
            OrderApiClient client = centra.of(store.centraEndpoint());
            try {
                for (int offset = 0; offset < 10_000; offset += 100) {
                    List<CentraOrder> page = client.orders(Map.of("newer_than", config.centraDateTime(since), "limit", "100",
                            "offset", Integer.toString(offset)));
                    page.forEach(o -> recent.put(o.number(), o)); // a page may repeat an order
                    if (page.size() < 100) {
                        break;
                    }
                }
            } catch (CentraException e) {
                log.warn("store {}: looking through Centra's recent orders failed: {}", store.id(), e.getMessage());
                return 0;
            }
        }
        int found = 0;
        for (Map.Entry<Long, CentraOrder> e : recent.entrySet()) {
            CentraOrder order = e.getValue();
            if (order.internalComment().startsWith("kassa ") || order.pending()) {
                continue;
            }
            for (ConnectorConfig.Store store : config.stores()) {
                if (ShipFromStore.linesOf(order, store).isEmpty() || offers.of(e.getKey(), store.centraWarehouse()).isPresent()) {
                    continue;
                }
                boolean listed = jdbc.sql("select count(*) from connector_unseen_order where order_number = ? and store_id = ?")
                        .params(e.getKey(), store.id()).query(Integer.class).single() > 0;
                if (!listed) {
                    jdbc.sql("insert into connector_unseen_order (order_number, store_id, found_at_ms, detail) values (?, ?, ?, ?)")
                            .params(e.getKey(), store.id(), now, "Centra allocated order " + e.getKey() + " to "
                                    + store.ship().centraWarehouseName() + " (status " + (order.status().isEmpty() ? "?" : order.status())
                                    + ") and no offer of it ever reached the connector: a lost check_first create?"
                                    + " Put it in the store's till by hand, and check the webhook plugin's retries").update();
                    log.warn("order {} is allocated to store {} in Centra, but the connector never had an offer of it", e.getKey(), store.id());
                    found++;
                }
            }
        }
        // an order listed before whose offer came after all (a late webhook) leaves the list
        jdbc.sql("""
                delete from connector_unseen_order u where exists (select 1 from connector_offer o
                where o.order_number = u.order_number and o.store_id = u.store_id)""").update();
        if (jdbc.sql("update connector_safety_net set orders_seen_to_ms = ? where id = 1").param(now).update() == 0) {
            jdbc.sql("insert into connector_safety_net (id, orders_seen_to_ms) values (1, ?)").param(now).update();
        }
        return found;
    }

    /** What the safety net could not see as offers: orders allocated to a store without one, newest first. */
    public List<Map<String, Object>> unseen() {
        return jdbc.sql("select order_number, store_id, found_at_ms, detail from connector_unseen_order order by found_at_ms desc, order_number desc")
                .query((r, n) -> Map.<String, Object>of("order", r.getLong(1), "store", r.getString(2),
                        "storeName", config.store(r.getString(2)).map(ConnectorConfig.Store::name).orElse(r.getString(2)),
                        "foundAt", java.time.Instant.ofEpochMilli(r.getLong(3)).toString(), "foundAtMs", r.getLong(3),
                        "detail", r.getString(4))).list();
    }

    private Optional<ConnectorConfig.Store> allocatedToAnotherStore(CentraOrder order, ConnectorConfig.Store self) {
        for (CentraOrder.Line line : order.lines()) {
            for (CentraOrder.Allocation w : line.allocations()) {
                String name = w.warehouse();
                if (w.quantity() <= 0 || name.equals(self.ship().centraWarehouseName())) {
                    continue;
                }
                Optional<ConnectorConfig.Store> other = config.stores().stream()
                        .filter(s -> s.ship().centraWarehouseName().equals(name)).findFirst();
                if (other.isPresent()) {
                    return other;
                }
            }
        }
        return Optional.empty();
    }
}
