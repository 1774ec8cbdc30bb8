package dev.kassa.connector.catalogue;

import dev.kassa.centra.api.OrderApiClient;
import dev.kassa.centra.api.ProductRow;
import dev.kassa.connector.centra.CentraClients;
import dev.kassa.connector.config.ConnectorConfig;
import dev.kassa.connector.db.Columns;
import dev.kassa.connector.db.RowLock;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pulls Centra's catalogue per country endpoint into the local mirror (docs/catalogue-sync.md). The first
 * sync, and one every {@code full-sync-hours}, reads everything and marks what Centra no longer lists as
 * inactive; the others ask only for products {@code modified} since the previous sync started (less an
 * overlap for clock differences). A row is written only when what the tills see of it changed, so a sync
 * with nothing changed writes no item. Progress is written after every page.
 */
@Service
public class CatalogueSync {

    /** Re-read this much before the previous sync's start, so a clock difference with Centra loses nothing. */
    static final long OVERLAP_MS = 10 * 60_000;
    private static final Logger log = LoggerFactory.getLogger(CatalogueSync.class);

    private final ConnectorConfig config;
    private final CentraClients clients;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final RowLock locks;
    private final Clock clock;

    private final org.springframework.jdbc.core.JdbcTemplate batch;

    CatalogueSync(ConnectorConfig config, CentraClients clients, JdbcClient jdbc, TransactionTemplate tx, RowLock locks,
                  Clock clock, org.springframework.jdbc.core.JdbcTemplate batch) {
        this.batch = batch;
        this.config = config;
        this.clients = clients;
        this.jdbc = jdbc;
        this.tx = tx;
        this.locks = locks;
        this.clock = clock;
        for (String country : config.endpoints().keySet()) {
            locks.ensure(lockName(country));
            locks.insertIfAbsent("connector_catalogue_sync", "country", country);
        }
    }

    /** What a sync did; {@code ran} is false when another thread or node was syncing that country. */
    public record Result(boolean ran, boolean full, int pages, int seen, int changed, int deactivated) {
    }

    /** Syncs every country endpoint, one after the other. */
    public void syncAll() {
        for (String country : config.endpoints().keySet()) {
            try {
                sync(country, false);
            } catch (RuntimeException e) {
                log.warn("catalogue sync of {} failed; the next run tries again: {}", country, e.getMessage());
            }
        }
    }

    /** Syncs one country now; {@code forceFull} reads everything even when an incremental pull would do. */
    public Result sync(String country, boolean forceFull) {
        if (!config.endpoints().containsKey(country)) {
            throw new IllegalArgumentException("no endpoint is configured for country '" + country + "'");
        }
        Result[] result = {new Result(false, false, 0, 0, 0, 0)};
        locks.tryWith(lockName(country), () -> result[0] = run(country, forceFull));
        return result[0];
    }

    private Result run(String country, boolean forceFull) {
        Map<String, Object> row = jdbc.sql("select sync_number, last_ok_started_ms, last_full_ms from connector_catalogue_sync where country = ?")
                .param(country).query().singleRow();
        long now = clock.millis();
        Long lastOk = (Long) number(row.get("last_ok_started_ms"));
        Long lastFull = (Long) number(row.get("last_full_ms"));
        boolean full = forceFull || lastOk == null || lastFull == null
                || now - lastFull >= config.catalogue().fullSyncEvery().toMillis();
        long syncNumber = ((Number) row.get("sync_number")).longValue() + 1;
        jdbc.sql("""
                update connector_catalogue_sync set sync_number = ?, state = 'running', full_sync = ?, started_at_ms = ?,
                    finished_at_ms = null, pages = 0, items_seen = 0, items_changed = 0, error = null where country = ?""")
                .params(syncNumber, full, now, country).update();
        Map<String, String> filters = new HashMap<>();
        if (!full) {
            filters.put("modified", config.centraDateTime(lastOk - OVERLAP_MS));
        }
        OrderApiClient client = clients.of(config.endpoints().get(country));
        Set<Long> seen = full ? new HashSet<>() : null;
        int pages = 0;
        int items = 0;
        int changed = 0;
        int deactivated = 0;
        try {
            OptionalInt page = OptionalInt.of(1);
            while (page.isPresent()) {
                ProductRow.Page answer = client.products(filters, config.catalogue().pageSize(), page.getAsInt());
                int pageChanged = tx.execute(s -> store(country, answer.rows()));
                pages++;
                items += answer.rows().size();
                changed += pageChanged;
                if (seen != null) {
                    answer.rows().forEach(r -> seen.add(r.stockItemId()));
                }
                jdbc.sql("update connector_catalogue_sync set pages = ?, items_seen = ?, items_changed = ? where country = ?")
                        .params(pages, items, changed, country).update();
                OptionalInt next = answer.nextPage();
                page = next.isPresent() && next.getAsInt() > page.getAsInt() && !answer.rows().isEmpty() ? next : OptionalInt.empty();
            }
            if (seen != null) {
                deactivated = tx.execute(s -> deactivateUnseen(country, seen));
            }
            long finished = clock.millis();
            jdbc.sql("""
                    update connector_catalogue_sync set state = 'idle', finished_at_ms = ?, last_ok_started_ms = ?,
                        last_full_ms = case when ? then ? else last_full_ms end, items_changed = ? where country = ?""")
                    .params(finished, now, full, now, changed + deactivated, country).update();
            log.info("catalogue sync of {} ({}): {} items in {} pages, {} changed, {} no longer listed", country,
                    full ? "full" : "incremental", items, pages, changed, deactivated);
            return new Result(true, full, pages, items, changed, deactivated);
        } catch (RuntimeException e) {
            jdbc.sql("update connector_catalogue_sync set state = 'failed', finished_at_ms = ?, error = ? where country = ?")
                    .params(clock.millis(), Columns.detail(e.getMessage()), country).update();
            throw e;
        }
    }

    /** Writes the rows whose content changed, each with the next feed number; the number of rows written. */
    private int store(String country, List<ProductRow> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        Optional<String> pricelist = config.pricelist(country);
        long seq = jdbc.sql("select feed_seq from connector_catalogue_sync where country = ? for update").param(country)
                .query(Long.class).single();
        // the page's stored hashes in a few reads, then its changed rows in two batches (issue 18: not a read and a
        // write per row)
        // one range read along the mirror's key: Centra pages by stock item id, so a page is a narrow range
        Map<Long, String> hashes = new java.util.HashMap<>();
        long low = rows.stream().mapToLong(ProductRow::stockItemId).min().orElseThrow();
        long high = rows.stream().mapToLong(ProductRow::stockItemId).max().orElseThrow();
        jdbc.sql("select stock_item_id, content_hash from connector_catalogue_item where country = ? and stock_item_id between ? and ?")
                .params(country, low, high).query((rs, n) -> hashes.put(rs.getLong(1), rs.getString(2))).list();
        List<Object[]> updates = new java.util.ArrayList<>();
        List<Object[]> inserts = new java.util.ArrayList<>();
        for (ProductRow r : rows) {
            MirrorItem item = MirrorItem.of(r, config.itemIds().itemId(Map.of("sku", r.sku(), "variantSku", r.variantSku(),
                    "sizeSku", r.sizeSku(), "ean", r.ean() == null ? "" : r.ean(), "stockItemId", Long.toString(r.stockItemId()))),
                    pricelist);
            String hash = hashes.get(r.stockItemId());
            String newHash = item.hash();
            if (newHash.equals(hash)) {
                continue;
            }
            seq++;
            if (hash != null) {
                updates.add(new Object[]{item.itemId(), item.ean(), item.upc(), item.sku(), item.name(), item.variant(), item.size(),
                        item.active(), item.price(), item.currency(), item.taxPercent(), newHash, seq, country, r.stockItemId()});
            } else {
                inserts.add(new Object[]{country, r.stockItemId(), item.itemId(), item.ean(), item.upc(), item.sku(), item.name(),
                        item.variant(), item.size(), item.active(), item.price(), item.currency(), item.taxPercent(), newHash, seq});
                hashes.put(r.stockItemId(), newHash); // a page that names an item twice updates it the second time
            }
        }
        if (!inserts.isEmpty()) {
            batch.batchUpdate("""
                    insert into connector_catalogue_item (country, stock_item_id, item_id, ean, upc, sku, product_name,
                        variant_name, size_name, active, price, currency, tax_percent, content_hash, feed_seq)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", inserts);
        }
        if (!updates.isEmpty()) {
            batch.batchUpdate("""
                    update connector_catalogue_item set item_id = ?, ean = ?, upc = ?, sku = ?, product_name = ?, variant_name = ?,
                        size_name = ?, active = ?, price = ?, currency = ?, tax_percent = ?, content_hash = ?, feed_seq = ?
                    where country = ? and stock_item_id = ?""", updates);
        }
        int changed = updates.size() + inserts.size();
        jdbc.sql("update connector_catalogue_sync set feed_seq = ? where country = ?").params(seq, country).update();
        return changed;
    }

    private int deactivateUnseen(String country, Set<Long> seen) {
        List<Long> active = jdbc.sql("select stock_item_id from connector_catalogue_item where country = ? and active = true")
                .param(country).query(Long.class).list();
        long seq = jdbc.sql("select feed_seq from connector_catalogue_sync where country = ? for update").param(country)
                .query(Long.class).single();
        int n = 0;
        for (Long id : active) {
            if (!seen.contains(id)) {
                seq++;
                n++;
                jdbc.sql("update connector_catalogue_item set active = false, content_hash = 'gone', feed_seq = ? where country = ? and stock_item_id = ?")
                        .params(seq, country, id).update();
            }
        }
        jdbc.sql("update connector_catalogue_sync set feed_seq = ? where country = ?").params(seq, country).update();
        return n;
    }

    static String lockName(String country) {
        return "catalogue:" + country;
    }

    private static Object number(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }

    /** What the mirror keeps of one stock item, as the tills see it. */
    record MirrorItem(String itemId, String ean, String upc, String sku, String name, String variant, String size,
                      boolean active, BigDecimal price, String currency, BigDecimal taxPercent) {

        static MirrorItem of(ProductRow r, String itemId, Optional<String> pricelist) {
            Optional<ProductRow.Price> price = pricelist.isPresent()
                    ? r.prices().stream().filter(p -> pricelist.get().equals(p.pricelist())).findFirst()
                    : r.prices().stream().findFirst();
            return new MirrorItem(itemId, r.ean(), r.upc(), r.sku() + r.variantSku() + r.sizeSku(), r.name(), r.variant(),
                    r.size(), r.active(), price.map(p -> p.price() == null ? null : p.price().setScale(2, RoundingMode.HALF_UP)).orElse(null),
                    price.map(ProductRow.Price::currency).orElse(null),
                    price.map(p -> p.taxPercent() == null ? null : p.taxPercent().setScale(2, RoundingMode.HALF_UP)).orElse(null));
        }

        String hash() {
            String text = String.join("\u0001", itemId, String.valueOf(ean), String.valueOf(upc), sku, name, variant, size,
                    Boolean.toString(active), String.valueOf(price), String.valueOf(currency), String.valueOf(taxPercent));
            try {
                return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
