package dev.kassa.centara.sandbox.seed;

import dev.kassa.centara.sandbox.state.CentaraDataset;
import dev.kassa.centara.sandbox.state.CentaraDataset.Auth;
import dev.kassa.centara.sandbox.state.CentaraDataset.Customer;
import dev.kassa.centara.sandbox.state.CentaraDataset.InfoCode;
import dev.kassa.centara.sandbox.state.CentaraDataset.Item;
import dev.kassa.centara.sandbox.state.CentaraDataset.Store;
import dev.kassa.centara.sandbox.state.CentaraDataset.Tender;
import dev.kassa.centara.sandbox.state.CentaraDataset.TransactionTarget;
import dev.kassa.common.demo.DemoCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo retailer on the Centara side: the Centra demo's three shops as Centara stores, its whole range
 * as items whose barcodes are the Centra EANs (ItemId {@code LS100-WH-S}), a web payment tender, and the
 * till pushing to the connector on port 8080 with a key per store.
 */
public final class DemoRetailer {

    public static final String API_TOKEN = "demo-centara-token";
    public static final int STOCKHOLM = 1;
    public static final int GOTEBORG = 2;
    public static final int BERLIN = 3;
    public static final int CASH = 1;
    public static final int CARD = 2;
    public static final int WEB_PAYMENT = 50;

    private DemoRetailer() {
    }

    public static CentaraDataset dataset() {
        List<Item> items = new ArrayList<>();
        for (DemoCatalogue.Variant v : DemoCatalogue.variants()) {
            for (DemoCatalogue.Size s : v.sizes()) {
                items.add(new Item(itemId(v, s), v.model().name() + " " + v.colour().name() + " " + s.name(),
                        List.of(s.ean())));
            }
        }
        return new CentaraDataset(
                new Auth("bearer", API_TOKEN, null, null),
                List.of(store(STOCKHOLM, "Nordvik Stockholm Drottninggatan", "Europe/Stockholm"),
                        store(GOTEBORG, "Nordvik Göteborg Avenyn", "Europe/Stockholm"),
                        store(BERLIN, "Nordvik Berlin Mitte", "Europe/Berlin")),
                List.of(new Customer("0001-00001", "Eva", "Lind", "eva@example.com", "+46701234567"),
                        new Customer("0001-00002", "Jonas", "Weber", "jonas@example.com", null)),
                items,
                List.of(new Tender(CASH, "Cash"), new Tender(CARD, "Card"), new Tender(WEB_PAYMENT, "Web payment")),
                List.of(new InfoCode("CentraOrder", "Centra order number"),
                        new InfoCode("Carrier", "Carrier and service for ship-from-store"),
                        new InfoCode("Kennitala", "National id")),
                new TransactionTarget("http://127.0.0.1:8080/api/pos/transactions", Map.of()),
                null);
    }

    /** The Centara ItemId of a Centra stock item: model, colour and size SKU. */
    public static String itemId(DemoCatalogue.Variant v, DemoCatalogue.Size s) {
        return v.model().sku() + "-" + v.colour().code() + "-" + s.sizeSku();
    }

    private static Store store(int id, String name, String zone) {
        return new Store(id, name, zone, Map.of("Authorization", "Bearer demo-pos-key-" + String.format("%04d", id)));
    }
}
