package dev.kassa.connector.stock;

import dev.kassa.centra.api.Backoff;
import dev.kassa.centra.api.CentraException;
import dev.kassa.centra.api.IntegrationApiClient;
import dev.kassa.centra.api.OrderApiClient;
import dev.kassa.centra.api.StockRow;
import dev.kassa.centra.api.StockUpdate;
import dev.kassa.centra.api.WriteBudget;
import dev.kassa.common.db.Chunks;
import dev.kassa.connector.catalogue.CatalogueMirror;
import dev.kassa.connector.centra.CentraClients;
import dev.kassa.connector.centra.IntegrationApiPipe;
import dev.kassa.connector.config.ConnectorConfig;
import dev.kassa.connector.db.Columns;
import dev.kassa.connector.db.RowLock;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the stored POS lines to Centra's physical stock (docs/stock-sync.md). Per store, one cycle at a
 * time across threads and nodes (the lock {@code stock:<store>}):
 * <ol>
 * <li>a write left open by a crash or an unanswered call is settled first, by reading Centra again;</li>
 * <li>the pending lines of up to {@code batch-items} items, longest waiting first, are planned: sales rung
 *     up before an applied stock count are superseded by it, the newest count sets the base;</li>
 * <li>the writer waits for the write budget, reads the physical value of each item, records the write
 *     (what was read, what will be written) and only then sends one POST stock for all items;</li>
 * <li>the answer settles each line: applied, or dead for an item Centra does not know. A clamp at
 *     allocated stock is recorded. No answer leaves the write open for step 1.</li>
 * </ol>
 */
@Service
public class StockWriter {

    private static final Logger log = LoggerFactory.getLogger(StockWriter.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    /**
     * The largest quantity a POS line may carry, either sign (docs/pos-transactions.md, "Bounds"): the intake
     * refuses more, and a waiting line beyond it (stored before the bound existed) is a dead letter.
     */
    public static final BigDecimal MAX_QUANTITY = BigDecimal.valueOf(1_000_000);

    private final ConnectorConfig config;
    private final CentraClients clients;
    private final CatalogueMirror mirror;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final RowLock locks;
    private final Clock clock;
    private final StockMetrics metrics;
    private final SaleOrders saleOrders;
    private final PosLines posLines;
    private final IntegrationApiPipe pipe;

    StockWriter(ConnectorConfig config, CentraClients clients, CatalogueMirror mirror, JdbcClient jdbc,
                TransactionTemplate tx, RowLock locks, Clock clock, StockMetrics metrics, SaleOrders saleOrders, PosLines lines,
                IntegrationApiPipe pipe) {
        this.pipe = pipe;
        this.saleOrders = saleOrders;
        this.posLines = lines;
        this.config = config;
        this.clients = clients;
        this.mirror = mirror;
        this.jdbc = jdbc;
        this.tx = tx;
        this.locks = locks;
        this.clock = clock;
        this.metrics = metrics;
        for (ConnectorConfig.Store s : config.stores()) {
            locks.ensure(lockName(s.id()));
            locks.insertIfAbsent("connector_stock_store", "store_id", s.id());
        }
    }

    /** The stores with work whose back-off has passed, the one waiting longest first. */
    public List<String> storesWithWork() {
        long now = clock.millis();
        List<String> stores = jdbc.sql("""
                select s.store_id from connector_stock_store s
                join (select store_id, min(received_at_ms) as oldest from connector_pos_line where state in ('pending', 'writing', 'ordering')
                      group by store_id) w on w.store_id = s.store_id
                where s.next_attempt_at_ms <= ? order by w.oldest""")
                .param(now).query(String.class).list();
        return stores.stream().filter(id -> config.store(id).isPresent()).toList();
    }

    /**
     * One cycle for a store, unless another thread or node is in one: true when it changed anything (so
     * a caller draining a backlog goes on), false when there was nothing to do, or it could not go on now.
     */
    public boolean cycle(String storeId) {
        ConnectorConfig.Store store = config.store(storeId)
                .orElseThrow(() -> new IllegalArgumentException("no store '" + storeId + "' is configured"));
        boolean[] progressed = {false};
        locks.tryWith(lockName(storeId), () -> progressed[0] = run(store));
        if (progressed[0]) {
            metrics.changed();
        }
        return progressed[0];
    }

    private boolean run(ConnectorConfig.Store store) {
        Long due = jdbc.sql("select next_attempt_at_ms from connector_stock_store where store_id = ?").param(store.id())
                .query(Long.class).single();
        if (due > clock.millis()) {
            return false;
        }
        OrderApiClient client = clients.of(store.centraEndpoint());
        try {
            if (!settleOpenWrites(store, client)) {
                return false;
            }
            boolean quarantined = quarantine(store);
            SaleOrders.Result orders = saleOrders.run(store, client);
            if (orders.blocked()) {
                return orders.progressed() || quarantined; // an order's answer may still come; stock waits until it is known
            }
            Batch batch = plan(store);
            if (batch.items().isEmpty()) {
                return orders.progressed() || batch.settledWithoutWrite() || quarantined;
            }
            write(store, client, batch);
            return true;
        } catch (CentraException e) {
            backOff(store, e);
            return false;
        }
    }

    // ---- 1. settling writes whose outcome is not known ------------------------------------------------

    /** Settles every open write of the store; false when Centra could not be read (the writer backs off). */
    private boolean settleOpenWrites(ConnectorConfig.Store store, OrderApiClient client) {
        List<Long> open = jdbc.sql("select write_id from connector_stock_write where store_id = ? and state = 'sent' order by write_id")
                .param(store.id()).query(Long.class).list();
        for (long writeId : open) {
            List<WriteItem> items = jdbc.sql("""
                    select item_id, product, read_filter, physical_before, allocated_before, target, expected, count_at_ms,
                        count_till, count_receipt, counted
                    from connector_stock_write_item where write_id = ?""").param(writeId)
                    .query((r, n) -> new WriteItem(r.getString("item_id"), r.getString("product"), r.getString("read_filter"),
                            r.getInt("physical_before"), r.getInt("allocated_before"), r.getInt("target"), r.getInt("expected"),
                            r.getObject("count_at_ms") == null ? null : new RungUp(r.getLong("count_at_ms"),
                                    r.getObject("count_till", Integer.class), r.getObject("count_receipt", Long.class)),
                            r.getObject("counted", Integer.class))).list();
            Map<String, String> outcome = new LinkedHashMap<>();
            Map<String, Integer> now = new LinkedHashMap<>();
            StockReads viaIntegrationApi = clients.integrationApi().isEmpty() ? null : StockReads.viaIntegrationApi(pipe,
                    store.centraWarehouse(), items.stream().map(WriteItem::readFilter).toList());
            for (WriteItem item : items) {
                Optional<StockRow> row = viaIntegrationApi != null ? viaIntegrationApi.row(item.readFilter(), item.product())
                        : read(client, item.readFilter(), item.product());
                int physical = row.map(StockRow::physical).orElse(-1);
                now.put(item.itemId(), physical);
                if (physical == item.expected()) {
                    outcome.put(item.itemId(), "applied");
                } else if (physical == item.physicalBefore()) {
                    outcome.put(item.itemId(), "not-applied");
                } else {
                    outcome.put(item.itemId(), "unknown");
                }
            }
            tx.executeWithoutResult(s -> {
                long at = clock.millis();
                for (WriteItem item : items) {
                    switch (outcome.get(item.itemId())) {
                        case "applied" -> applied(store, writeId, item, at);
                        case "not-applied" -> posLines.notWritten(writeId, item.itemId());
                        default -> deadLines(writeId, item.itemId(), "whether the write happened cannot be told: Centra's physical "
                                + "stock was " + item.physicalBefore() + ", the write asked for " + item.target() + " (expected "
                                + item.expected() + " after it) and Centra now shows " + now.get(item.itemId())
                                + "; replay applies these lines again on top of what Centra shows", at);
                    }
                    jdbc.sql("update connector_stock_write_item set outcome = ? where write_id = ? and item_id = ?")
                            .params(outcome.get(item.itemId()), writeId, item.itemId()).update();
                }
                jdbc.sql("update connector_stock_write set state = 'settled', settled_at_ms = ?, detail = ? where write_id = ?")
                        .params(at, "settled by reading Centra again: " + outcome, writeId).update();
            });
            log.info("settled write {} of store {} by reading Centra again: {}", writeId, store.id(), outcome);
        }
        return true;
    }

    // ---- 2. planning a batch ----------------------------------------------------------------------------

    /**
     * Makes dead letters of the store's waiting lines that can never be applied, whatever else happens, so
     * that one of them cannot stop the rest: a quantity beyond the intake's bounds or with decimals (stored
     * before the intake checked them, or replayed), or a Timestamp further ahead of the clock than the
     * tolerance (a replayed one whose time has not come). True when it settled any.
     */
    private boolean quarantine(ConnectorConfig.Store store) {
        long now = clock.millis();
        BigDecimal max = MAX_QUANTITY;
        String tooLate = "rung up further ahead of the connector's clock than " + config.stock().futureTolerance().toSeconds()
                + " s; held, not applied: check the till's clock";
        return Boolean.TRUE.equals(tx.execute(s -> posLines.quarantine(store.id(), max, now + config.stock().futureTolerance().toMillis(),
                tooLate, now) > 0));
    }

    record Line(String transactionId, int lineNumber, String itemId, String barcode, String kind, BigDecimal quantity,
                long occurredAtMs, int attempts, Integer till, Long receipt) {
        /** Reads the columns {@code transaction_id, line_number, item_id, barcode, kind, quantity, occurred_at_ms, attempts, till, receipt_seq}. */
        static final org.springframework.jdbc.core.RowMapper<Line> ROWS = (r, n) -> new Line(r.getString("transaction_id"),
                r.getInt("line_number"), r.getString("item_id"), r.getString("barcode"), r.getString("kind"),
                r.getBigDecimal("quantity"), r.getLong("occurred_at_ms"), r.getInt("attempts"),
                r.getObject("till", Integer.class), r.getObject("receipt_seq", Long.class));

        boolean isCount() {
            return kind.equals("Count");
        }

        RungUp rungUp() {
            return new RungUp(occurredAtMs, till, receipt);
        }
    }

    /** One item's part of a write: the lines it carries, the count that sets its base (if any), its sales. */
    record ItemPlan(String itemId, CatalogueMirror.CentraItem centra, List<Line> lines, Line count, int sold) {
    }

    record Batch(List<ItemPlan> items, boolean settledWithoutWrite) {
    }

    /**
     * Plans the store's next write: its oldest waiting items' pending lines, each item's last count and Centra
     * item, each read for all items at once (a query each, not one per item: a cycle's fixed cost is what a
     * busy connector pays per store). Lines that can never be written, or that a count superseded, are
     * settled here, in one batch.
     */
    private Batch plan(ConnectorConfig.Store store) {
        List<String> itemIds = jdbc.sql("""
                select item_id from connector_pos_line where store_id = ? and state = 'pending'"""
                + SaleOrders.notOrderBound(store) + " group by item_id order by min(received_at_ms), item_id fetch first ? rows only")
                .params(store.id(), config.stock().batchItems()).query(String.class).list();
        if (itemIds.isEmpty()) {
            return new Batch(List.of(), false);
        }
        Map<String, List<Line>> byItem = new LinkedHashMap<>();
        itemIds.forEach(i -> byItem.put(i, new ArrayList<>()));
        Map<String, RungUp> lastCounts = new HashMap<>();
        Chunks.each(itemIds, slice -> {
            String in = String.join(", ", Collections.nCopies(slice.size(), "?"));
            List<Object> params = new ArrayList<>(List.of(store.id()));
            params.addAll(slice);
            jdbc.sql("""
                    select transaction_id, line_number, item_id, barcode, kind, quantity, occurred_at_ms, attempts, till, receipt_seq
                    from connector_pos_line where store_id = ? and state = 'pending'                    """ + SaleOrders.notOrderBound(store) + " and item_id in (" + in + ")"
                    + " order by occurred_at_ms, till, receipt_seq, transaction_id, line_number")
                    .params(params).query(Line.ROWS).list().forEach(l -> byItem.get(l.itemId()).add(l));
            jdbc.sql("select item_id, last_count_at_ms, last_count_till, last_count_receipt from connector_stock_item"
                            + " where store_id = ? and item_id in (" + in + ") and last_count_at_ms is not null")
                    .params(params).query((r, n) -> lastCounts.put(r.getString(1), new RungUp(r.getLong(2), r.getObject(3, Integer.class),
                            r.getObject(4, Long.class)))).list();
        });
        // first each item's supersessions and live lines, then the Centra items of all of them at once
        Map<String, StockPlanning.ItemLines> planned = new LinkedHashMap<>();
        Map<String, String> barcodes = new HashMap<>();
        List<ItemPlan> plans = new ArrayList<>();
        Map<Line, String> dead = new LinkedHashMap<>();
        Map<Line, String> superseded = new LinkedHashMap<>();
        for (Map.Entry<String, List<Line>> e : byItem.entrySet()) {
            try {
                RungUp lastCount = lastCounts.get(e.getKey());
                StockPlanning.ItemLines p = StockPlanning.ofItem(e.getValue(), lastCount);
                p.superseded().forEach(l -> superseded.put(l, "rung up before the stock count of "
                        + java.time.Instant.ofEpochMilli(lastCount.atMs()) + ", which includes it"));
                if (!p.live().isEmpty()) {
                    planned.put(e.getKey(), p);
                    barcodes.put(e.getKey(), p.live().stream().map(Line::barcode).filter(b -> b != null && !b.isBlank()).findFirst()
                            .orElse(null));
                }
            } catch (RuntimeException ex) {
                couldNotPlan(store, e.getKey(), e.getValue(), ex, dead, superseded);
            }
        }
        Map<String, CatalogueMirror.CentraItem> centra = planned.isEmpty() ? Map.of() : mirror.forLines(barcodes);
        for (Map.Entry<String, StockPlanning.ItemLines> e : planned.entrySet()) {
            Map<Line, String> itemDead = new LinkedHashMap<>();
            try {
                planItem(store, e.getKey(), e.getValue(), Optional.ofNullable(centra.get(e.getKey())), plans, itemDead);
                dead.putAll(itemDead);
            } catch (RuntimeException ex) {
                couldNotPlan(store, e.getKey(), byItem.get(e.getKey()), ex, dead, superseded);
            }
        }
        if (!dead.isEmpty() || !superseded.isEmpty()) {
            tx.executeWithoutResult(s -> posLines.settleAll(store.id(), dead, superseded, clock.millis()));
        }
        return new Batch(plans, !dead.isEmpty() || !superseded.isEmpty());
    }

    /** Whatever one item's lines do, the store's other items go on: all of its lines become dead letters saying why. */
    private static void couldNotPlan(ConnectorConfig.Store store, String itemId, List<Line> lines, RuntimeException ex,
                                     Map<Line, String> dead, Map<Line, String> superseded) {
        log.warn("store {}: the lines of item {} could not be planned; they become dead letters", store.id(), itemId, ex);
        lines.forEach(l -> {
            superseded.remove(l);
            dead.put(l, "could not be planned: " + ex);
        });
    }

    /** Plans one item's live lines: its place in the write, or dead letters saying why it has none. */
    private void planItem(ConnectorConfig.Store store, String itemId, StockPlanning.ItemLines planned,
                          Optional<CatalogueMirror.CentraItem> centra, List<ItemPlan> plans, Map<Line, String> dead) {
        // quantities with decimals never get here: quarantine() made them dead letters earlier in the cycle
        List<Line> live = planned.live();
        Line count = planned.count();
        long sold = planned.sold();
        if (count != null) {
            // a count that arrives late: sales rung up after it were applied already and still count against it
            RungUp.Sql after = count.rungUp().linesNotBefore();
            List<Object> params = new ArrayList<>(List.of(store.id(), itemId));
            params.addAll(after.params());
            sold += jdbc.sql("select coalesce(sum(quantity), 0) from connector_pos_line where store_id = ? and item_id = ?"
                            + " and kind = 'Sale' and state = 'applied' and " + after.condition())
                    .params(params).query(BigDecimal.class).single().longValueExact();
        }
        if (count != null && centra.isPresent()) {
            // what the connector shipped from the store's warehouse since the count left the shop after it was counted
            sold += shippedSince(store.id(), centra.get().product(), count.occurredAtMs());
        }
        if (Math.abs(sold) > Integer.MAX_VALUE / 2) {
            String why = "the item's waiting sales add up to " + sold + ", more than Centra's stock can hold";
            live.forEach(l -> dead.put(l, why));
            return;
        }
        if (centra.isEmpty()) {
            live.forEach(l -> dead.put(l, CatalogueMirror.unknownItem(itemId)));
            return;
        }
        plans.add(new ItemPlan(itemId, centra.get(), live, count, (int) sold));
    }

    /** The items of {@code product} the connector shipped from the store's warehouse after {@code sinceMs}. */
    long shippedSince(String storeId, String product, long sinceMs) {
        return jdbc.sql("select coalesce(sum(quantity), 0) from connector_store_shipment where store_id = ? and product = ? and shipped_at_ms > ?")
                .params(storeId, product, sinceMs).query(Long.class).single();
    }

    // ---- 3. and 4. reading, recording, writing ----------------------------------------------------------

    private void write(ConnectorConfig.Store store, OrderApiClient client, Batch batch) {
        if (clients.integrationApi().isPresent()) {
            write(store, client, batch, null); // the pipe takes the slot for every store its mutation carries
            return;
        }
        WriteBudget.Slot slot;
        try {
            // the write's slot is taken now, so the values read next are as fresh as the budget allows
            slot = clients.budget().acquire(clients.pause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try (slot) {
            write(store, client, batch, slot);
        }
    }

    private void write(ConnectorConfig.Store store, OrderApiClient client, Batch batch, WriteBudget.Slot slot) {
        List<WriteItem> items = new ArrayList<>();
        Map<String, String> unknown = new LinkedHashMap<>();
        Optional<IntegrationApiClient> integrationApi = clients.integrationApi();
        StockReads reads = integrationApi.isPresent()
                ? StockReads.viaIntegrationApi(pipe, store.centraWarehouse(),
                        batch.items().stream().map(p -> filter(p.centra().read())).toList())
                : StockReads.forWrite(client, batch.items().size(), mirror.items(store.country()));
        for (ItemPlan p : batch.items()) {
            String filter = filter(p.centra().read());
            Optional<StockRow> row = reads.row(filter, p.centra().product());
            if (row.isEmpty()) {
                unknown.put(p.itemId(), "unknown item: Centra has no item " + p.centra().product() + " (" + filter + ") "
                        + (integrationApi.isEmpty() ? "in the store's Order API endpoint"
                        : StockReads.sizeId(filter) == null ? "that the Integration API can name: the catalogue has no size id for it"
                        : "in warehouse " + store.centraWarehouse() + " through the Integration API"));
                continue;
            }
            int base = p.count() != null ? p.count().quantity().intValueExact() : row.get().physical();
            Optional<StockPlanning.Target> target = StockPlanning.target(base, p.sold(), row.get().allocated());
            if (target.isEmpty()) {
                unknown.put(p.itemId(), "the item's stock would be " + ((long) base - p.sold()) + ", beyond what Centra can hold");
                continue;
            }
            items.add(new WriteItem(p.itemId(), p.centra().product(), filter, row.get().physical(), row.get().allocated(),
                    target.get().target(), target.get().expected(), p.count() == null ? null : p.count().rungUp(),
                    p.count() == null ? null : p.count().quantity().intValueExact()));
        }
        metrics.reads(store.id(), reads.calls());
        Map<String, ItemPlan> plans = batch.items().stream().collect(Collectors.toMap(ItemPlan::itemId, p -> p));
        long writeId = tx.execute(s -> {
            long at = clock.millis();
            unknown.forEach((itemId, why) -> plans.get(itemId).lines().forEach(l -> settleLine(l, "dead", why, at)));
            if (items.isEmpty()) {
                return -1L;
            }
            jdbc.sql("insert into connector_stock_write (store_id, state, created_at_ms) values (?, 'sent', ?)")
                    .params(store.id(), at).update();
            long id = lastWriteId(store.id()); // only this cycle, under the store's lock, writes the store's writes
            for (WriteItem i : items) {
                jdbc.sql("""
                        insert into connector_stock_write_item (write_id, item_id, product, read_filter, physical_before,
                            allocated_before, target, expected, count_at_ms, count_till, count_receipt, counted)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(id, i.itemId(), i.product(), i.readFilter(), i.physicalBefore(), i.allocatedBefore(),
                                i.target(), i.expected(), i.count() == null ? null : i.count().atMs(),
                                i.count() == null ? null : i.count().till(), i.count() == null ? null : i.count().receipt(),
                                i.counted()).update();
                for (Line l : plans.get(i.itemId()).lines()) {
                    posLines.writing(id, l);
                }
            }
            return id;
        });
        if (writeId < 0) {
            return;
        }
        List<StockUpdate> updates = items.stream().map(i -> new StockUpdate(i.product(), Math.max(i.target(), 0))).toList(); // written
        StockUpdate.Result result;
        try {
            // shadow mode: the write is recorded (its items: what Centra had, what would be written) and not made
            if (config.shadow()) {
                result = new StockUpdate.Result(true, List.of(), List.of());
            } else if (integrationApi.isPresent()) {
                IntegrationApiClient.WriteResult answer = pipe.setStock(new IntegrationApiClient.WarehouseWrite(
                        store.centraWarehouse(), "Kassa: till sales and counts of store " + store.id() + ", write " + writeId,
                        items.stream().map(i -> new IntegrationApiClient.SizeQuantity(StockReads.sizeId(i.readFilter()),
                                Math.max(i.target(), 0))).toList()));
                if (!answer.ok()) {
                    refusedWhole(store, writeId, items, plans, answer);
                    return;
                }
                result = new StockUpdate.Result(true, List.of(), List.of());
            } else {
                result = client.updateStock(updates, slot);
            }
            if (!config.shadow()) {
                metrics.write(store.id(), updates.size());
            }
        } catch (CentraException e) {
            if (e.retriesExhausted()) {
                // No answer: the write may or may not have happened. It stays 'sent'; the next cycle reads Centra.
                log.warn("POST stock of store {} (write {}) got no answer; it is settled by reading Centra next time: {}",
                        store.id(), writeId, e.getMessage());
                throw e;
            }
            refused(store, writeId, items, plans, e);
            throw e;
        }
        Set<String> notFound = new HashSet<>(result.productsNotFound());
        Set<String> bundles = new HashSet<>(result.productsAreBundles());
        tx.executeWithoutResult(s -> {
            long at = clock.millis();
            for (WriteItem i : items) {
                String outcome;
                if (notFound.contains(i.product())) {
                    outcome = "not-found";
                    deadLines(writeId, i.itemId(), "unknown item: Centra answered productsNotFound for " + i.product(), at);
                } else if (bundles.contains(i.product())) {
                    outcome = "bundle";
                    deadLines(writeId, i.itemId(), "Centra cannot set the stock of a bundle (" + i.product() + ")", at);
                } else {
                    outcome = applied(store, writeId, i, at);
                }
                jdbc.sql("update connector_stock_write_item set outcome = ? where write_id = ? and item_id = ?")
                        .params(outcome, writeId, i.itemId()).update();
            }
            jdbc.sql("update connector_stock_write set state = ?, settled_at_ms = ? where write_id = ?")
                    .params(config.shadow() ? "shadow" : "done", at, writeId).update();
            jdbc.sql("update connector_stock_store set failures = 0, last_error = null where store_id = ?").param(store.id()).update();
        });
    }

    /**
     * The Integration API refused the write with user errors, so nothing of it was written (decision 0024).
     * The items an error names become dead letters saying why; the others' lines wait for the next write.
     * An error that names no item refuses them all, as a refused POST stock does.
     */
    private void refusedWhole(ConnectorConfig.Store store, long writeId, List<WriteItem> items, Map<String, ItemPlan> plans,
                              IntegrationApiClient.WriteResult answer) {
        Map<Integer, String> named = new LinkedHashMap<>();
        List<String> general = new ArrayList<>();
        for (IntegrationApiClient.UserError e : answer.userErrors()) {
            if (e.sizeIndex() >= 0 && e.sizeIndex() < items.size()) {
                named.merge(e.sizeIndex(), e.message(), (a, b) -> a + "; " + b);
            } else {
                general.add(e.message() + " " + e.path());
            }
        }
        String detail = "setStock refused: " + answer.userErrors().stream().map(e -> e.message() + " " + e.path()).toList();
        if (!general.isEmpty() || named.isEmpty()) {
            refused(store, writeId, items, plans, new CentraException(detail, 200, false, null));
            return;
        }
        tx.executeWithoutResult(s -> {
            long at = clock.millis();
            for (int i = 0; i < items.size(); i++) {
                WriteItem item = items.get(i);
                String why = named.get(i);
                if (why != null) {
                    deadLines(writeId, item.itemId(), "Centra's Integration API refused item " + item.product() + ": " + why, at);
                } else {
                    posLines.notWritten(writeId, item.itemId());
                }
                jdbc.sql("update connector_stock_write_item set outcome = ? where write_id = ? and item_id = ?")
                        .params(why != null ? "refused" : "not-applied", writeId, item.itemId()).update();
            }
            jdbc.sql("update connector_stock_write set state = 'refused', settled_at_ms = ?, detail = ? where write_id = ?")
                    .params(at, Columns.detail(detail), writeId).update();
        });
        log.warn("store {}: write {} refused whole by the Integration API; {} item(s) became dead letters, the others wait: {}",
                store.id(), writeId, named.size(), detail);
    }

    /** Centra refused the write (it did not happen): the lines wait again, or die after too many attempts. */
    private void refused(ConnectorConfig.Store store, long writeId, List<WriteItem> items, Map<String, ItemPlan> plans,
                         CentraException e) {
        tx.executeWithoutResult(s -> {
            long at = clock.millis();
            for (WriteItem i : items) {
                for (Line l : plans.get(i.itemId()).lines()) {
                    if (l.attempts() + 1 >= config.stock().maxAttempts()) {
                        posLines.settle(l, PosLines.State.DEAD, "Centra refused the write " + (l.attempts() + 1) + " times, last: "
                                + e.getMessage(), at);
                    } else {
                        posLines.refused(l);
                    }
                }
            }
            jdbc.sql("update connector_stock_write set state = 'refused', settled_at_ms = ?, detail = ? where write_id = ?")
                    .params(at, Columns.detail(e.getMessage()), writeId).update();
        });
    }

    /** Settles an item of a write as applied: its lines, the count it carried, a clamp or a floor. */
    private String applied(ConnectorConfig.Store store, long writeId, WriteItem i, long at) {
        // lines of the item rung up before its count rode along with it: the count includes them
        posLines.written(writeId, i.itemId(), i.count(), at);
        if (i.count() != null) {
            // only this cycle, under the store's lock, writes the store's counts: read, then write
            Optional<RungUp> stored = jdbc.sql("""
                    select last_count_at_ms, last_count_till, last_count_receipt from connector_stock_item where store_id = ? and item_id = ?""")
                    .params(store.id(), i.itemId()).query((r, n) -> r.getObject(1) == null ? new RungUp(Long.MIN_VALUE, null, null)
                            : new RungUp(r.getLong(1), r.getObject(2, Integer.class), r.getObject(3, Long.class))).optional();
            if (stored.isEmpty()) {
                jdbc.sql("""
                        insert into connector_stock_item (store_id, item_id, last_count_at_ms, last_count_till, last_count_receipt, last_count)
                        values (?, ?, ?, ?, ?, ?)""")
                        .params(store.id(), i.itemId(), i.count().atMs(), i.count().till(), i.count().receipt(), i.counted()).update();
            } else if (!i.count().before(stored.get())) {
                jdbc.sql("""
                        update connector_stock_item set last_count_at_ms = ?, last_count_till = ?, last_count_receipt = ?, last_count = ?
                        where store_id = ? and item_id = ?""")
                        .params(i.count().atMs(), i.count().till(), i.count().receipt(), i.counted(), store.id(), i.itemId()).update();
            }
            dev.kassa.connector.BusinessEvents.countApplied(store.id(), i.itemId(), i.counted());
        }
        StockPlanning.Target t = new StockPlanning.Target(i.target(), Math.max(i.target(), 0), i.expected());
        if (t.floored()) {
            discrepancy(store.id(), i.itemId(), "floored", t.target(), Math.max(0, i.allocatedBefore()), at);
        }
        if (t.clamped(i.allocatedBefore())) {
            discrepancy(store.id(), i.itemId(), "clamped", t.written(), i.allocatedBefore(), at);
            return "clamped";
        }
        return "applied";
    }

    private void discrepancy(String storeId, String itemId, String kind, int wanted, int stored, long at) {
        jdbc.sql("insert into connector_stock_discrepancy (store_id, item_id, kind, wanted, stored, at_ms) values (?, ?, ?, ?, ?, ?)")
                .params(storeId, itemId, kind, wanted, stored, at).update();
        metrics.discrepancy(storeId, kind);
        dev.kassa.connector.BusinessEvents.discrepancy(storeId, itemId, kind, wanted, stored);
    }

    private void deadLines(long writeId, String itemId, String why, long at) {
        String store = jdbc.sql("select store_id from connector_stock_write where write_id = ?").param(writeId).query(String.class)
                .optional().orElse("?");
        int n = posLines.deadOfWrite(writeId, itemId, why, at);
        dev.kassa.connector.BusinessEvents.deadLetters(store, n, "item " + itemId + ": " + why);
    }

    private void settleLine(Line l, String state, String why, long at) {
        posLines.settle(l, state.equals("dead") ? PosLines.State.DEAD : PosLines.State.SUPERSEDED, why, at);
    }

    private long lastWriteId(String storeId) {
        return jdbc.sql("select max(write_id) from connector_stock_write where store_id = ?").param(storeId)
                .query(Long.class).single();
    }

    private void backOff(ConnectorConfig.Store store, CentraException e) {
        int failures = jdbc.sql("select failures from connector_stock_store where store_id = ?").param(store.id())
                .query(Integer.class).single() + 1;
        long delay = new Backoff(config.clientSettings().firstBackoff(), MAX_BACKOFF).after(failures).toMillis();
        jdbc.sql("update connector_stock_store set failures = ?, next_attempt_at_ms = ?, last_error = ? where store_id = ?")
                .params(failures, clock.millis() + delay, Columns.detail(e.getMessage()), store.id()).update();
        log.warn("stock writer of store {} backs off {} s after: {}", store.id(), Duration.ofMillis(delay).toSeconds(), e.getMessage());
    }

    /** GET stock by a recorded filter ({@code stockItemId=…} or {@code ean=…}): the row of {@code product}. */
    static Optional<StockRow> read(OrderApiClient client, String filter, String product) {
        int eq = filter.indexOf('=');
        List<StockRow> rows = client.stock(Map.of(filter.substring(0, eq), filter.substring(eq + 1)));
        if (rows.size() <= 1) {
            return rows.stream().findFirst();
        }
        return rows.stream().filter(r -> product.equals(r.ean()) || product.equals(r.upc())).findFirst();
    }

    private static String filter(Map<String, String> read) {
        Map.Entry<String, String> e = read.entrySet().iterator().next();
        return e.getKey() + "=" + e.getValue();
    }

    /**
     * The lock of a store's stock cycle. Whoever changes the store's physical stock in Centra in another way
     * (the connector's own shipments) takes it too, so no such change falls between a cycle's read and its write.
     */
    public static String lockName(String storeId) {
        return "stock:" + storeId;
    }

    record WriteItem(String itemId, String product, String readFilter, int physicalBefore, int allocatedBefore, int target,
                     int expected, RungUp count, Integer counted) {
    }
}
