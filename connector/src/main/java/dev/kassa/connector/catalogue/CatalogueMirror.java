package dev.kassa.connector.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Look-ups in the catalogue mirror: which Centra item a Centara ItemId is. */
@Component
public class CatalogueMirror {

    /**
     * A Centra stock item as the stock writer addresses it: {@code product} is what POST stock names it by
     * (EAN, else UPC, else the full SKU: spec §13.4), {@code read} the GET stock filter that finds it.
     */
    public record CentraItem(String product, Map<String, String> read) {
    }

    private final JdbcClient jdbc;

    CatalogueMirror(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The Centra item of a mirror row: its product is its EAN, else its UPC, else its SKU. */
    private static CentraItem item(java.sql.ResultSet r) throws java.sql.SQLException {
        String ean = r.getString("ean");
        String upc = r.getString("upc");
        String product = ean != null ? ean : upc != null ? upc : r.getString("sku");
        return new CentraItem(product, Map.of("stockItemId", Long.toString(r.getLong("stock_item_id"))));
    }

    /**
     * {@link #forLine} for several items at once (one query for the ItemIds): each ItemId (mapped to its line's
     * barcode, null when none) to its Centra item, from the mirror of any country (stock items are the same in
     * all); items found neither way are left out.
     */
    public Map<String, CentraItem> forLines(Map<String, String> barcodes) {
        Map<String, CentraItem> out = new java.util.HashMap<>();
        List<String> itemIds = new ArrayList<>(barcodes.keySet());
        dev.kassa.common.db.Chunks.each(itemIds, slice -> jdbc.sql("select item_id, stock_item_id, ean, upc, sku from connector_catalogue_item"
                        + " where item_id in (" + String.join(", ", java.util.Collections.nCopies(slice.size(), "?")) + ")"
                        + " order by item_id, active desc, country")
                .params(new ArrayList<Object>(slice))
                .query((r, n) -> out.putIfAbsent(r.getString("item_id"), item(r))).list());
        barcodes.forEach((itemId, barcode) -> {
            if (!out.containsKey(itemId) && barcode != null && !barcode.isBlank()) {
                out.put(itemId, byBarcode(barcode));
            }
        });
        return out;
    }

    /** A barcode the till scanned, which Centra may know as an EAN. */
    public static CentraItem byBarcode(String barcode) {
        return new CentraItem(barcode, Map.of("ean", barcode));
    }

    /** The Centra item of a POS line: its ItemId in the mirror, else its barcode as an EAN; empty when neither. */
    public Optional<CentraItem> forLine(String itemId, String barcode) {
        Map<String, String> one = new java.util.HashMap<>();
        one.put(itemId, barcode);
        return Optional.ofNullable(forLines(one).get(itemId));
    }

    /** Why a line whose item {@link #forLine} could not find becomes a dead letter. */
    public static String unknownItem(String itemId) {
        return "unknown item: ItemId " + itemId + " is not in the Centra catalogue mirror and the line has no barcode;"
                + " replay it after the catalogue knows the item";
    }

    /** The Centara ItemId the mirror gives a Centra EAN, if it has the item. */
    public Optional<String> itemIdOfEan(String ean) {
        return jdbc.sql("select item_id from connector_catalogue_item where ean = ? fetch first 1 rows only").param(ean)
                .query(String.class).optional();
    }

    /** The stock items of one country's catalogue in the mirror (0 before its first sync). */
    public long items(String country) {
        return jdbc.sql("select count(*) from connector_catalogue_item where country = ?").param(country).query(Long.class).single();
    }

    public long items() {
        return jdbc.sql("select count(*) from connector_catalogue_item").query(Long.class).single();
    }

    /**
     * The POS feed of a country: up to {@code max} catalogue rows after feed position {@code after}, in feed
     * order (columns as stored), plus one more when there are more.
     */
    public java.util.List<java.util.Map<String, Object>> feed(String country, long after, int max) {
        return jdbc.sql("""
                select item_id, ean, upc, sku, product_name, variant_name, size_name, active, price, currency, tax_percent,
                    stock_item_id, feed_seq
                from connector_catalogue_item where country = ? and feed_seq > ? order by feed_seq fetch first ? rows only""")
                .params(country, after, max + 1).query().listOfRows();
    }
}
