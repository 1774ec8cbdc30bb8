package dev.kassa.connector.stock;

import dev.kassa.centra.api.CentraException;
import dev.kassa.centra.api.CentraOrder;
import dev.kassa.centra.api.OrderRequest;
import dev.kassa.centra.api.ShipmentRequest;
import dev.kassa.centra.api.OrderApiClient;
import dev.kassa.connector.catalogue.CatalogueMirror;
import dev.kassa.connector.config.ConnectorConfig;
import dev.kassa.connector.db.Columns;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sales recorded as Centra orders, for stores with {@code sales-as: orders} (spec §13.11, docs/stock-sync.md):
 * each POS sale transaction becomes one order, created with {@code adjustStock} (Centra allocates it from
 * the store's warehouse, the primary warehouse of the store's endpoint) and then shipped and completed at
 * once, which lowers physical stock. Runs inside the stock writer's cycle of the store, under its lock,
 * before any stock write.
 *
 * <p>Exactly once: the order is recorded (with a marker that the order carries in its internal comment)
 * before POST order is sent. An order whose answer never came is looked for by that marker among Centra's
 * orders once the call can no longer be in flight; only if it is not there is it sent again. A shipment is
 * only created for an order that has none.
 */
@Component
class SaleOrders {

    private static final Logger log = LoggerFactory.getLogger(SaleOrders.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Sale transactions turned into orders per cycle; the rest wait for the next cycle. */
    static final int TRANSACTIONS_PER_CYCLE = 20;
    /** Orders without an answer are looked for among Centra's orders from this long before they were sent. */
    private static final long SEARCH_MARGIN_MS = 600_000;
    private static final int PAGE = 100;

    /** What a run did: whether it changed anything, and whether the stock writes of the store must wait. */
    record Result(boolean progressed, boolean blocked) {
    }

    private final ConnectorConfig config;
    private final CatalogueMirror mirror;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    private final dev.kassa.connector.ShadowCalls shadow;
    private final PosLines posLines;

    SaleOrders(ConnectorConfig config, CatalogueMirror mirror, JdbcClient jdbc, TransactionTemplate tx, Clock clock,
               dev.kassa.connector.ShadowCalls shadow, PosLines lines) {
        this.shadow = shadow;
        this.posLines = lines;
        this.config = config;
        this.mirror = mirror;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** The condition that keeps a store's order-bound sale lines out of the stock writer's plan. */
    static String notOrderBound(ConnectorConfig.Store store) {
        return store.salesAsOrders() ? " and not (kind = 'Sale' and quantity > 0 and via is null)" : "";
    }

    /**
     * Finishes the store's open orders, then turns up to {@link #TRANSACTIONS_PER_CYCLE} pending sales into
     * orders. A {@link CentraException} means Centra could not be reached or refused the call; the store backs off.
     */
    Result run(ConnectorConfig.Store store, OrderApiClient client) {
        if (!store.salesAsOrders()) {
            return new Result(false, false);
        }
        boolean progressed = false;
        for (Open o : open(store)) {
            if (o.state().equals("creating") && clock.millis() - o.sentAtMs() < inFlightMillis()) {
                return new Result(progressed, true); // its answer may still come: not yet safe to look for it
            }
            finish(store, client, o);
            progressed = true;
        }
        List<String> transactions = jdbc.sql("""
                select transaction_id from connector_pos_line
                where store_id = ? and state = 'pending' and kind = 'Sale' and quantity > 0 and via is null
                group by transaction_id order by min(received_at_ms), transaction_id fetch first ? rows only""")
                .params(store.id(), TRANSACTIONS_PER_CYCLE).query(String.class).list();
        for (String transactionId : transactions) {
            order(store, client, transactionId);
            progressed = true;
        }
        return new Result(progressed, false);
    }

    /** How long a POST order can be under way: every attempt's timeout, plus a minute. */
    private long inFlightMillis() {
        return config.clientSettings().requestTimeout().toMillis() + 60_000;
    }

    record Open(String marker, String transactionId, String state, long sentAtMs, String orderNumbers) {
    }

    private List<Open> open(ConnectorConfig.Store store) {
        return jdbc.sql("""
                select marker, transaction_id, state, sent_at_ms, order_numbers from connector_sale_order
                where store_id = ? and state in ('creating', 'created') order by sent_at_ms, marker""")
                .param(store.id()).query((r, n) -> new Open(r.getString("marker"), r.getString("transaction_id"),
                        r.getString("state"), r.getLong("sent_at_ms"), r.getString("order_numbers"))).list();
    }

    private void finish(ConnectorConfig.Store store, OrderApiClient client, Open o) {
        if (o.state().equals("created")) {
            ship(store, client, o.marker(), numbers(o.orderNumbers()));
            return;
        }
        List<Long> found = find(client, o.marker(), o.sentAtMs());
        if (!found.isEmpty()) {
            log.info("sale order {} of store {} was created before its answer was lost: {}", o.marker(), store.id(), found);
            created(o.marker(), found);
            ship(store, client, o.marker(), found);
            return;
        }
        log.info("sale order {} of store {} is not in Centra; sending it again", o.marker(), store.id());
        tx.executeWithoutResult(s -> jdbc.sql("update connector_sale_order set sent_at_ms = ? where marker = ?")
                .params(clock.millis(), o.marker()).update());
        send(store, client, o.marker(), o.transactionId());
    }

    /** The order numbers of Centra's orders that carry the marker, created since a while before {@code sentAtMs}. */
    private List<Long> find(OrderApiClient client, String marker, long sentAtMs) {
        String since = config.centraDateTime(sentAtMs - SEARCH_MARGIN_MS);
        // Offset paging over a list that grows while we read: newest first (Centra's reference), a new order
        // pushes the rest one place on and a page repeats an order; oldest first, new orders come at the end.
        // Either way nothing is skipped, and a set keeps each order once.
        java.util.Set<Long> found = new java.util.LinkedHashSet<>();
        for (int offset = 0; ; offset += PAGE) {
            List<CentraOrder> orders = client.orders(Map.of("newer_than", since, "limit", Integer.toString(PAGE),
                    "offset", Integer.toString(offset)));
            for (CentraOrder order : orders) {
                if (order.internalComment().contains(marker)) {
                    found.add(order.number());
                }
            }
            if (orders.size() < PAGE) {
                return List.copyOf(found);
            }
        }
    }

    // ---- a new order ----------------------------------------------------------------------------------------

    private void order(ConnectorConfig.Store store, OrderApiClient client, String transactionId) {
        List<StockWriter.Line> lines = jdbc.sql("""
                select transaction_id, line_number, item_id, barcode, kind, quantity, occurred_at_ms, attempts, till, receipt_seq
                from connector_pos_line where transaction_id = ? and state = 'pending' and kind = 'Sale' and quantity > 0
                and via is null order by line_number""").param(transactionId).query(StockWriter.Line.ROWS).list();
        long at = clock.millis();
        int previous = jdbc.sql("select count(*) from connector_sale_order where transaction_id = ?").param(transactionId)
                .query(Integer.class).single();
        String marker = "kassa " + store.id() + " " + transactionId + (previous == 0 ? "" : " #" + (previous + 1));
        Map<StockWriter.Line, String> dead = new LinkedHashMap<>();
        Map<StockWriter.Line, String> superseded = new LinkedHashMap<>();
        List<StockWriter.Line> ordered = new ArrayList<>();
        for (StockWriter.Line l : lines) {
            Long lastCount = jdbc.sql("select last_count_at_ms from connector_stock_item where store_id = ? and item_id = ?")
                    .params(store.id(), l.itemId()).query(Long.class).optional().orElse(null);
            if (l.quantity().stripTrailingZeros().scale() > 0) {
                dead.put(l, "Centra orders whole units; " + l.quantity().toPlainString() + " cannot be ordered");
            } else if (lastCount != null && l.occurredAtMs() <= lastCount) {
                superseded.put(l, "rung up before the stock count of " + config.written(lastCount) + ", which includes it");
            } else if (item(l).isEmpty()) {
                dead.put(l, CatalogueMirror.unknownItem(l.itemId()));
            } else {
                ordered.add(l);
            }
        }
        tx.executeWithoutResult(s -> {
            dead.forEach((l, why) -> settle(l, "dead", why, at));
            superseded.forEach((l, why) -> settle(l, "superseded", why, at));
            if (!ordered.isEmpty()) {
                jdbc.sql("""
                        insert into connector_sale_order (marker, transaction_id, store_id, state, sent_at_ms)
                        values (?, ?, ?, 'creating', ?)""").params(marker, transactionId, store.id(), at).update();
                for (StockWriter.Line l : ordered) {
                    posLines.ordering(marker, l);
                }
            }
        });
        if (!ordered.isEmpty()) {
            send(store, client, marker, transactionId);
        }
    }

    /** POST order for the lines bound to the marker, and on success its shipment. */
    private void send(ConnectorConfig.Store store, OrderApiClient client, String marker, String transactionId) {
        List<StockWriter.Line> lines = jdbc.sql("""
                select transaction_id, line_number, item_id, barcode, kind, quantity, occurred_at_ms, attempts, till, receipt_seq
                from connector_pos_line where order_marker = ? and state = 'ordering' order by line_number""")
                .param(marker).query(StockWriter.Line.ROWS).list();
        JsonNode document = JSON.readTree(jdbc.sql("select document from connector_pos_transaction where transaction_id = ?")
                .param(transactionId).query(String.class).single());
        OrderApiClient.CreatedOrder answer;
        if (config.shadow()) {
            // shadow mode: the order (and its shipment) is recorded, not made; its lines count as applied
            shadow.record(store.id(), "centra", "POST " + client.endpoint().baseUrl() + "/order", body(store, marker, document, lines).toJson());
            long at = clock.millis();
            tx.executeWithoutResult(s -> {
                jdbc.sql("update connector_sale_order set state = 'shadow', settled_at_ms = ? where marker = ?").params(at, marker).update();
                posLines.ordered(marker, "shadow mode: recorded as a sale order, not sent", at, false);
            });
            return;
        }
        try {
            answer = client.createOrder(body(store, marker, document, lines));
        } catch (CentraException e) {
            if (!e.retriesExhausted()) {
                notCreated(marker, lines, "Centra refused the sale order: " + e.getMessage());
            }
            throw e; // without an answer the order stays 'creating' and is looked for later
        }
        if (answer.ok()) {
            created(marker, answer.orders());
            ship(store, client, marker, answer.orders());
        } else if (answer.code() == -2) {
            // Centra has no free stock to allocate (web orders hold it): the sale still happened, so it lowers
            // physical stock through POST stock, where a clamp at allocated stock is recorded.
            long at = clock.millis();
            tx.executeWithoutResult(s -> {
                refused(marker, "code -2 (" + answer.msg() + "); the sale goes through POST stock", at);
                posLines.throughStockInstead(marker);
            });
            log.info("sale order {} of store {}: Centra had no free stock (code -2); the sale goes through POST stock",
                    marker, store.id());
        } else {
            giveUp(marker, "Centra refused the sale order with code " + answer.code() + ": " + answer.msg());
        }
    }

    private OrderRequest body(ConnectorConfig.Store store, String marker, JsonNode document, List<StockWriter.Line> lines) {
        Map<Integer, JsonNode> docLines = new LinkedHashMap<>();
        document.path("Lines").forEach(l -> docLines.put(l.path("LineNumber").asInt(), l));
        BigDecimal total = BigDecimal.ZERO;
        boolean priced = true;
        List<OrderRequest.Product> products = new ArrayList<>();
        for (StockWriter.Line l : lines) {
            CatalogueMirror.CentraItem item = item(l).orElseThrow();
            Map.Entry<String, String> key = item.read().entrySet().iterator().next();
            boolean byId = key.getKey().equals("stockItemId");
            JsonNode price = docLines.getOrDefault(l.lineNumber(), JSON.createObjectNode()).get("UnitPrice");
            BigDecimal unitPrice = price != null && price.isNumber() ? price.decimalValue() : null;
            if (unitPrice != null) {
                total = total.add(unitPrice.multiply(l.quantity()));
            } else {
                priced = false;
            }
            products.add(new OrderRequest.Product(byId ? Long.valueOf(key.getValue()) : null, byId ? null : key.getValue(),
                    l.quantity().intValueExact(), unitPrice));
        }
        return new OrderRequest(store.saleOrderEmail(), store.name(), store.country().toUpperCase(Locale.ROOT), marker,
                config.centraDateTime(lines.getFirst().occurredAtMs()), products,
                priced ? new OrderRequest.Capture(total, "pos", document.path("TransactionId").asString()) : null);
    }

    private Optional<CatalogueMirror.CentraItem> item(StockWriter.Line l) {
        return mirror.forLine(l.itemId(), l.barcode());
    }

    // ---- shipping ---------------------------------------------------------------------------------------------

    /** Ships and completes every order of the sale that has no shipment yet; then the sale's lines are applied. */
    private void ship(ConnectorConfig.Store store, OrderApiClient client, String marker, List<Long> numbers) {
        for (long number : numbers) {
            Optional<CentraOrder> found = client.order(number);
            if (found.isEmpty()) {
                giveUp(marker, "sale order " + number + " no longer exists in Centra, so it cannot be shipped");
                return;
            }
            CentraOrder order = found.get();
            if (order.shipped()) {
                continue; // shipped before (its answer was lost)
            }
            Map<Long, Integer> quantities = new java.util.LinkedHashMap<>();
            order.lines().forEach(l -> quantities.put(l.lineId(), l.quantity()));
            try {
                client.createShipment(new ShipmentRequest(number, quantities, false, null, null));
            } catch (CentraException e) {
                if (e.retriesExhausted()) {
                    throw e; // no answer: the next cycle looks at the order again
                }
                giveUp(marker, "Centra refused to ship sale order " + number + " (" + e.getMessage() + "); the order holds"
                        + " the items allocated: ship or cancel it in Centra; replaying these lines makes a new order");
                return;
            }
        }
        long at = clock.millis();
        tx.executeWithoutResult(s -> {
            jdbc.sql("update connector_sale_order set state = 'done', settled_at_ms = ? where marker = ?").params(at, marker).update();
            posLines.ordered(marker, "sold as Centra order " + numbers.stream().map(String::valueOf).collect(Collectors.joining(", ")),
                    at, true);
        });
    }

    // ---- bookkeeping ------------------------------------------------------------------------------------------

    private void created(String marker, List<Long> numbers) {
        tx.executeWithoutResult(s -> jdbc.sql("update connector_sale_order set state = 'created', order_numbers = ? where marker = ?")
                .params(numbers.stream().map(String::valueOf).collect(Collectors.joining(",")), marker).update());
    }

    /** The order was not created (Centra refused the call): the lines wait again, or die after too many attempts. */
    private void notCreated(String marker, List<StockWriter.Line> lines, String why) {
        long at = clock.millis();
        tx.executeWithoutResult(s -> {
            refused(marker, why, at);
            for (StockWriter.Line l : lines) {
                if (l.attempts() >= config.stock().maxAttempts()) {
                    settle(l, "dead", "refused " + l.attempts() + " times, last: " + why, at);
                } else {
                    posLines.orderRefused(l);
                }
            }
        });
    }

    /** The order cannot be finished: it is refused and its lines become dead letters saying why. */
    private void giveUp(String marker, String why) {
        long at = clock.millis();
        tx.executeWithoutResult(s -> {
            refused(marker, why, at);
            String store = jdbc.sql("select min(store_id) from connector_pos_line where order_marker = ?").param(marker)
                    .query(String.class).optional().orElse("?");
            int n = posLines.orderGivenUp(marker, why, at);
            dev.kassa.connector.BusinessEvents.deadLetters(store, n, "the sale order " + marker + " cannot be finished: " + why);
        });
    }

    private void refused(String marker, String why, long at) {
        jdbc.sql("update connector_sale_order set state = 'refused', detail = ?, settled_at_ms = ? where marker = ?")
                .params(Columns.detail(why), at, marker).update();
    }

    private void settle(StockWriter.Line l, String state, String why, long at) {
        posLines.settle(l, state.equals("dead") ? PosLines.State.DEAD : PosLines.State.SUPERSEDED, why, at);
    }

    private static List<Long> numbers(String csv) {
        List<Long> out = new ArrayList<>();
        for (String n : csv.split(",")) {
            out.add(Long.parseLong(n.trim()));
        }
        return out;
    }
}
