package dev.kassa.centra.sandbox.shipfromstore;

import dev.kassa.centra.sandbox.clock.InstanceTime;
import dev.kassa.centra.sandbox.orders.Customers;
import dev.kassa.centra.sandbox.orders.LineRow;
import dev.kassa.centra.sandbox.orders.Markets;
import dev.kassa.centra.sandbox.orders.Markets.Pricelist;
import dev.kassa.centra.sandbox.orders.Markets.RuleWarehouse;
import dev.kassa.centra.sandbox.orders.OrderItems;
import dev.kassa.centra.sandbox.orders.OrderItems.Item;
import dev.kassa.centra.sandbox.orders.OrderPlacement;
import dev.kassa.centra.sandbox.orders.OrderPlacement.NewLine;
import dev.kassa.centra.sandbox.orders.OrderRow;
import dev.kassa.centra.sandbox.orders.Orders;
import dev.kassa.centra.sandbox.shipfromstore.AllocationRequests.Request;
import dev.kassa.common.sandbox.FieldError;
import dev.kassa.centra.sandbox.stock.StockLedger;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Places a web order as a checkout would ({@code POST /sandbox/web-orders}, §13.8): lines allocated at
 * once from the market's rule (Direct warehouses; "direct, then confirm" ones too when no shop is offered
 * the order), offers to the check-first shops whose free stock covers every line (or the ones named),
 * each with its deadline, and the events that announce it all.
 */
@Service
public class WebOrderPlacement {

    public static final long DEFAULT_EXPIRY_SECONDS = 3600;

    public record Customer(String email, String firstName, String lastName, String address, String coaddress,
                           String zipcode, String city, String state, String phone) {
    }

    public record Line(String ean, Long stockItemId, Integer qty) {
    }

    public record Offer(Long warehouse, Long expiresInSeconds) {
    }

    public record WebOrder(String country, Customer customer, List<Line> lines, List<Offer> offers,
                           Long expiresInSeconds) {
    }

    /** Bad input: every problem, with its path. */
    public static final class Invalid extends RuntimeException {
        private final List<FieldError> errors;

        Invalid(List<FieldError> errors) {
            super("invalid web order", null, false, false);
            this.errors = errors;
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    private final OrderPlacement placement;
    private final Orders orders;
    private final OrderItems items;
    private final Markets markets;
    private final Customers customers;
    private final StockLedger ledger;
    private final Offers offers;
    private final Reallocation reallocation;
    private final ShipFromStoreEvents events;
    private final InstanceTime time;

    WebOrderPlacement(OrderPlacement placement, Orders orders, OrderItems items, Markets markets, Customers customers,
                      StockLedger ledger, Offers offers, Reallocation reallocation, ShipFromStoreEvents events,
                      InstanceTime time) {
        this.placement = placement;
        this.orders = orders;
        this.items = items;
        this.markets = markets;
        this.customers = customers;
        this.ledger = ledger;
        this.offers = offers;
        this.reallocation = reallocation;
        this.events = events;
        this.time = time;
    }

    @Transactional
    public ObjectNode place(WebOrder w) {
        List<FieldError> errors = new ArrayList<>();
        String country = w.country() == null ? null : w.country().toUpperCase();
        Optional<Long> market = Optional.empty();
        Optional<Pricelist> pricelist = Optional.empty();
        if (country == null) {
            errors.add(new FieldError("country", "is required"));
        } else {
            market = markets.marketOfCountry(country);
            pricelist = markets.pricelistOfCountry(country);
            if (market.isEmpty()) {
                errors.add(new FieldError("country", "no market sells to " + country));
            } else if (pricelist.isEmpty()) {
                errors.add(new FieldError("country", "no pricelist is set up for " + country));
            }
        }
        if (w.customer() == null || w.customer().email() == null || !w.customer().email().contains("@")) {
            errors.add(new FieldError("customer.email", "is required and must be an e-mail address"));
        }
        long expiry = w.expiresInSeconds() == null ? DEFAULT_EXPIRY_SECONDS : w.expiresInSeconds();
        if (expiry < 1) {
            errors.add(new FieldError("expiresInSeconds", "must be at least 1"));
        }
        BigDecimal tax = country == null ? BigDecimal.ZERO : markets.taxPercent(country);
        List<NewLine> lines = new ArrayList<>();
        List<Line> in = w.lines() == null ? List.of() : w.lines();
        if (in.isEmpty()) {
            errors.add(new FieldError("lines", "must name at least one line"));
        }
        for (int i = 0; i < in.size(); i++) {
            Line l = in.get(i);
            String p = "lines[" + i + "]";
            if (l == null) {
                errors.add(new FieldError(p, "must be an object"));
                continue;
            }
            if (l.qty() == null || l.qty() < 1 || l.qty() > 10_000) {
                errors.add(new FieldError(p + ".qty", "must be between 1 and 10000"));
            }
            Optional<Item> item = l.stockItemId() != null ? items.byId(l.stockItemId())
                    : l.ean() != null ? items.byEan(l.ean()) : Optional.empty();
            if (l.stockItemId() == null && l.ean() == null) {
                errors.add(new FieldError(p, "needs ean or stockItemId"));
            } else if (item.isEmpty()) {
                errors.add(new FieldError(l.stockItemId() != null ? p + ".stockItemId" : p + ".ean", "no such item"));
            } else if (!item.get().active()) {
                errors.add(new FieldError(p, "the product is inactive"));
            } else if (pricelist.isPresent() && l.qty() != null) {
                Optional<BigDecimal[]> price = items.price(item.get().variantId(), pricelist.get().id(), tax,
                        time.localNow());
                if (price.isEmpty()) {
                    errors.add(new FieldError(p, "has no price in pricelist " + pricelist.get().id()));
                } else {
                    lines.add(new NewLine(item.get().stockItemId(), l.qty(), price.get()[0], price.get()[1], tax,
                            "", null));
                }
            }
        }
        List<RuleWarehouse> rule = market.map(markets::rule).orElse(List.of());
        Map<Long, Long> named = new LinkedHashMap<>();
        if (w.offers() != null) {
            for (int i = 0; i < w.offers().size(); i++) {
                Offer o = w.offers().get(i);
                String p = "offers[" + i + "]";
                Optional<RuleWarehouse> wh = o == null || o.warehouse() == null ? Optional.empty()
                        : markets.warehouse(o.warehouse());
                if (wh.isEmpty()) {
                    errors.add(new FieldError(p + ".warehouse", "no such warehouse"));
                } else if (!wh.get().checkFirst()) {
                    errors.add(new FieldError(p + ".warehouse", "warehouse " + o.warehouse()
                            + " does not allocate \"check first\" (policy " + wh.get().policy() + ")"));
                } else if (named.containsKey(o.warehouse())) {
                    errors.add(new FieldError(p + ".warehouse", "is offered twice"));
                } else if (o.expiresInSeconds() != null && o.expiresInSeconds() < 1) {
                    errors.add(new FieldError(p + ".expiresInSeconds", "must be at least 1"));
                } else {
                    named.put(o.warehouse(), o.expiresInSeconds() == null ? expiry : o.expiresInSeconds());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }

        ledger.lock(lines.stream().map(NewLine::stockItemId).toList());
        Map<Long, Long> offered = new LinkedHashMap<>(named);
        if (w.offers() == null) {
            for (RuleWarehouse r : rule) {
                if (r.checkFirst() && covers(r.id(), lines)) {
                    offered.put(r.id(), expiry);
                }
            }
        }
        Customer c = w.customer();
        ObjectNode address = JsonNodeFactory.instance.objectNode();
        address.put("email", c.email());
        putIf(address, "firstName", c.firstName());
        putIf(address, "lastName", c.lastName());
        putIf(address, "address", c.address());
        putIf(address, "coaddress", c.coaddress());
        putIf(address, "zipcode", c.zipcode());
        putIf(address, "city", c.city());
        putIf(address, "state", c.state());
        putIf(address, "cell", c.phone());
        address.put("country", country);
        BigDecimal total = lines.stream().map(l -> l.unitPrice().multiply(BigDecimal.valueOf(l.qty())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        long number = placement.number(null);
        ObjectNode payment = JsonNodeFactory.instance.objectNode();
        payment.put("id", 1);
        payment.putObject("auth").put("status", 1).put("amount", total).put("method", "card")
                .put("transaction", "web-" + number);
        boolean checkFirst = !offered.isEmpty();
        OrderRow template = new OrderRow(number, null, "web", null, checkFirst ? "check-first" : "regular",
                checkFirst ? OrderRow.PENDING : OrderRow.CONFIRMED, false, market.get(), pricelist.get().id(),
                pricelist.get().currency(), country, customers.create(c.email(), false), address.toString(),
                address.toString(), "", BigDecimal.ZERO, BigDecimal.ZERO, "", "", "", "", "", false, true,
                payment.toString(), "{}", null, null, null, null, null);
        List<LineRow> stored = placement.insert(template, lines);
        OrderRow order = orders.find(number).orElseThrow();
        List<Request> requests = reallocation.allocate(order, stored, -1, !checkFirst,
                Duration.ofSeconds(expiry));
        if (!requests.isEmpty()) {
            orders.set(number, "flow", "allocation-request");
        }
        long now = time.now().toEpochMilli();
        List<Offers.Offer> rows = new ArrayList<>();
        offered.forEach((warehouse, seconds) -> {
            offers.insert(number, warehouse, now + seconds * 1000);
            rows.add(new Offers.Offer(number, warehouse, now + seconds * 1000, Offers.OFFERED, null));
        });
        if (checkFirst) {
            events.checkFirstCreated(number, rows);
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("orderNumber", number);
        var o = out.putArray("offers");
        rows.forEach(r -> o.addObject().put("warehouse", r.warehouse())
                .put("expirationAt", events.isoSeconds(r.expiresAtMs())));
        var a = out.putArray("allocationRequests");
        requests.forEach(r -> a.addObject().put("id", r.id()).put("warehouse", r.warehouse()));
        return out;
    }

    private boolean covers(long warehouse, List<NewLine> lines) {
        Map<Long, Integer> need = new LinkedHashMap<>();
        lines.forEach(l -> need.merge(l.stockItemId(), l.qty(), Integer::sum));
        return need.entrySet().stream().allMatch(e -> ledger.freeToAllocate(e.getKey(), warehouse) >= e.getValue());
    }

    private static void putIf(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }
}
