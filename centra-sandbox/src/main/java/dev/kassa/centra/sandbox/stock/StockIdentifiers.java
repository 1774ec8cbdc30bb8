package dev.kassa.centra.sandbox.stock;

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

    private static final int CHUNK = 1000;
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
            List<String> pending = new ArrayList<>(open);
            for (int from = 0; from < pending.size(); from += CHUNK) {
                // The column name comes from the constant list above, never from the request.
                jdbc.sql("select " + column + ", stock_item_id from centra_stock_item where " + column + " in (:ids)")
                        .param("ids", pending.subList(from, Math.min(pending.size(), from + CHUNK)))
                        .query(rs -> {
                            resolved.put(rs.getString(1), rs.getLong(2));
                        });
            }
            open.removeAll(resolved.keySet());
        }
        return resolved;
    }
}
