package dev.kassa.connector.shipfromstore;

import dev.kassa.centra.api.AllocationRequest;
import dev.kassa.centra.api.CentraException;
import dev.kassa.centra.api.OrderApiClient;
import dev.kassa.common.sandbox.BackgroundLoop;
import dev.kassa.connector.centra.CentraClients;
import dev.kassa.connector.config.ConnectorConfig;
import dev.kassa.connector.db.RowLock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The safety net for lost webhooks (Centra retries none by default): every {@code safety-net-millis} it asks
 * Centra what the events would have said. Open allocation requests of the stores' warehouses that the
 * connector has no offer for become offers ({@code GET allocation-requests?warehouse=}); an unanswered
 * check-first offer whose order Centra already allocated to another of the connector's stores is lost
 * ({@code GET orders?order=}). Centra's API lists no check-first offers, so a lost check-first {@code create}
 * cannot be found this way (decision 0008). One node polls at a time (the lock {@code safety-net}).
 */
@Component
public class SafetyNet implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SafetyNet.class);
    private static final String LOCK = "safety-net";

    private final ConnectorConfig config;
    private final Offers offers;
    private final CentraClients centra;
    private final RowLock locks;
    private final ShipFromStore worker;
    private final BackgroundLoop loop = new BackgroundLoop();

    SafetyNet(ConnectorConfig config, Offers offers, CentraClients centra, RowLock locks, ShipFromStore worker) {
        this.config = config;
        this.offers = offers;
        this.centra = centra;
        this.locks = locks;
        this.worker = worker;
        locks.ensure(LOCK);
    }

    /** What one pass found: offers created from allocation requests, check-first offers it settled (accepted for this store, lost, rejected). */
    public record Found(int requests, int settled) {
    }

    /** One pass now (tests call it instead of waiting); empty when another node is at it. */
    public Optional<Found> poll() {
        Found[] found = {null};
        locks.tryWith(LOCK, () -> found[0] = new Found(allocationRequests(), settleCheckFirst()));
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
            Optional<JsonNode> order;
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
            if (o.state().equals("offered") && !ShipFromStore.linesOf(order.get(), store).isEmpty() && !pending(order.get())) {
                // accepted for this store in Centra (AMS, Centra's API, another integration, or our own accept in a
                // database restored from before it) and its event was lost: the store ships it
                if (offers.move(o.offerId(), Set.of("offered"), "accepted", "centra", "order " + o.orderNumber()
                        + " is confirmed and allocated to this store in Centra (found by polling; no accepted event was"
                        + " processed for it)", Map.of())) {
                    lost++;
                }
                continue;
            }
            Optional<ConnectorConfig.Store> winner = allocatedToAnotherStore(order.get(), store);
            String why = winner.isPresent() ? "order " + o.orderNumber() + " is allocated to " + winner.get().name()
                    : !pending(order.get()) && ShipFromStore.linesOf(order.get(), store).isEmpty()
                    ? "order " + o.orderNumber() + " went on in Centra without this store (it is no longer pending)" : null;
            String to = "rejecting".equals(o.state()) ? "rejected" : "lost";
            if (why != null && offers.move(o.offerId(), Set.of("offered", "accepting", "rejecting"), to, "centra",
                    why + " (found by polling; no event about it was processed)", Map.of())) {
                lost++;
            }
        }
        return lost;
    }

    /** Whether Centra still holds the order back for its check-first offers (order status 1, pending). */
    static boolean pending(JsonNode order) {
        return order.path("orderStatus").asString("").equals("1") || order.path("status").asString("").equalsIgnoreCase("pending");
    }

    private Optional<ConnectorConfig.Store> allocatedToAnotherStore(JsonNode order, ConnectorConfig.Store self) {
        for (JsonNode line : order.path("products")) {
            for (JsonNode w : line.path("warehouses")) {
                String name = w.path("name").asString("");
                if (w.path("itemQty").asInt() <= 0 || name.equals(self.ship().centraWarehouseName())) {
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

    @Override
    public void start() {
        long every = config.shipFromStore().safetyNetMillis();
        if (every > 0) {
            loop.start("ship-from-store-safety-net", every, () -> poll());
        }
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
