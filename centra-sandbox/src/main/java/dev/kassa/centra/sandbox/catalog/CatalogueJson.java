package dev.kassa.centra.sandbox.catalog;

import dev.kassa.centra.sandbox.catalog.CatalogueRows.CampaignPriceRow;
import dev.kassa.centra.sandbox.catalog.CatalogueRows.PriceRow;
import dev.kassa.centra.sandbox.state.Decimals;
import dev.kassa.centra.sandbox.state.LocalDateTimes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds Order API catalogue JSON with fields in the order of the documented examples
 * ({@code spec/fixtures/centra-products-response.json}, {@code centra-stock-response.json}).
 */
public final class CatalogueJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private CatalogueJson() {
    }

    public static ObjectNode envelope(ArrayNode products, CatalogueFilter f, boolean hasNext) {
        ObjectNode root = NODES.objectNode();
        root.put("status", "ok");
        root.set("products", products);
        if (f.limit() != null) {
            // Relative query strings, omitted when there is no such page (§1.5, §13.3).
            if (f.page() > 1) {
                root.put("previous", "?limit=" + f.limit() + "&page=" + (f.page() - 1));
            }
            if (hasNext) {
                root.put("next", "?limit=" + f.limit() + "&page=" + (f.page() + 1));
            }
        }
        return root;
    }

    /** The fields GET products and GET stock share, from {@code sku} to {@code createdAt}. */
    public static ObjectNode base(StockItemRow r) {
        ObjectNode o = NODES.objectNode();
        o.put("sku", r.sku());
        o.put("variantId", r.variantId());
        o.put("variantSku", r.variantSku());
        o.put("sizeSku", r.sizeSku());
        o.put("brand", r.brand());
        o.put("collection", r.collection());
        o.put("product", r.internalName());
        o.put("productId", r.productId());
        o.put("variant", r.variant());
        o.put("size", r.size());
        o.put("sizeComment", r.sizeComment());
        o.put("stockItemId", r.stockItemId());
        o.put("ean", r.ean());
        o.put("upc", r.upc());
        o.put("weight", Decimals.plain(r.weight()));
        o.put("weightUnit", r.weightUnit());
        o.put("countryOfOrigin", r.countryOfOrigin());
        o.put("harmCode", r.harmCode());
        o.put("harmDescription", r.harmDescription());
        o.put("active", r.active() ? 1 : 0);
        o.put("createdAt", LocalDateTimes.format(r.createdAt()));
        return o;
    }

    public static void productFields(ObjectNode o, StockItemRow r, List<String> categories, List<String> images,
                                     ArrayNode prices) {
        o.put("name", r.name());
        o.put("description", r.description());
        o.put("shortDescription", r.shortDescription());
        o.put("comment", r.comment());
        o.put("metaTitle", r.metaTitle());
        o.put("metaDescription", r.metaDescription());
        o.put("metaKeywords", r.metaKeywords());
        o.put("folder", r.folder());
        ArrayNode cats = o.putArray("categories");
        categories.forEach(cats::add);
        o.put("categoryName", categories.isEmpty() ? null : categories.getFirst());
        ArrayNode imgs = o.putArray("images");
        images.forEach(imgs::add);
        o.set("prices", prices);
        o.put("store", "Retail");
    }

    /**
     * {@code prices[]}; with a tax country set, each price includes that country's VAT and also carries
     * {@code priceExTax} and {@code taxPercent} (§13.5).
     */
    public static ArrayNode prices(List<PriceRow> rows, BigDecimal taxPercent) {
        ArrayNode prices = NODES.arrayNode();
        for (PriceRow p : rows) {
            ObjectNode price = prices.addObject();
            price.put("id", Long.toString(p.pricelistId()));
            price.put("price", Decimals.plain(withTax(p.price(), taxPercent)));
            if (taxPercent != null) {
                price.put("priceExTax", Decimals.plain(p.price()));
                price.put("taxPercent", Decimals.plain(taxPercent));
            }
            price.put("pricelist", p.pricelist());
            price.put("currency", p.currency());
            ArrayNode campaigns = price.putArray("campaigns");
            for (CampaignPriceRow c : p.campaigns()) {
                ObjectNode campaign = campaigns.addObject();
                campaign.put("id", Long.toString(c.campaignId()));
                campaign.put("campaign", c.campaign());
                campaign.put("price", Decimals.plain(withTax(c.price(), taxPercent)));
            }
        }
        return prices;
    }

    public static void costPrice(ObjectNode o, StockItemRow r) {
        o.put("costPrice", r.costPrice() == null ? null : Decimals.plain(r.costPrice()));
        o.put("costPriceCurrency", r.costPriceCurrency());
    }

    public static void attributes(ObjectNode o, Map<String, String> attributes) {
        ObjectNode attrs = o.putObject("attributes");
        attributes.forEach(attrs::put);
    }

    public static BigDecimal withTax(BigDecimal exTax, BigDecimal taxPercent) {
        if (taxPercent == null) {
            return exTax;
        }
        return exTax.multiply(HUNDRED.add(taxPercent)).divide(HUNDRED, 2, RoundingMode.HALF_UP);
    }
}
