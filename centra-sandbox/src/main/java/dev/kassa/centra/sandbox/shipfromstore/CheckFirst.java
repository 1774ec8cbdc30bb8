package dev.kassa.centra.sandbox.shipfromstore;

import dev.kassa.centra.sandbox.clock.InstanceTime;
import dev.kassa.centra.sandbox.orderapi.OrderApiException;
import dev.kassa.centra.sandbox.orderapi.OrderApiInstance;
import dev.kassa.centra.sandbox.orders.AllocationRow;
import dev.kassa.centra.sandbox.orders.OrderRow;
import dev.kassa.centra.sandbox.orders.Orders;
import dev.kassa.centra.sandbox.shipfromstore.Offers.Offer;
import dev.kassa.centra.sandbox.stock.StockLedger;
import dev.kassa.centra.sandbox.webhooks.WebhookEvents;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers to check-first offers (§8, §13.7–8). Every answer for an order takes that order's row lock
 * first, so accepts and rejects racing for one order run one after the other: the first accept wins, and
 * every later answer sees the offer already ended.
 */
@Service
public class CheckFirst {

    /** The outcome of an answer: null message means ok. */
    public record Answer(String refusal) {
        static final Answer OK = new Answer(null);
    }

    private final Orders orders;
    private final Offers offers;
    private final StockLedger ledger;
    private final ShipFromStoreEvents events;
    private final WebhookEvents webhookEvents;
    private final InstanceTime time;

    CheckFirst(Orders orders, Offers offers, StockLedger ledger, ShipFromStoreEvents events, WebhookEvents webhookEvents,
               InstanceTime time) {
        this.orders = orders;
        this.offers = offers;
        this.ledger = ledger;
        this.events = events;
        this.webhookEvents = webhookEvents;
        this.time = time;
    }

    /**
     * Accepts or rejects one warehouse's offer. A refusal that changes nothing is thrown (rolling back);
     * an answer that arrives after the deadline first records the timeout (which stays), then refuses.
     */
    @Transactional
    public Answer answer(OrderApiInstance api, long number, long warehouse, boolean accept) {
        Optional<OrderRow> found = orders.lock(number);
        if (found.isEmpty() || !api.markets().isEmpty() && !api.markets().contains(found.get().market())) {
            return new Answer("order does not exist");
        }
        OrderRow order = found.get();
        expireDue(order);
        Optional<Offer> offer = offers.ofOrder(number).stream().filter(o -> o.warehouse() == warehouse).findFirst();
        if (offer.isEmpty()) {
            return new Answer("warehouse is not offered this order");
        }
        switch (offer.get().state()) {
            case Offers.TIMEOUT -> {
                return new Answer("check first has expired");
            }
            case Offers.REJECTED -> {
                return new Answer(Offers.ANOTHER_ACCEPTED.equals(offer.get().reason())
                        ? "order was accepted by another warehouse" : "check first already answered");
            }
            case Offers.ACCEPTED -> {
                return new Answer("check first already answered");
            }
            default -> {
            }
        }
        LocalDateTime now = time.localNow();
        if (!accept) {
            offers.end(number, warehouse, Offers.REJECTED, Offers.BY_STORE, now);
            events.checkFirst("rejected", number, warehouse);
            finishIfNoneOpen(order);
            return Answer.OK;
        }
        moveAllocation(order, warehouse);
        offers.end(number, warehouse, Offers.ACCEPTED, null, now);
        events.checkFirst("accepted", number, warehouse);
        for (Offer other : offers.ofOrder(number)) {
            if (Offers.OFFERED.equals(other.state())) {
                offers.end(number, other.warehouse(), Offers.REJECTED, Offers.ANOTHER_ACCEPTED, now);
                events.checkFirst("rejected", number, other.warehouse());
            }
        }
        orders.setStatus(number, OrderRow.CONFIRMED);
        webhookEvents.publish("order", "update", number, null);
        return Answer.OK;
    }

    /** The accepting shop takes over every line: released where they were, reserved in the shop (§13.8). */
    private void moveAllocation(OrderRow order, long warehouse) {
        var lines = orders.lines(order.number());
        ledger.lock(lines.stream().map(l -> l.stockItemId()).toList());
        for (AllocationRow a : orders.allocations(order.number())) {
            orders.release(a.lineId(), a.stockItemId(), a.warehouseId(), a.qty());
        }
        for (var l : lines) {
            if (!orders.allocate(l.lineId(), l.stockItemId(), warehouse, l.qty())) {
                // Undoes the releases above too: the order stays as it was, the offer stays open.
                throw OrderApiException.refused("msg", "failed to allocate stock");
            }
        }
    }

    /** AMS "Resume": rejects every open offer; the order goes on from where it is allocated. */
    @Transactional
    public int resume(long number) {
        OrderRow order = orders.lock(number).orElseThrow(() -> new IllegalArgumentException("order " + number));
        int rejected = 0;
        for (Offer o : offers.ofOrder(number)) {
            if (offers.end(number, o.warehouse(), Offers.REJECTED, Offers.RESUMED, time.localNow())) {
                events.checkFirst("rejected", number, o.warehouse());
                rejected++;
            }
        }
        finishIfNoneOpen(order);
        return rejected;
    }

    /** Ends the order's offers whose deadline passed, with a {@code timeout} event each. */
    @Transactional
    public void expire(long number) {
        orders.lock(number).ifPresent(this::expireDue);
    }

    List<Long> ordersDue() {
        return offers.ordersWithExpiredOffers(time.now().toEpochMilli());
    }

    private void expireDue(OrderRow order) {
        long now = time.now().toEpochMilli();
        boolean any = false;
        for (Offer o : offers.ofOrder(order.number())) {
            if (Offers.OFFERED.equals(o.state()) && o.expiresAtMs() <= now
                    && offers.end(order.number(), o.warehouse(), Offers.TIMEOUT, null, time.localNow())) {
                events.checkFirst("timeout", order.number(), o.warehouse());
                any = true;
            }
        }
        if (any) {
            finishIfNoneOpen(order);
        }
    }

    /** Every offer rejected or timed out: the order proceeds as a regular order from the Direct warehouse. */
    private void finishIfNoneOpen(OrderRow order) {
        List<Offer> all = offers.ofOrder(order.number());
        boolean open = all.stream().anyMatch(o -> Offers.OFFERED.equals(o.state()));
        boolean accepted = all.stream().anyMatch(o -> Offers.ACCEPTED.equals(o.state()));
        if (!open && !accepted && OrderRow.PENDING.equals(order.status())) {
            orders.setStatus(order.number(), OrderRow.CONFIRMED);
            webhookEvents.publish("order", "update", order.number(), null);
        }
    }
}
