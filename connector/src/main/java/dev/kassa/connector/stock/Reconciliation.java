package dev.kassa.connector.stock;

import dev.kassa.centra.api.CentraException;
import dev.kassa.centra.api.OrderApiClient;
import dev.kassa.centra.api.StockRow;
import dev.kassa.connector.centra.CentraClients;
import dev.kassa.connector.config.ConnectorConfig;
import dev.kassa.connector.db.RowLock;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compares Centra with the stores' own figures (docs/stock-sync.md): for every item with an applied stock
 * count, the store expects {@code count − sales applied since}; Centra's physical value minus that is the
 * item's drift. Web orders shipped from the store's warehouse and changes made in Centra's admin show up as
 * drift too; the next count sets the value again. Runs under the store's writer lock, so no write of the
 * store is half done while it reads.
 */
@Service
public class Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    public record ItemDrift(String itemId, int expected, int centra, int drift) {
    }

    public record Report(String storeId, boolean ran, int compared, List<ItemDrift> drifting, long units) {
    }

    private final ConnectorConfig config;
    private final CentraClients clients;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final RowLock locks;
    private final Clock clock;

    Reconciliation(ConnectorConfig config, CentraClients clients, JdbcClient jdbc, TransactionTemplate tx, RowLock locks,
                   Clock clock) {
        this.config = config;
        this.clients = clients;
        this.jdbc = jdbc;
        this.tx = tx;
        this.locks = locks;
        this.clock = clock;
    }

    void reconcileAll() {
        for (ConnectorConfig.Store s : config.stores()) {
            try {
                reconcile(s.id());
            } catch (CentraException e) {
                log.warn("reconciliation of store {} could not read Centra; the next run tries again: {}", s.id(), e.getMessage());
            }
        }
    }

    /** Reconciles one store now; {@code ran} is false when its writer was busy (try again later). */
    public Report reconcile(String storeId) {
        ConnectorConfig.Store store = config.store(storeId)
                .orElseThrow(() -> new IllegalArgumentException("no store '" + storeId + "' is configured"));
        Report[] report = {new Report(storeId, false, 0, List.of(), 0)};
        locks.tryWith(StockWriter.lockName(storeId), () -> report[0] = run(store));
        return report[0];
    }

    private Report run(ConnectorConfig.Store store) {
        List<Map<String, Object>> items = jdbc.sql("""
                select i.item_id, i.last_count_at_ms, i.last_count_till, i.last_count_receipt, i.last_count
                from connector_stock_item i where i.store_id = ? and i.last_count is not null order by i.item_id""")
                .param(store.id()).query().listOfRows();
        OrderApiClient client = clients.of(store.centraEndpoint());
        List<ItemDrift> drifting = new ArrayList<>();
        int compared = 0;
        long units = 0;
        for (Map<String, Object> item : items) {
            String itemId = (String) item.get("item_id");
            Optional<Map<String, Object>> written = jdbc.sql("""
                    select wi.read_filter, wi.product from connector_stock_write_item wi join connector_stock_write w on w.write_id = wi.write_id
                    where w.store_id = ? and wi.item_id = ? order by wi.write_id desc fetch first 1 rows only""")
                    .params(store.id(), itemId).query().listOfRows().stream().findFirst();
            if (written.isEmpty()) {
                continue;
            }
            Optional<StockRow> row = StockWriter.read(client, (String) written.get().get("read_filter"),
                    (String) written.get().get("product"));
            if (row.isEmpty()) {
                continue;
            }
            // the sales rung up after the count (same second: receipt order within one till, decision 0010)
            RungUp.Sql after = new RungUp(((Number) item.get("last_count_at_ms")).longValue(),
                    item.get("last_count_till") == null ? null : ((Number) item.get("last_count_till")).intValue(),
                    item.get("last_count_receipt") == null ? null : ((Number) item.get("last_count_receipt")).longValue()).linesNotBefore();
            List<Object> params = new ArrayList<>(List.of(store.id(), itemId));
            params.addAll(after.params());
            long sold = jdbc.sql("select coalesce(sum(quantity), 0) from connector_pos_line where store_id = ? and item_id = ?"
                    + " and kind = 'Sale' and state = 'applied' and " + after.condition()).params(params)
                    .query(java.math.BigDecimal.class).single().longValue();
            sold += jdbc.sql("select coalesce(sum(quantity), 0) from connector_store_shipment where store_id = ? and product = ?"
                    + " and shipped_at_ms > ?").params(store.id(), written.get().get("product"), item.get("last_count_at_ms"))
                    .query(Long.class).single();
            int expected = (int) Math.max(0, Math.min(Integer.MAX_VALUE, ((Number) item.get("last_count")).longValue() - sold));
            int centra = row.get().physical();
            compared++;
            if (centra != expected) {
                drifting.add(new ItemDrift(itemId, expected, centra, centra - expected));
                units += Math.abs(centra - expected);
            }
        }
        long at = clock.millis();
        int comparedItems = compared;
        long driftUnits = units;
        tx.executeWithoutResult(s -> {
            int updated = jdbc.sql("update connector_stock_drift set items_compared = ?, items_drifting = ?, units = ?, at_ms = ? where store_id = ?")
                    .params(comparedItems, drifting.size(), driftUnits, at, store.id()).update();
            if (updated == 0) {
                jdbc.sql("insert into connector_stock_drift (store_id, items_compared, items_drifting, units, at_ms) values (?, ?, ?, ?, ?)")
                        .params(store.id(), comparedItems, drifting.size(), driftUnits, at).update();
            }
        });
        return new Report(store.id(), true, compared, List.copyOf(drifting), units);
    }
}
