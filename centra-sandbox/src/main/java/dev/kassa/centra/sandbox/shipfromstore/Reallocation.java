package dev.kassa.centra.sandbox.shipfromstore;

import dev.kassa.centra.sandbox.clock.InstanceTime;
import dev.kassa.centra.sandbox.orders.AllocationRow;
import dev.kassa.centra.sandbox.orders.LineRow;
import dev.kassa.centra.sandbox.orders.Markets;
import dev.kassa.centra.sandbox.orders.Markets.RuleWarehouse;
import dev.kassa.centra.sandbox.orders.OrderRow;
import dev.kassa.centra.sandbox.orders.Orders;
import dev.kassa.centra.sandbox.shipfromstore.AllocationRequests.Line;
import dev.kassa.centra.sandbox.shipfromstore.AllocationRequests.Request;
import dev.kassa.centra.sandbox.state.Counters;
import dev.kassa.centra.sandbox.stock.StockLedger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Where an order's lines are allocated when they are placed or when a warehouse lets them go: walking
 * the market's allocation rule in order, each line goes to the first warehouse that can cover it whole
 * (§9, §13.8). Lines landing in a "direct, then confirm" warehouse get an allocation request there.
 * Callers hold the order's lock; this takes the stock items' locks.
 */
@Component
class Reallocation {

    private final Orders orders;
    private final Markets markets;
    private final StockLedger ledger;
    private final AllocationRequests requests;
    private final Counters counters;
    private final ShipFromStoreEvents events;
    private final InstanceTime time;

    Reallocation(Orders orders, Markets markets, StockLedger ledger, AllocationRequests requests, Counters counters,
                 ShipFromStoreEvents events, InstanceTime time) {
        this.orders = orders;
        this.markets = markets;
        this.ledger = ledger;
        this.requests = requests;
        this.counters = counters;
        this.events = events;
        this.time = time;
    }

    /**
     * Allocates each line in the first eligible warehouse after {@code after} (-1: from the start of the
     * rule); {@code withConfirm} admits "direct, then confirm" warehouses. Lines nobody covers stay
     * back-ordered. Returns the allocation requests it created.
     */
    List<Request> allocate(OrderRow order, List<LineRow> lines, long after, boolean withConfirm, Duration requestExpiry) {
        ledger.lock(lines.stream().map(LineRow::stockItemId).toList());
        List<RuleWarehouse> rule = markets.rule(order.market());
        int start = 0;
        for (int i = 0; i < rule.size(); i++) {
            if (rule.get(i).id() == after) {
                start = i + 1;
            }
        }
        Map<Long, List<Line>> confirmLines = new LinkedHashMap<>();
        for (LineRow l : lines) {
            for (RuleWarehouse w : rule.subList(start, rule.size())) {
                boolean eligible = "direct".equals(w.policy()) || withConfirm && w.directThenConfirm();
                if (eligible && orders.allocate(l.lineId(), l.stockItemId(), w.id(), l.qty())) {
                    if (w.directThenConfirm()) {
                        confirmLines.computeIfAbsent(w.id(), k -> new ArrayList<>())
                                .add(new Line(0, l.lineId(), l.stockItemId(), l.qty()));
                    }
                    break;
                }
            }
        }
        List<Request> created = new ArrayList<>();
        long now = time.now().toEpochMilli();
        confirmLines.forEach((warehouse, ls) -> {
            long id = counters.next(Counters.ALLOCATION_REQUEST);
            Request r = new Request(id, order.number(), warehouse, "sent", now + requestExpiry.toMillis(), now);
            List<Line> withId = ls.stream().map(l -> new Line(id, l.lineId(), l.stockItemId(), l.qty())).toList();
            requests.insert(r, withId);
            // Centra sends the request in status "allocated" and marks it "sent" once the webhook is on its way.
            events.allocationRequest("create", "allocated", r, order, withId);
            created.add(r);
        });
        return created;
    }

    /** Gives back what the lines hold in {@code warehouse}; returns those lines with the quantities released. */
    List<LineRow> release(OrderRow order, List<Line> requestLines, long warehouse) {
        Map<Long, LineRow> byId = new LinkedHashMap<>();
        orders.lines(order.number()).forEach(l -> byId.put(l.lineId(), l));
        ledger.lock(requestLines.stream().map(Line::stockItemId).toList());
        List<LineRow> released = new ArrayList<>();
        for (AllocationRow a : orders.allocations(order.number())) {
            if (a.warehouseId() == warehouse && requestLines.stream().anyMatch(l -> l.lineId() == a.lineId())) {
                orders.release(a.lineId(), a.stockItemId(), warehouse, a.qty());
                LineRow l = byId.get(a.lineId());
                released.add(new LineRow(l.lineId(), l.orderNumber(), l.position(), l.stockItemId(), a.qty(),
                        l.unitPrice(), l.originalPrice(), l.taxPercent(), l.comment(), l.itemText()));
            }
        }
        return released;
    }
}
