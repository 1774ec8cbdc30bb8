package dev.kassa.connector.console;

import dev.kassa.centra.api.CentraException;
import dev.kassa.centra.api.CentraOrder;
import dev.kassa.centra.api.OrderApiClient;
import dev.kassa.connector.centra.CentraClients;
import dev.kassa.connector.config.ConnectorConfig;
import dev.kassa.connector.shipfromstore.Offers;
import dev.kassa.connector.shipfromstore.ShipFromStore;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The lines of an offer's Centra order as a store sees them (GET orders through the store's endpoint): name,
 * variant, size, EAN, quantity, how many Centra allocated to the store already, whether the store's stock
 * covers the rest (GET stock of the store's endpoint), and the item's image when Centra has one.
 */
@Component
class OfferLines {

    record Line(String name, String variant, String size, String ean, int quantity, int allocatedHere, Integer available,
                boolean covered, String image) {
    }

    /**
     * What the clerk needs beside the lines to pack: who, where to, how ({@code carrier} blank when none was
     * chosen; {@code wantedBy} blank when the customer named no date), and what the order is worth.
     */
    record Order(String customer, String address, String contact, String carrier, String wantedBy, String total,
                 String currency) {
    }

    /** Why the lines cannot be shown: a message of the console's language ({@code key}) with its arguments. */
    record Problem(String key, Object[] args) {
    }

    record Lines(List<Line> lines, Problem problem, Order order) {
        Lines(List<Line> lines, Problem problem) {
            this(lines, problem, null);
        }

        public boolean allCovered() {
            return problem == null && lines.stream().allMatch(Line::covered);
        }
    }

    private final CentraClients centra;

    OfferLines(CentraClients centra) {
        this.centra = centra;
    }

    Lines of(Offers.Offer offer, ConnectorConfig.Store store, boolean withStock) {
        try {
            OrderApiClient client = centra.of(store.centraEndpoint());
            CentraOrder order = client.order(offer.orderNumber()).orElse(null);
            if (order == null) {
                return new Lines(List.of(), new Problem("lines.problem.notShown", new Object[]{Long.toString(offer.orderNumber())}));
            }
            List<Line> out = new ArrayList<>();
            for (CentraOrder.Line l : order.lines()) {
                int qty = l.quantity();
                int here = ShipFromStore.quantityHere(l, store);
                String ean = l.ean();
                Integer available = null;
                if (withStock && here < qty && !ean.isEmpty()) {
                    available = client.stockByEan(ean).stream().mapToInt(r -> r.available()).sum();
                }
                boolean covered = here >= qty || available != null && available >= qty - here;
                out.add(new Line(l.name(), l.variant(), l.size(), ean, qty,
                        here, available, covered, ean.isEmpty() ? null : image(client, ean)));
            }
            return new Lines(out, null, summary(order));
        } catch (CentraException e) {
            return new Lines(List.of(), new Problem("lines.problem.noAnswer", new Object[]{e.getMessage()}));
        }
    }

    private static Order summary(CentraOrder o) {
        return new Order(o.delivery().name(), String.join(", ", o.delivery().addressParts()), String.join(", ", o.delivery().contact()),
                o.defaultCarrier(), o.preferredDeliveryDate(), o.grandTotal(), o.currency());
    }

    /** The item's first image (GET products?ean=), if Centra has one. */
    private static String image(OrderApiClient client, String ean) {
        JsonNode images = client.get("products", java.util.Map.of("ean", ean, "limit", "1")).path("products").path(0).path("images");
        return images.isArray() && !images.isEmpty() && images.get(0).isString() ? images.get(0).asString() : null;
    }
}
