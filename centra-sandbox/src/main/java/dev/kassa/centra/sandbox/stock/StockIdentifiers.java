package dev.kassa.centra.sandbox.stock;

import dev.kassa.common.db.Chunks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Resolves POST stock's {@code product} identifiers to stock items, trying EAN, then UPC, then the
 * concatenated {@code sku + variantSku + sizeSku} (§13.4): an identifier that is one item's EAN and
 * another's full SKU means the EAN.
 */
@Repository
class StockIdentifiers {

    private static final List<String> COLUMNS_IN_ORDER = List.of("ean", "upc", "full_sku");

    private final JdbcClient jdbc;

    StockIdentifiers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, Long> resolve(Collection<String> identifiers) {
        Map<String, Long> resolved = new HashMap<>();
        Set<String> open = new LinkedHashSet<>(identifiers);
        for (String column : COLUMNS_IN_ORDER) {
            if (open.isEmpty()) {
                break;
            }
            // The column name comes from the constant list above, never from the request.
            String sql = "select " + column + ", stock_item_id from centra_stock_item where " + column + " in (:ids)";
            Chunks.each(new ArrayList<>(open), slice -> jdbc.sql(sql).param("ids", slice).query(rs -> {
                resolved.put(rs.getString(1), rs.getLong(2));
            }));
            open.removeAll(resolved.keySet());
        }
        return resolved;
    }
}
