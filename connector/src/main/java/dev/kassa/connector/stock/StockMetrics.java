package dev.kassa.connector.stock;

import dev.kassa.connector.config.ConnectorConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The connector's stock and Centra metrics (Actuator, {@code /actuator/prometheus}; names in
 * docs/stock-sync.md). Counters count events in this node; the gauges read the database (shared by all
 * nodes), at most once per second however often they are scraped, and again after this node changed it.
 */
@Component
public class StockMetrics implements dev.kassa.centra.api.OrderApiClient.Listener {

    private final MeterRegistry registry;
    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Snapshot snapshot;

    record Snapshot(long backlog, long writing, double oldestPendingSeconds, long deadLetters, Map<String, Long> driftUnits,
                    Map<String, Long> backlogByStore, long takenAtMs) {
    }

    StockMetrics(MeterRegistry registry, JdbcClient jdbc, Clock clock, ConnectorConfig config) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder("kassa.stock.backlog", this, m -> m.fresh().backlog())
                .description("POS lines not yet applied to Centra (pending or being written)").register(registry);
        Gauge.builder("kassa.stock.oldest.pending", this, m -> m.fresh().oldestPendingSeconds()).baseUnit("seconds")
                .description("age of the oldest POS line not yet applied to Centra").register(registry);
        Gauge.builder("kassa.stock.dead.letters", this, m -> m.fresh().deadLetters())
                .description("POS lines that could not be applied and wait for a person (replayable)").register(registry);
        for (ConnectorConfig.Store s : config.stores()) {
            Gauge.builder("kassa.stock.drift", this, m -> m.fresh().driftUnits().getOrDefault(s.id(), 0L))
                    .tag("store", s.id()).baseUnit("units")
                    .description("sum of |Centra physical - (latest count - sales since)| at the latest reconciliation")
                    .register(registry);
            Gauge.builder("kassa.stock.store.backlog", this, m -> m.fresh().backlogByStore().getOrDefault(s.id(), 0L))
                    .tag("store", s.id()).description("POS lines of the store not yet applied").register(registry);
        }
    }

    /** This node changed what the gauges show: the next scrape reads the database again. */
    public void changed() {
        snapshot = null;
    }

    /** One POS transaction taken in. */
    public void received(String storeId) {
        changed();
        Counter.builder("kassa.pos.transactions.received").tag("store", storeId)
                .description("POS transactions stored (duplicates not counted)").register(registry).increment();
    }

    /** One POST stock answered, carrying {@code items} items. */
    void write(String storeId, int items) {
        Counter.builder("kassa.stock.writes").tag("store", storeId).description("POST stock calls answered by Centra")
                .register(registry).increment();
        Counter.builder("kassa.stock.written.items").tag("store", storeId).description("items carried by POST stock")
                .register(registry).increment(items);
    }

    /** The GET stock calls one write's reads made, item by item and by page ({@link StockReads}). */
    void reads(String storeId, StockReads.Calls calls) {
        Counter.builder("kassa.stock.reads").tag("store", storeId).tag("kind", "item")
                .description("GET stock calls the stock writer made to read what it writes").register(registry).increment(calls.items());
        Counter.builder("kassa.stock.reads").tag("store", storeId).tag("kind", "page")
                .description("GET stock calls the stock writer made to read what it writes").register(registry).increment(calls.pages());
    }

    /** Centra stored something other than asked: {@code clamped} at allocated, or {@code floored} at 0. */
    void discrepancy(String storeId, String kind) {
        Counter.builder("kassa.stock.discrepancies").tag("store", storeId).tag("kind", kind)
                .description("clamps at allocated stock and sales of more than Centra had").register(registry).increment();
    }

    /** Every exchange with Centra, by method, path and status (0: no answer); 429s are also counted apart. */
    @Override
    public void exchanged(String method, String path, int status) {
        Counter.builder("kassa.centra.calls").tag("method", method).tag("path", path).tag("status", Integer.toString(status))
                .description("HTTP exchanges with Centra's Order API").register(registry).increment();
        if (status == 429) {
            Counter.builder("kassa.centra.rate.limited").description("answers 429 Too Many Requests from Centra")
                    .register(registry).increment();
        }
    }

    private Snapshot fresh() {
        Snapshot s = snapshot;
        long now = clock.millis();
        if (s != null && now - s.takenAtMs() < 1000 && now >= s.takenAtMs()) {
            return s;
        }
        Map<String, Long> byStore = new HashMap<>();
        long backlog = 0;
        long writing = 0;
        for (Map<String, Object> r : jdbc.sql("""
                select store_id, state, count(*) as n from connector_pos_line where state in ('pending', 'writing', 'ordering')
                group by store_id, state""").query().listOfRows()) {
            long n = ((Number) r.get("n")).longValue();
            backlog += n;
            if (!"pending".equals(r.get("state"))) {
                writing += n;
            }
            byStore.merge((String) r.get("store_id"), n, Long::sum);
        }
        Long oldest = jdbc.sql("select min(received_at_ms) from connector_pos_line where state in ('pending', 'writing', 'ordering')")
                .query(Long.class).optional().orElse(null);
        long dead = jdbc.sql("select count(*) from connector_pos_line where state = 'dead'").query(Long.class).single();
        Map<String, Long> drift = new HashMap<>();
        List<Map<String, Object>> rows = jdbc.sql("select store_id, units from connector_stock_drift").query().listOfRows();
        rows.forEach(r -> drift.put((String) r.get("store_id"), ((Number) r.get("units")).longValue()));
        s = new Snapshot(backlog, writing, oldest == null ? 0 : Math.max(0, now - oldest) / 1000.0, dead, Map.copyOf(drift),
                Map.copyOf(byStore), now);
        snapshot = s;
        return s;
    }
}
