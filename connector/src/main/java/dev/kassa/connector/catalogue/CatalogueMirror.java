package dev.kassa.connector.catalogue;

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

    /** The Centra item of a Centara ItemId, from the mirror of any country (stock items are the same in all). */
    public Optional<CentraItem> byItemId(String itemId) {
        return jdbc.sql("""
                select stock_item_id, ean, upc, sku from connector_catalogue_item where item_id = ?
                order by active desc, country fetch first 1 rows only""")
                .param(itemId).query((r, n) -> {
                    String ean = r.getString("ean");
                    String upc = r.getString("upc");
                    String product = ean != null ? ean : upc != null ? upc : r.getString("sku");
                    return new CentraItem(product, Map.of("stockItemId", Long.toString(r.getLong("stock_item_id"))));
                }).optional();
    }

    /** A barcode the till scanned, which Centra may know as an EAN. */
    public static CentraItem byBarcode(String barcode) {
        return new CentraItem(barcode, Map.of("ean", barcode));
    }

    public long items() {
        return jdbc.sql("select count(*) from connector_catalogue_item").query(Long.class).single();
    }
}
