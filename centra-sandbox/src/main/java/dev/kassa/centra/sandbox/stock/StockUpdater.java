package dev.kassa.centra.sandbox.stock;

import dev.kassa.centra.sandbox.clock.InstanceTime;
import dev.kassa.centra.sandbox.orderapi.OrderApiInstance;
import dev.kassa.common.db.Chunks;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies POST stock in one transaction. Concurrent requests touching the same items are serialised by
 * row locks on the stock items, always taken in ascending stockItemId order so that two requests with
 * overlapping items cannot deadlock; the values are read after the locks are held, so no update is lost.
 */
@Service
public class StockUpdater {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final StockIdentifiers identifiers;
    private final StockLedger ledger;
    private final InstanceTime time;

    StockUpdater(JdbcClient jdbc, JdbcTemplate template, StockIdentifiers identifiers, StockLedger ledger,
                 InstanceTime time) {
        this.jdbc = jdbc;
        this.template = template;
        this.identifiers = identifiers;
        this.ledger = ledger;
        this.time = time;
    }

    @Transactional
    StockUpdateResult apply(OrderApiInstance api, List<StockLine> lines) {
        Set<String> distinct = new LinkedHashSet<>();
        lines.forEach(l -> distinct.add(l.product()));
        Map<String, Long> resolved = identifiers.resolve(distinct);
        Set<Long> locked = ledger.lock(resolved.values());

        List<Long> warehouses = api.warehouses();
        Map<Long, Levels> levels = read(locked, warehouses);
        LocalDateTime now = time.localNow();
        Set<String> notFound = new LinkedHashSet<>();
        Map<Long, StockLine> costPrices = new HashMap<>();
        List<String> clampNotes = new ArrayList<>();
        for (StockLine line : lines) {
            Long item = resolved.get(line.product());
            if (item == null || !locked.contains(item)) {
                notFound.add(line.product());
                continue;
            }
            Levels l = levels.get(item);
            int before = l.total();
            if (StockTarget.apply(l.physical, l.allocated, line.quantity(), api.stockUpdateMode())) {
                clampNotes.add(line.product() + ": asked " + line.quantity() + ", kept " + l.total()
                        + " because " + l.totalAllocated() + " are allocated to orders");
            }
            l.touched |= l.total() != before;
            if (line.costPrice() != null || line.costPriceCurrency() != null) {
                costPrices.put(item, line);
            }
        }
        write(levels, warehouses, now);
        writeCostPrices(costPrices);
        if (!clampNotes.isEmpty() && api.clampNotificationEmail() != null) {
            jdbc.sql("insert into centra_notification (created_at, email, subject, body) values (?, ?, ?, ?)")
                    .params(now, api.clampNotificationEmail(), "Stock update via Order API /api/" + api.uri()
                            + " was raised to allocated stock", truncate(String.join("\n", clampNotes), 4000))
                    .update();
        }
        return new StockUpdateResult(List.copyOf(notFound));
    }

    /** One item's physical and allocated stock in the instance's warehouses, primary first. */
    private static final class Levels {
        final int[] physical;
        final int[] allocated;
        final boolean[] exists;
        boolean touched;

        Levels(int warehouses) {
            physical = new int[warehouses];
            allocated = new int[warehouses];
            exists = new boolean[warehouses];
        }

        int total() {
            int sum = 0;
            for (int p : physical) {
                sum += p;
            }
            return sum;
        }

        int totalAllocated() {
            int sum = 0;
            for (int a : allocated) {
                sum += a;
            }
            return sum;
        }
    }

    private Map<Long, Levels> read(Set<Long> items, List<Long> warehouses) {
        Map<Long, Levels> levels = new HashMap<>();
        items.forEach(id -> levels.put(id, new Levels(warehouses.size())));
        Chunks.eachAscending(items, slice -> jdbc.sql("""
                select stock_item_id, warehouse_id, physical, allocated from centra_stock
                where stock_item_id in (:ids) and warehouse_id in (:warehouses)""")
                .param("ids", slice)
                .param("warehouses", warehouses)
                .query(rs -> {
                    Levels l = levels.get(rs.getLong(1));
                    int w = warehouses.indexOf(rs.getLong(2));
                    l.physical[w] = rs.getInt(3);
                    l.allocated[w] = rs.getInt(4);
                    l.exists[w] = true;
                }));
        return levels;
    }

    private void write(Map<Long, Levels> levels, List<Long> warehouses, LocalDateTime now) {
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (Map.Entry<Long, Levels> e : new TreeMap<>(levels).entrySet()) {
            Levels l = e.getValue();
            if (!l.touched) {
                continue;
            }
            for (int w = 0; w < warehouses.size(); w++) {
                if (l.exists[w]) {
                    updates.add(new Object[]{l.physical[w], now, e.getKey(), warehouses.get(w), l.physical[w]});
                } else if (l.physical[w] != 0) {
                    inserts.add(new Object[]{e.getKey(), warehouses.get(w), l.physical[w], now});
                }
            }
        }
        // Rows whose value did not change keep their modified time, so stock_modified means "changed".
        batch("""
                update centra_stock set physical = ?, modified_at = ?
                where stock_item_id = ? and warehouse_id = ? and physical <> ?""", updates);
        batch("""
                insert into centra_stock (stock_item_id, warehouse_id, physical, allocated, modified_at)
                values (?, ?, ?, 0, ?)""", inserts);
    }

    private void writeCostPrices(Map<Long, StockLine> costPrices) {
        List<Object[]> prices = new ArrayList<>();
        List<Object[]> currencies = new ArrayList<>();
        costPrices.forEach((item, line) -> {
            if (line.costPrice() != null) {
                prices.add(new Object[]{line.costPrice(), item});
            }
            if (line.costPriceCurrency() != null) {
                currencies.add(new Object[]{line.costPriceCurrency(), item});
            }
        });
        batch("update centra_stock_item set cost_price = ? where stock_item_id = ?", prices);
        batch("update centra_stock_item set cost_price_currency = ? where stock_item_id = ?", currencies);
    }

    private void batch(String sql, List<Object[]> rows) {
        Chunks.batchUpdate(template, sql, rows);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
