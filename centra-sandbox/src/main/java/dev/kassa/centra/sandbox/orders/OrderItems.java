package dev.kassa.centra.sandbox.orders;

import dev.kassa.centra.sandbox.catalog.CatalogueJson;
import dev.kassa.centra.sandbox.catalog.CatalogueRows;
import dev.kassa.centra.sandbox.catalog.CatalogueRows.PriceRow;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The catalogue as orders see it: finding a size by id, EAN or SKU (§6.1 {@code products[]}) and its price. */
@Repository
public class OrderItems {

    /** A size that can be ordered, with what a line needs to know about it. */
    public record Item(long stockItemId, long variantId, boolean active, String ean) {
    }

    private static final String SELECT = """
            select si.stock_item_id, v.variant_id, p.active, si.ean
            from centra_stock_item si join centra_variant v on v.variant_id = si.variant_id
            join centra_product p on p.product_id = v.product_id
            """;

    private final JdbcClient jdbc;
    private final CatalogueRows rows;

    OrderItems(JdbcClient jdbc, CatalogueRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    public Optional<Item> byId(long stockItemId) {
        return one(SELECT + "where si.stock_item_id = ?", stockItemId);
    }

    public Optional<Item> byEan(String ean) {
        return one(SELECT + "where si.ean = ?", ean);
    }

    /** The concatenated product + variant + size SKU first, then a size SKU that only one size has. */
    public Optional<Item> bySku(String sku) {
        Optional<Item> full = one(SELECT + "where si.full_sku = ?", sku);
        if (full.isPresent()) {
            return full;
        }
        List<Item> sizes = jdbc.sql(SELECT + "where si.size_sku = ? and si.size_sku <> ''").param(sku)
                .query((rs, n) -> new Item(rs.getLong(1), rs.getLong(2), rs.getBoolean(3), rs.getString(4))).list();
        return sizes.size() == 1 ? Optional.of(sizes.get(0)) : Optional.empty();
    }

    private Optional<Item> one(String sql, Object value) {
        return jdbc.sql(sql).param(value)
                .query((rs, n) -> new Item(rs.getLong(1), rs.getLong(2), rs.getBoolean(3), rs.getString(4)))
                .optional();
    }

    /**
     * The variant's price in the pricelist now, VAT of {@code taxPercent} included: the lowest running
     * campaign price, else the list price. Empty when the variant has no price in that pricelist.
     */
    public Optional<BigDecimal[]> price(long variantId, long pricelist, BigDecimal taxPercent, LocalDateTime now) {
        Map<Long, List<PriceRow>> prices = rows.prices(List.of(variantId), Set.of(pricelist), now);
        return prices.getOrDefault(variantId, List.of()).stream().findFirst().map(p -> {
            BigDecimal list = p.price();
            BigDecimal current = p.campaigns().stream().map(CatalogueRows.CampaignPriceRow::price)
                    .min(Comparator.naturalOrder()).filter(c -> c.compareTo(list) < 0).orElse(list);
            return new BigDecimal[]{CatalogueJson.withTax(current, taxPercent), CatalogueJson.withTax(list, taxPercent)};
        });
    }
}
