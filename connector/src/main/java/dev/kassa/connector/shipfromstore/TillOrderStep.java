package dev.kassa.connector.shipfromstore;

import dev.kassa.centara.api.CentaraClient;
import dev.kassa.centara.api.CentaraException;
import dev.kassa.centara.api.CentaraOrder;
import dev.kassa.centara.api.ExternalOrder;
import dev.kassa.centra.api.CentraOrder;
import dev.kassa.centra.api.OrderApiClient;
import dev.kassa.connector.centra.CentraClients;
import dev.kassa.connector.config.ConnectorConfig;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * The step "till order" ({@code accepted}): the accepted order into the store's till as one Centara
 * external order, ReferenceNumber = the Centra order number, exactly once; an "already exists" is taken as
 * ours only when the order found is the one the connector would have made (decision 0011).
 */
@Component
class TillOrderStep {

    private final ConnectorConfig config;
    private final Offers offers;
    private final CentraClients centra;
    private final OfferOrders orders;
    private final Tills tills;
    private final Clock clock;

    TillOrderStep(ConnectorConfig config, Offers offers, CentraClients centra, OfferOrders orders, Tills tills, Clock clock) {
        this.config = config;
        this.offers = offers;
        this.centra = centra;
        this.orders = orders;
        this.tills = tills;
        this.clock = clock;
    }

    boolean run(Offers.Offer o, ConnectorConfig.Store store) {
        if (tills.client().isEmpty()) {
            offers.backOff(o.offerId(), o.current(), Tills.NOT_CONFIGURED, 60_000);
            return false;
        }
        CentaraClient till = tills.client().get();
        OrderApiClient client = centra.of(store.centraEndpoint());
        CentraOrder order = OfferOrders.order(client, o.orderNumber());
        String warehouse = store.ship().centraWarehouseName();
        List<CentraOrder.Line> lines = order.linesIn(warehouse);
        if (lines.isEmpty()) {
            // Centra's Order API names warehouses only in orders, so a wrong name shows here first: say what Centra has
            Set<String> names = new TreeSet<>();
            order.lines().forEach(l -> l.allocations().stream().filter(a -> a.quantity() > 0).forEach(a -> names.add(a.warehouse())));
            return offers.move(o.offerId(), EnumSet.of(OfferState.ACCEPTED), OfferState.FAILED, "connector", "none of order " + o.orderNumber()
                    + "'s lines is allocated to warehouse '" + warehouse + "' (kassa.connector.stores[]"
                    + ".ship-from-store.centra-warehouse-name of store " + store.id() + "); Centra allocates them to " + names
                    + ": if one of these is the store's warehouse, set its name exactly");
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), store.ship().zone()).truncatedTo(ChronoUnit.SECONDS);
        List<ExternalOrder.Item> items = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (CentraOrder.Line l : lines) {
            BigDecimal qty = BigDecimal.valueOf(l.quantityIn(warehouse));
            total = total.add(l.price().multiply(qty));
            String name = (l.name() + " " + l.variant() + " " + l.size()).trim();
            items.add(new ExternalOrder.Item(orders.itemId(client, l), qty, l.price(), null, name.length() > 80 ? name.substring(0, 80) : name));
        }
        OffsetDateTime created = centraTime(order.orderDate(), now);
        String auth = order.paymentReference();
        ExternalOrder.Payment payment = new ExternalOrder.Payment(total, created, config.centara().orElseThrow().webTender(),
                "Centra " + o.orderNumber(), new ExternalOrder.Authorization(created, auth.isBlank() ? "centra-" + o.orderNumber() : auth,
                blankAsNull(order.selectionId()), blankAsNull(order.paymentPlugin())));
        ExternalOrder external;
        String reference = config.centara().orElseThrow().reference(o.orderNumber());
        try {
            external = new ExternalOrder(store.centaraStore(), created, now.plus(config.shipFromStore().due()),
                    reference, null, notes(order) + " " + marker(reference), null, items, List.of(payment), List.of());
        } catch (IllegalArgumentException e) {
            return offers.move(o.offerId(), EnumSet.of(OfferState.ACCEPTED), OfferState.FAILED, "connector", e.getMessage());
        }
        CentaraClient.Created made;
        try {
            made = till.create(external);
        } catch (CentaraException e) {
            if (e.outcomeUnknown() || e.status() == 0 || e.status() >= 500) {
                throw e;
            }
            return offers.move(o.offerId(), EnumSet.of(OfferState.ACCEPTED), OfferState.FAILED, "centara", e.getMessage());
        }
        if (made.existed()) {
            // "already exists" is ours only when the order found is the one we would have made (decision 0011)
            Optional<CentaraOrder> found = till.order(made.orderId());
            String why = found.isEmpty() ? "it could not be read back" : notOurs(found.get(), external, reference);
            if (why != null) {
                return offers.move(o.offerId(), EnumSet.of(OfferState.ACCEPTED), OfferState.FAILED, "centara", "Centara already has an order with"
                        + " ReferenceNumber " + reference + " (OrderId " + made.orderId() + ") that is not this one: " + why
                        + ". Another channel uses the same references: nothing was put in this store's till. Put the order in the"
                        + " till by hand (or reallocate it in Centra), and set kassa.connector.centara.reference-prefix");
            }
        }
        return offers.move(o.offerId(), EnumSet.of(OfferState.ACCEPTED), OfferState.IN_TILL, "connector",
                (made.existed() ? "already in the till as " : "in the till as Centara order ") + made.orderId(),
                Offers.Details.tillOrder(made.orderId()));
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
        Map<String, BigDecimal> want = new TreeMap<>();
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

    private static String blankAsNull(String s) {
        return s.isBlank() ? null : s;
    }

    /** The customer's contact details for the store, since the till order carries no customer (spec: none by default). */
    private static String notes(CentraOrder order) {
        StringBuilder b = new StringBuilder("Web order ").append(order.orderId()).append(". Ship to: ");
        order.delivery().all().forEach(v -> b.append(v).append(", "));
        return b.substring(0, b.length() - 2);
    }
}
