package dev.kassa.centra.sandbox.catalog;

import dev.kassa.common.db.Chunks;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the catalogue for the Order API: a page of stock items, then what hangs off them, a few queries a page. */
@Repository
public class CatalogueRows {

    private final JdbcClient jdbc;

    CatalogueRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stock items matching the filter, ordered by stockItemId (§13.3); {@code warehouses} scope stock_modified. */
    public CataloguePage page(CatalogueFilter f, List<Long> warehouses) {
        boolean stockItemsOnly = f.sku() == null && f.productId() == null && f.variantId() == null && f.modified() == null
                && f.created() == null && f.stockModified() == null;
        List<Long> ids = null;
        if (stockItemsOnly && f.limit() != null) {
            // Paging a whole catalogue: the page's ids first, walking the stock items' primary key (no join, no
            // sort of every row before the OFFSET), then only those rows with their variant and product.
            StringBuilder idSql = new StringBuilder("select si.stock_item_id from centra_stock_item si where 1 = 1\n");
            Map<String, Object> idParams = new HashMap<>();
            condition(idSql, idParams, "si.ean = :ean", "ean", f.ean());
            condition(idSql, idParams, "si.upc = :upc", "upc", f.upc());
            condition(idSql, idParams, "si.stock_item_id = :stockItemId", "stockItemId", f.stockItemId());
            idSql.append("order by si.stock_item_id limit :limitPlusOne offset :offset");
            idParams.put("limitPlusOne", f.limit() + 1);
            idParams.put("offset", f.offset());
            ids = jdbc.sql(idSql.toString()).params(idParams).query(Long.class).list();
            if (ids.isEmpty()) {
                return new CataloguePage(List.of(), false);
            }
        }
        StringBuilder sql = new StringBuilder("""
                select si.stock_item_id, si.size_sku, si.size_name, si.size_comment, si.ean, si.upc, si.cost_price,
                       si.cost_price_currency, v.variant_id, v.sku, v.name,
                       p.product_id, p.sku, p.name, p.internal_name, p.brand, p.collection, p.folder, p.active,
                       p.created_at, p.description, p.short_description, p.comment, p.meta_title,
                       p.meta_description, p.meta_keywords, p.weight, p.weight_unit, p.country_of_origin,
                       p.harm_code, p.harm_description
                from centra_stock_item si
                join centra_variant v on v.variant_id = si.variant_id
                join centra_product p on p.product_id = v.product_id
                where 1 = 1
                """);
        Map<String, Object> params = new HashMap<>();
        condition(sql, params, "p.sku = :sku", "sku", f.sku());
        condition(sql, params, "si.ean = :ean", "ean", f.ean());
        condition(sql, params, "si.upc = :upc", "upc", f.upc());
        condition(sql, params, "p.product_id = :productId", "productId", f.productId());
        condition(sql, params, "v.variant_id = :variantId", "variantId", f.variantId());
        condition(sql, params, "si.stock_item_id = :stockItemId", "stockItemId", f.stockItemId());
        condition(sql, params, "p.modified_at > :modified", "modified", f.modified());
        condition(sql, params, "p.created_at > :created", "created", f.created());
        if (f.stockModified() != null) {
            sql.append("""
                    and exists (select 1 from centra_stock s where s.stock_item_id = si.stock_item_id
                                and s.warehouse_id in (:warehouses) and s.modified_at > :stockModified)
                    """);
            params.put("warehouses", warehouses);
            params.put("stockModified", f.stockModified());
        }
        if (ids != null) {
            sql.append("and si.stock_item_id in (:ids)\n");
            params.put("ids", ids);
        }
        sql.append("order by si.stock_item_id");
        if (f.limit() != null && ids == null) {
            // One row more than asked tells whether a next page exists without counting the whole result.
            sql.append(" limit :limitPlusOne offset :offset");
            params.put("limitPlusOne", f.limit() + 1);
            params.put("offset", f.offset());
        }
        List<StockItemRow> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> new StockItemRow(
                rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getBigDecimal(7), rs.getString(8), rs.getLong(9), rs.getString(10), rs.getString(11),
                rs.getLong(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16),
                rs.getString(17), rs.getString(18), rs.getBoolean(19), rs.getTimestamp(20).toLocalDateTime(),
                rs.getString(21), rs.getString(22), rs.getString(23), rs.getString(24), rs.getString(25),
                rs.getString(26), rs.getBigDecimal(27), rs.getString(28), rs.getString(29), rs.getString(30),
                rs.getString(31))).list();
        boolean hasNext = f.limit() != null && (ids != null ? ids.size() : rows.size()) > f.limit();
        return new CataloguePage(hasNext ? rows.subList(0, f.limit()) : rows, hasNext);
    }

    public Map<Long, List<String>> categories(Collection<Long> productIds) {
        Map<Long, List<String>> out = new HashMap<>();
        Chunks.eachAscending(productIds, chunk -> jdbc.sql("""
                select product_id, category from centra_product_category
                where product_id in (:ids) order by product_id, position""").param("ids", chunk).query(rs -> {
            out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
        }));
        return out;
    }

    public Map<Long, Map<String, String>> attributes(Collection<Long> productIds) {
        Map<Long, Map<String, String>> out = new HashMap<>();
        Chunks.eachAscending(productIds, chunk -> jdbc.sql("""
                select product_id, name, attribute_value from centra_product_attribute
                where product_id in (:ids) order by product_id, name""").param("ids", chunk).query(rs -> {
            out.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
        }));
        return out;
    }

    public Map<Long, List<String>> images(Collection<Long> variantIds) {
        Map<Long, List<String>> out = new HashMap<>();
        Chunks.eachAscending(variantIds, chunk -> jdbc.sql("""
                select variant_id, url from centra_variant_image
                where variant_id in (:ids) order by variant_id, position""").param("ids", chunk).query(rs -> {
            out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
        }));
        return out;
    }

    public record PriceRow(long pricelistId, String pricelist, String currency, BigDecimal price,
                           List<CampaignPriceRow> campaigns) {
    }

    public record CampaignPriceRow(long campaignId, String campaign, BigDecimal price) {
    }

    /** Prices per variant in the given pricelists, with the campaigns running at {@code now}. */
    public Map<Long, List<PriceRow>> prices(Collection<Long> variantIds, Set<Long> pricelists, LocalDateTime now) {
        Map<Long, List<PriceRow>> out = new HashMap<>();
        if (pricelists.isEmpty()) {
            return out;
        }
        Map<String, List<CampaignPriceRow>> campaigns = new HashMap<>();
        Chunks.eachAscending(variantIds, chunk -> jdbc.sql("""
                select cp.variant_id, cp.pricelist_id, c.id, c.name, cp.price
                from centra_variant_campaign_price cp join centra_campaign c on c.id = cp.campaign_id
                where cp.variant_id in (:ids) and cp.pricelist_id in (:pricelists)
                  and (c.starts_at is null or c.starts_at <= :now) and (c.ends_at is null or c.ends_at > :now)
                order by cp.variant_id, cp.pricelist_id, c.id""")
                .param("ids", chunk).param("pricelists", pricelists).param("now", now).query(rs -> {
                    campaigns.computeIfAbsent(rs.getLong(1) + "/" + rs.getLong(2), k -> new ArrayList<>())
                            .add(new CampaignPriceRow(rs.getLong(3), rs.getString(4), rs.getBigDecimal(5)));
                }));
        Chunks.eachAscending(variantIds, chunk -> jdbc.sql("""
                select vp.variant_id, pl.id, pl.name, pl.currency, vp.price
                from centra_variant_price vp join centra_pricelist pl on pl.id = vp.pricelist_id
                where vp.variant_id in (:ids) and vp.pricelist_id in (:pricelists)
                order by vp.variant_id, pl.id""")
                .param("ids", chunk).param("pricelists", pricelists).query(rs -> {
                    long variant = rs.getLong(1);
                    long pricelist = rs.getLong(2);
                    out.computeIfAbsent(variant, k -> new ArrayList<>()).add(new PriceRow(pricelist,
                            rs.getString(3), rs.getString(4), rs.getBigDecimal(5),
                            campaigns.getOrDefault(variant + "/" + pricelist, List.of())));
                }));
        return out;
    }

    public record StockSum(int physical, int allocated) {
        public static final StockSum NONE = new StockSum(0, 0);
    }

    /**
     * Physical and allocated summed over the given warehouses (primary + virtual, §5.1). Each statement
     * covers up to a thousand items and sees one committed state of them, even while writers are busy.
     */
    public Map<Long, StockSum> stock(Collection<Long> stockItemIds, List<Long> warehouses) {
        Map<Long, StockSum> out = new HashMap<>();
        Chunks.eachAscending(stockItemIds, chunk -> jdbc.sql("""
                select stock_item_id, sum(physical), sum(allocated) from centra_stock
                where stock_item_id in (:ids) and warehouse_id in (:warehouses)
                group by stock_item_id""")
                .param("ids", chunk).param("warehouses", warehouses).query(rs -> {
                    out.put(rs.getLong(1), new StockSum(rs.getInt(2), rs.getInt(3)));
                }));
        return out;
    }

    private static void condition(StringBuilder sql, Map<String, Object> params, String clause, String name, Object value) {
        if (value != null) {
            sql.append("and ").append(clause).append('\n');
            params.put(name, value);
        }
    }
}
