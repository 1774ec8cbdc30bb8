package dev.kassa.centra.sandbox.seed;

import dev.kassa.common.demo.DemoCatalogue;
import dev.kassa.centra.sandbox.state.CentraDataset;
import dev.kassa.centra.sandbox.state.CentraDataset.AllocationRule;
import dev.kassa.centra.sandbox.state.CentraDataset.Campaign;
import dev.kassa.centra.sandbox.state.CentraDataset.CampaignPrice;
import dev.kassa.centra.sandbox.state.CentraDataset.Country;
import dev.kassa.centra.sandbox.state.CentraDataset.Market;
import dev.kassa.centra.sandbox.state.CentraDataset.OrderApi;
import dev.kassa.centra.sandbox.state.CentraDataset.Price;
import dev.kassa.centra.sandbox.state.CentraDataset.Pricelist;
import dev.kassa.centra.sandbox.state.CentraDataset.Product;
import dev.kassa.centra.sandbox.state.CentraDataset.Size;
import dev.kassa.centra.sandbox.state.CentraDataset.Stock;
import dev.kassa.centra.sandbox.state.CentraDataset.Variant;
import dev.kassa.centra.sandbox.state.CentraDataset.Warehouse;
import dev.kassa.centra.sandbox.state.CentraDataset.Webhook;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The demo retailer "Nordvik": sells in Sweden (SEK, 25 % VAT) and Germany (EUR, 19 % VAT) from a central
 * warehouse and three shops — Stockholm and Göteborg ship web orders "check first", Berlin "direct, then
 * confirm". One Order API endpoint per country and one per shop. Deterministic, so the README can quote it.
 */
public final class DemoRetailer {

    public static final long CENTRAL = 1;
    public static final long STOCKHOLM = 2;
    public static final long GOTEBORG = 3;
    public static final long BERLIN = 4;

    private DemoRetailer() {
    }

    public static CentraDataset dataset() {
        List<Product> products = new ArrayList<>();
        List<Variant> variants = new ArrayList<>();
        List<DemoCatalogue.Variant> all = DemoCatalogue.variants();
        for (int i = 0; i < all.size(); i++) {
            DemoCatalogue.Variant v = all.get(i);
            DemoCatalogue.Model model = v.model();
            List<Size> sizes = new ArrayList<>();
            for (DemoCatalogue.Size size : v.sizes()) {
                long n = size.stockItemId();
                List<Stock> stock = List.of(
                        new Stock(CENTRAL, 20 + (int) (n * 7 % 41), (int) (n % 3)),
                        new Stock(STOCKHOLM, (int) (n * 5 % 7), 0),
                        new Stock(GOTEBORG, (int) (n * 3 % 5), 0),
                        new Stock(BERLIN, 1 + (int) (n * 11 % 6), 0));
                sizes.add(new Size(n, size.sizeSku(), size.name(), "", size.ean(), null, model.cost(), "SEK", stock));
            }
            List<CampaignPrice> sale = model.sku().equals("WS200")
                    ? List.of(new CampaignPrice(40L, BigDecimal.valueOf(model.sek() * 7L / 10).multiply(new BigDecimal("0.8"))))
                    : List.of();
            List<Price> prices = List.of(
                    new Price(19L, BigDecimal.valueOf(model.sek()).multiply(new BigDecimal("0.8")), sale),
                    new Price(20L, BigDecimal.valueOf(model.eur()).divide(new BigDecimal("1.19"), 2,
                            java.math.RoundingMode.HALF_UP), List.of()));
            variants.add(new Variant(v.variantId(), v.colour().code(), v.colour().name(),
                    List.of("https://media.nordvik.example/" + model.sku().toLowerCase() + "-"
                            + v.colour().code().toLowerCase() + ".jpg"),
                    prices, sizes));
            boolean lastOfModel = i + 1 == all.size() || all.get(i + 1).modelIndex() != v.modelIndex();
            if (lastOfModel) {
                products.add(new Product(v.modelIndex() + 1L, model.sku(), model.name(), model.name(), "Nordvik", "Core",
                        model.folder(), List.of(model.category()), true, "2026-01-15 09:00:00", "2026-01-15 09:00:00",
                        model.name() + " from Nordvik's core collection.", model.name(), "", model.name() + " | Nordvik",
                        "", "", new BigDecimal("0.4"), "kg", "PT", "6205", "Garments", Map.of("material",
                        model.name().split(" ")[0]), List.copyOf(variants)));
                variants.clear();
            }
        }

        return new CentraDataset(
                "Europe/Stockholm",
                List.of(new Country("SE", "Sweden", new BigDecimal("25")), new Country("DE", "Germany", new BigDecimal("19"))),
                List.of(new Market(1L, "Sweden", List.of("SE")), new Market(2L, "Germany", List.of("DE"))),
                List.of(new Pricelist(19L, "SEK", "SEK", List.of("SE")), new Pricelist(20L, "EUR", "EUR", List.of("DE"))),
                List.of(new Campaign(40L, "Winter sale", "2026-11-01 00:00:00", "2027-03-01 00:00:00")),
                List.of(new Warehouse(CENTRAL, "Central", "direct", null, "centra"),
                        new Warehouse(STOCKHOLM, "Store Stockholm", "check-first", "Stockholm Drottninggatan", "centra"),
                        new Warehouse(GOTEBORG, "Store Göteborg", "check-first", "Göteborg Avenyn", "centra"),
                        new Warehouse(BERLIN, "Store Berlin", "direct-then-confirm", "Berlin Mitte", "external")),
                List.of(new AllocationRule(1L, List.of(CENTRAL, STOCKHOLM, GOTEBORG)),
                        new AllocationRule(2L, List.of(BERLIN, CENTRAL))),
                products,
                List.of(orderApi("order-api-se", "demo-se-secret", 1L, CENTRAL, "SE"),
                        orderApi("order-api-de", "demo-de-secret", 2L, CENTRAL, "DE"),
                        orderApi("store-stockholm", "demo-stockholm-secret", 1L, STOCKHOLM, "SE"),
                        orderApi("store-goteborg", "demo-goteborg-secret", 1L, GOTEBORG, "SE"),
                        orderApi("store-berlin", "demo-berlin-secret", 2L, BERLIN, "DE")),
                List.of(new Webhook("http://127.0.0.1:8080/webhooks/centra", "demo-webhook-secret", "integration",
                        List.of("check_first", "allocation_request"), 0, 5, 100)), null);
    }

    private static OrderApi orderApi(String uri, String secret, long market, long primary, String taxCountry) {
        return new OrderApi(uri, secret, List.of(market), primary, List.of(), JsonNodeFactory.instance.stringNode("all"),
                true, taxCountry, true, null, null, null, null, null, null, false, null);
    }
}
