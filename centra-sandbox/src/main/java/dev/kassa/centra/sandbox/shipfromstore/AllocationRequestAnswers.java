package dev.kassa.centra.sandbox.shipfromstore;

import dev.kassa.centra.sandbox.clock.InstanceTime;
import dev.kassa.centra.sandbox.orderapi.OrderApiException;
import dev.kassa.centra.sandbox.orderapi.OrderApiInstance;
import dev.kassa.centra.sandbox.orders.AllocationRow;
import dev.kassa.centra.sandbox.orders.LineRow;
import dev.kassa.centra.sandbox.orders.OrderRow;
import dev.kassa.centra.sandbox.orders.Orders;
import dev.kassa.centra.sandbox.shipfromstore.AllocationRequests.Line;
import dev.kassa.centra.sandbox.shipfromstore.AllocationRequests.Request;
import dev.kassa.centra.sandbox.stock.StockLedger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Confirming, rejecting and timing out allocation requests (§9, §13.10). As with check first, the
 * order's row lock serialises everything that happens to one order's requests.
 */
@Service
public class AllocationRequestAnswers {

    private final Orders orders;
    private final AllocationRequests requests;
    private final Reallocation reallocation;
    private final StockLedger ledger;
    private final ShipFromStoreEvents events;
    private final InstanceTime time;

    AllocationRequestAnswers(Orders orders, AllocationRequests requests, Reallocation reallocation, StockLedger ledger,
                             ShipFromStoreEvents events, InstanceTime time) {
        this.orders = orders;
        this.requests = requests;
        this.reallocation = reallocation;
        this.ledger = ledger;
        this.events = events;
        this.time = time;
    }

    private static OrderApiException failure(String message) {
        return OrderApiException.answer(Map.of("success", false, "errorMessages", List.of(message)));
    }

    @Transactional
    public void answer(OrderApiInstance api, long id, boolean confirm) {
        Request seen = requests.find(id).orElseThrow(() -> failure("Allocation request not found"));
        Optional<OrderRow> locked = orders.lock(seen.order());
        if (locked.isEmpty() || !api.markets().isEmpty() && !api.markets().contains(locked.get().market())) {
            throw failure("Allocation request not found");
        }
        OrderRow order = locked.get();
        Request r = requests.find(id).orElseThrow();
        if (Set.of("confirmed", "rejected", "outdated").contains(r.status())) {
            throw failure("You can't update allocation request, which is in status " + r.status() + ".");
        }
        if (Set.of(OrderRow.COMPLETED, OrderRow.CANCELLED, OrderRow.ARCHIVED).contains(order.status())) {
            throw failure("Failed to allocate stock from the warehouse.");
        }
        List<Line> lines = requests.lines(List.of(id));
        long now = time.now().toEpochMilli();
        if (!confirm) {
            requests.setStatus(id, "rejected", now);
            moveOn(order, r, lines);
            return;
        }
        // A timed-out request (or one whose items went elsewhere) takes its lines back, stock permitting.
        ledger.lock(lines.stream().map(Line::stockItemId).toList());
        Map<Long, Integer> here = orders.allocations(order.number()).stream().filter(a -> a.warehouseId() == r.warehouse())
                .collect(Collectors.toMap(AllocationRow::lineId, AllocationRow::qty));
        for (Line l : lines) {
            int missing = l.qty() - here.getOrDefault(l.lineId(), 0);
            if (missing <= 0) {
                continue;
            }
            int toRelease = missing;
            for (AllocationRow a : orders.allocations(order.number())) {
                if (a.lineId() == l.lineId() && a.warehouseId() != r.warehouse() && toRelease > 0) {
                    int take = Math.min(a.qty(), toRelease);
                    orders.release(a.lineId(), a.stockItemId(), a.warehouseId(), take);
                    toRelease -= take;
                }
            }
            if (!orders.allocate(l.lineId(), l.stockItemId(), r.warehouse(), missing)) {
                throw failure("Warehouse doesn't have sufficient stock to allocate the request.");
            }
        }
        requests.setStatus(id, "confirmed", now);
        Set<Long> lineIds = lines.stream().map(Line::lineId).collect(Collectors.toSet());
        for (Request other : requests.ofOrder(order.number())) {
            if (other.id() != id && AllocationRequests.PENDING.contains(other.status())) {
                List<Line> otherLines = requests.lines(List.of(other.id()));
                if (otherLines.stream().anyMatch(l -> lineIds.contains(l.lineId()))) {
                    requests.setStatus(other.id(), "outdated", now);
                    events.allocationRequest("update", "outdated", other, order, otherLines);
                }
            }
        }
    }

    /** Times out the order's open requests whose deadline passed; their items move on down the rule. */
    @Transactional
    public void expire(long number) {
        Optional<OrderRow> locked = orders.lock(number);
        if (locked.isEmpty()) {
            return;
        }
        long now = time.now().toEpochMilli();
        for (Request r : requests.ofOrder(number)) {
            if (List.of("allocated", "sent", "failed").contains(r.status()) && r.expiresAtMs() <= now) {
                requests.setStatus(r.id(), "timed-out", now);
                List<Line> lines = requests.lines(List.of(r.id()));
                events.allocationRequest("update", "timed-out", r, locked.get(), lines);
                moveOn(locked.get(), r, lines);
            }
        }
    }

    List<Long> ordersDue() {
        return requests.ordersWithExpiredRequests(time.now().toEpochMilli());
    }

    /** Items the request's warehouse held go back to its free stock and on to the next warehouse of the rule. */
    private void moveOn(OrderRow order, Request r, List<Line> lines) {
        List<LineRow> released = reallocation.release(order, lines, r.warehouse());
        if (!released.isEmpty()) {
            reallocation.allocate(order, released, r.warehouse(), true,
                    Duration.ofMillis(Math.max(1000, r.expiresAtMs() - r.createdAtMs())));
        }
    }
}
