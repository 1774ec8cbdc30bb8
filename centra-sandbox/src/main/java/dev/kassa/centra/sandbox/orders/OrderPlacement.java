package dev.kassa.centra.sandbox.orders;

import dev.kassa.centra.sandbox.clock.InstanceTime;
import dev.kassa.centra.sandbox.state.Counters;
import dev.kassa.centra.sandbox.webhooks.WebhookEvents;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Writes a new order with its lines, whichever way it arrives (Order API or a web checkout), and
 * announces it with an {@code order/create} event. Allocation is the caller's: it differs per way in.
 */
@Service
public class OrderPlacement {

    /** A line to be written; prices include VAT. */
    public record NewLine(long stockItemId, int qty, BigDecimal unitPrice, BigDecimal originalPrice,
                          BigDecimal taxPercent, String comment, String itemText) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Orders orders;
    private final Counters counters;
    private final InstanceTime time;
    private final WebhookEvents events;

    OrderPlacement(Orders orders, Counters counters, InstanceTime time, WebhookEvents events) {
        this.orders = orders;
        this.counters = counters;
        this.time = time;
        this.events = events;
    }

    /** A fresh order number, or the forced one after checking it is free (the caller maps a clash to -5). */
    public long number(Long forced) {
        if (forced == null) {
            long n;
            do {
                n = counters.next(Counters.ORDER);
            } while (orders.exists(n));
            return n;
        }
        counters.atLeastAbove(Counters.ORDER, forced);
        return forced;
    }

    /**
     * Inserts {@code template} (its number, dates and ids filled in here) and its lines; returns the
     * stored order and lines.
     */
    public List<LineRow> insert(OrderRow template, List<NewLine> lines) {
        LocalDateTime now = time.localNow();
        OrderRow o = new OrderRow(template.number(), selectionId(), template.origin(), template.apiUri(),
                template.flow(), template.status(), template.prepared(), template.market(), template.pricelist(),
                template.currency(), template.country(), template.customerId(), template.billing(),
                template.delivery(), template.shippingList(), template.shippingValue(), template.voucherValue(),
                template.voucherCodes(), template.otherComment(), template.internalComment(), template.poNumber(),
                template.buyerName(), template.internalOrder(), template.adjustStock(), template.payment(),
                template.extraAttributes(), template.orderDate() == null ? now : template.orderDate(),
                template.deliveryDate(), template.cancelDate(), now, now);
        orders.insert(o);
        long firstLine = counters.take(Counters.LINE, lines.size());
        List<LineRow> stored = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            NewLine l = lines.get(i);
            LineRow row = new LineRow(firstLine + i, o.number(), i, l.stockItemId(), l.qty(), l.unitPrice(),
                    l.originalPrice(), l.taxPercent(), l.comment(), l.itemText());
            orders.insertLine(row);
            stored.add(row);
        }
        events.publish("order", "create", o.number(), null);
        return stored;
    }

    private static String selectionId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
