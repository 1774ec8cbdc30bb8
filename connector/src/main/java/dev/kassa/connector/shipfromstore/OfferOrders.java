package dev.kassa.connector.shipfromstore;

import dev.kassa.centra.api.CentraException;
import dev.kassa.centra.api.CentraOrder;
import dev.kassa.centra.api.OrderApiClient;
import dev.kassa.connector.catalogue.CatalogueMirror;
import dev.kassa.connector.config.ConnectorConfig;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** What the steps read of an offer's Centra order: the order, and the Centara ItemId of its lines. */
@Component
class OfferOrders {

    private final ConnectorConfig config;
    private final CatalogueMirror mirror;

    OfferOrders(ConnectorConfig config, CatalogueMirror mirror) {
        this.config = config;
        this.mirror = mirror;
    }

    /** The order; a {@link CentraException} (tried again later) when the endpoint does not show it. */
    static CentraOrder order(OrderApiClient client, long number) {
        return client.order(number).orElseThrow(() -> new CentraException("order " + number + " is not visible through "
                + client.endpoint().baseUrl(), 200, false, null));
    }

    /**
     * The Centara ItemId of an order line: from the catalogue mirror by EAN, else from Centra's product
     * (GET products by EAN: an order line's {@code sku} may be the concatenated SKU) through the pattern.
     */
    String itemId(OrderApiClient client, CentraOrder.Line line) {
        String ean = line.ean();
        if (!ean.isEmpty()) {
            Optional<String> mirrored = mirror.itemIdOfEan(ean);
            if (mirrored.isPresent()) {
                return mirrored.get();
            }
            var rows = client.products(Map.of("ean", ean), 1, 1).rows();
            if (!rows.isEmpty()) {
                var p = rows.getFirst();
                return config.itemIds().itemId(Map.of("sku", p.sku(), "variantSku", p.variantSku(), "sizeSku", p.sizeSku(),
                        "ean", ean, "stockItemId", Long.toString(p.stockItemId())));
            }
        }
        return config.itemIds().itemId(Map.of("sku", line.sku(), "variantSku", line.variantSku(), "sizeSku", line.sizeSku(),
                "ean", ean));
    }
}
