package dev.kassa.centra.sandbox.seed;

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

    private record Model(String sku, String name, String folder, String category, List<String[]> colours,
                         List<String> sizes, int sek, int eur, BigDecimal cost) {
    }

    public static CentraDataset dataset() {
        List<Model> models = List.of(
                new Model("LS100", "Linen Shirt", "Tops / Shirts", "Men / Shirts",
                        List.of(new String[]{"WH", "White"}, new String[]{"NV", "Navy"}),
                        List.of("S", "M", "L", "XL"), 599, 59, new BigDecimal("180.00")),
                new Model("WS200", "Wool Sweater", "Tops / Knitwear", "Men / Knitwear",
                        List.of(new String[]{"GR", "Grey"}, new String[]{"BK", "Black"}),
                        List.of("S", "M", "L"), 1199, 119, new BigDecimal("410.00")),
                new Model("CT300", "Chino Trousers", "Bottoms / Trousers", "Men / Trousers",
                        List.of(new String[]{"KH", "Khaki"}, new String[]{"NV", "Navy"}),
                        List.of("30", "32", "34", "36"), 899, 89, new BigDecimal("260.00")),
                new Model("TB400", "Canvas Tote", "Accessories / Bags", "Accessories",
                        List.<String[]>of(new String[]{"NA", "Natural"}),
                        List.of("One Size"), 249, 25, new BigDecimal("60.00")),
                new Model("LB500", "Leather Belt", "Accessories / Belts", "Accessories",
                        List.of(new String[]{"BR", "Brown"}, new String[]{"BK", "Black"}),
                        List.of("85", "90", "95"), 449, 45, new BigDecimal("120.00")),
                new Model("MS600", "Merino Socks", "Accessories / Socks", "Accessories",
                        List.<String[]>of(new String[]{"GR", "Grey"}),
                        List.of("39-42", "43-46"), 149, 15, new BigDecimal("35.00")));

        List<Product> products = new ArrayList<>();
        long variantId = 100;
        long stockItemId = 1000;
        for (int m = 0; m < models.size(); m++) {
            Model model = models.get(m);
            long productId = m + 1;
            List<Variant> variants = new ArrayList<>();
            for (String[] colour : model.colours()) {
                variantId++;
                List<Size> sizes = new ArrayList<>();
                for (String sizeName : model.sizes()) {
                    stockItemId++;
                    long n = stockItemId;
                    List<Stock> stock = List.of(
                            new Stock(CENTRAL, 20 + (int) (n * 7 % 41), (int) (n % 3)),
                            new Stock(STOCKHOLM, (int) (n * 5 % 7), 0),
                            new Stock(GOTEBORG, (int) (n * 3 % 5), 0),
                            new Stock(BERLIN, 1 + (int) (n * 11 % 6), 0));
                    String sizeSku = sizeName.equals("One Size") ? "OS" : sizeName;
                    sizes.add(new Size(stockItemId, sizeSku, sizeName, "", Ean13.of("735", stockItemId), null,
                            model.cost(), "SEK", stock));
                }
                List<CampaignPrice> sale = model.sku().equals("WS200")
                        ? List.of(new CampaignPrice(40L, BigDecimal.valueOf(model.sek() * 7L / 10).multiply(new BigDecimal("0.8"))))
                        : List.of();
                List<Price> prices = List.of(
                        new Price(19L, BigDecimal.valueOf(model.sek()).multiply(new BigDecimal("0.8")), sale),
                        new Price(20L, BigDecimal.valueOf(model.eur()).divide(new BigDecimal("1.19"), 2,
                                java.math.RoundingMode.HALF_UP), List.of()));
                variants.add(new Variant(variantId, colour[0], colour[1],
                        List.of("https://media.nordvik.example/" + model.sku().toLowerCase() + "-"
                                + colour[0].toLowerCase() + ".jpg"),
                        prices, sizes));
            }
            products.add(new Product(productId, model.sku(), model.name(), model.name(), "Nordvik", "Core",
                    model.folder(), List.of(model.category()), true, "2026-01-15 09:00:00", "2026-01-15 09:00:00",
                    model.name() + " from Nordvik's core collection.", model.name(), "", model.name() + " | Nordvik",
                    "", "", new BigDecimal("0.4"), "kg", "PT", "6205", "Garments", Map.of("material",
                    model.name().split(" ")[0]), variants));
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
