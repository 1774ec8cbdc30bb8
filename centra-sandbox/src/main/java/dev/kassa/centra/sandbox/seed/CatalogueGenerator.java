package dev.kassa.centra.sandbox.seed;

import dev.kassa.common.demo.Ean13;

import dev.kassa.centra.sandbox.state.CentraDataset;
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
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Large, valid catalogues for benchmarks: {@code stockItems} sizes in products of two variants and five
 * sizes, one central and one shop warehouse, one Order API endpoint ({@link #URI}, secret {@link #SECRET})
 * writing the shop warehouse. Same seed, same catalogue.
 */
public final class CatalogueGenerator {

    public static final String URI = "order-api";
    public static final String SECRET = "bench-secret";
    public static final long CENTRAL = 1;
    public static final long SHOP = 2;
    private static final int SIZES_PER_VARIANT = 5;
    private static final int VARIANTS_PER_PRODUCT = 2;

    private CatalogueGenerator() {
    }

    /** EAN of the n-th generated stock item (0-based). */
    public static String ean(long n) {
        return Ean13.of("20", n + 1);
    }

    public static CentraDataset generate(int stockItems, long seed) {
        if (stockItems < 1) {
            throw new IllegalArgumentException("stockItems must be positive, got " + stockItems);
        }
        Random random = new Random(seed);
        int perProduct = SIZES_PER_VARIANT * VARIANTS_PER_PRODUCT;
        List<Product> products = new ArrayList<>(stockItems / perProduct + 1);
        long item = 0;
        long productId = 0;
        long variantId = 0;
        while (item < stockItems) {
            productId++;
            List<Variant> variants = new ArrayList<>(VARIANTS_PER_PRODUCT);
            for (int v = 0; v < VARIANTS_PER_PRODUCT && item < stockItems; v++) {
                variantId++;
                List<Size> sizes = new ArrayList<>(SIZES_PER_VARIANT);
                for (int s = 0; s < SIZES_PER_VARIANT && item < stockItems; s++) {
                    int allocated = random.nextInt(3);
                    sizes.add(new Size(item + 1, "S" + s, "Size " + (s + 1), "", ean(item), null, null, null,
                            List.of(new Stock(CENTRAL, 50 + random.nextInt(100), allocated),
                                    new Stock(SHOP, 500 + random.nextInt(500), allocated))));
                    item++;
                }
                variants.add(new Variant(variantId, "V" + v, "Colour " + (v + 1), List.of(),
                        List.of(new Price(1L, BigDecimal.valueOf(100 + random.nextInt(900)), List.of())), sizes));
            }
            products.add(new Product(productId, "P" + productId, "Product " + productId, null, "Brand", null,
                    "Generated", List.of("Generated"), true, "2026-01-01 00:00:00", null, null, null, null, null,
                    null, null, null, null, null, null, null, null, variants));
        }
        return new CentraDataset("Europe/Stockholm",
                List.of(new Country("SE", "Sweden", new BigDecimal("25"))),
                List.of(new Market(1L, "Sweden", List.of("SE"))),
                List.of(new Pricelist(1L, "SEK", "SEK", List.of("SE"))),
                List.of(),
                List.of(new Warehouse(CENTRAL, "Central", "direct", null, null),
                        new Warehouse(SHOP, "Shop", "check-first", "Shop", null)),
                List.of(),
                products,
                List.of(new OrderApi(URI, SECRET, List.of(1L), SHOP, List.of(), JsonNodeFactory.instance.stringNode("all"),
                        true, "SE", false, null, null, null, null, null, null, false, null)),
                List.of(), null);
    }
}
