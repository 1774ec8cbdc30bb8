package dev.kassa.connector.shipfromstore;

import dev.kassa.centra.api.CentraException;
import dev.kassa.centra.api.CentraOrder;
import dev.kassa.centra.api.OrderApiClient;
import dev.kassa.centra.api.ShipmentRequest;
import dev.kassa.connector.centra.CentraClients;
import dev.kassa.connector.config.ConnectorConfig;
import dev.kassa.connector.db.RowLock;
import dev.kassa.connector.stock.StockWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.EnumSet;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The step "shipment" ({@code shipping}): the Centra shipment of the store's lines, shipped and completed;
 * never a second one. It lowers the store's physical stock in Centra, so it is made under the store's stock
 * lock: never between the stock writer's read and its write, which would put the shipped items back (issue
 * 15 §4). When a stock cycle of the store is under way, the shipment waits a second.
 */
@Component
class ShipmentStep {

    private final Offers offers;
    private final CentraClients centra;
    private final RowLock locks;
    private final JdbcClient jdbc;
    private final Clock clock;

    ShipmentStep(Offers offers, CentraClients centra, RowLock locks, JdbcClient jdbc, Clock clock) {
        this.offers = offers;
        this.centra = centra;
        this.locks = locks;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    boolean run(Offers.Offer o, ConnectorConfig.Store store) {
        boolean[] moved = {false};
        if (!locks.tryWith(StockWriter.lockName(store.id()), () -> moved[0] = underStockLock(o, store))) {
            offers.later(o.offerId(), OfferState.SHIPPING, clock.millis() + 1000);
            return false;
        }
        return moved[0];
    }

    private boolean underStockLock(Offers.Offer o, ConnectorConfig.Store store) {
        OrderApiClient client = centra.of(store.centraEndpoint());
        CentraOrder order = OfferOrders.order(client, o.orderNumber());
        String warehouse = store.ship().centraWarehouseName();
        if (!order.shipmentIds().isEmpty()) {
            String id = order.shipmentIds().getFirst();
            shippedFromStore(store, o.orderNumber(), order);
            return offers.move(o.offerId(), EnumSet.of(OfferState.SHIPPING), OfferState.SHIPPED, "centra", "shipment " + id + " exists",
                    Offers.Details.shipment(id));
        }
        Map<Long, Integer> quantities = new LinkedHashMap<>();
        order.linesIn(warehouse).forEach(l -> quantities.put(l.lineId(), l.quantityIn(warehouse)));
        String id;
        try {
            id = client.createShipment(new ShipmentRequest(o.orderNumber(), quantities, null, o.carrier(), o.tracking()));
        } catch (CentraException e) {
            if (e.retriesExhausted()) {
                throw e; // no answer: the next look at the order tells whether it was made
            }
            return offers.move(o.offerId(), EnumSet.of(OfferState.SHIPPING), OfferState.FAILED, "centra", e.getMessage());
        } catch (IllegalArgumentException e) {
            return offers.move(o.offerId(), EnumSet.of(OfferState.SHIPPING), OfferState.FAILED, "connector", e.getMessage()
                    + ": no line of the order is allocated to warehouse '" + warehouse + "' any more");
        }
        shippedFromStore(store, o.orderNumber(), order);
        return offers.move(o.offerId(), EnumSet.of(OfferState.SHIPPING), OfferState.SHIPPED, "connector", "shipment " + id + " shipped and completed",
                Offers.Details.shipment(id));
    }

    /**
     * Records the items shipped from the store's warehouse (by EAN, as the stock writer names Centra items),
     * once per order, so a stock count rung up before the shipment is applied less them (StockWriter).
     */
    private void shippedFromStore(ConnectorConfig.Store store, long orderNumber, CentraOrder order) {
        long now = clock.millis();
        String warehouse = store.ship().centraWarehouseName();
        Map<String, Integer> byEan = new LinkedHashMap<>();
        for (CentraOrder.Line l : order.linesIn(warehouse)) {
            if (!l.ean().isBlank()) {
                byEan.merge(l.ean(), l.quantityIn(warehouse), Integer::sum);
            }
        }
        byEan.forEach((ean, qty) -> {
            try {
                jdbc.sql("insert into connector_store_shipment (store_id, order_number, product, quantity, shipped_at_ms) values (?, ?, ?, ?, ?)")
                        .params(store.id(), orderNumber, ean, qty, now).update();
            } catch (DuplicateKeyException e) {
                // recorded before (a step repeated after a crash)
            }
        });
    }
}
