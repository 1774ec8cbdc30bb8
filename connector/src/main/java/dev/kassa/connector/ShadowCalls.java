package dev.kassa.connector;

import dev.kassa.connector.db.Columns;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Shadow mode (decision 0018, {@code kassa.connector.mode: shadow}): the calls the connector would have made
 * to Centra or Centara, recorded instead of made. Stock writes are recorded in the stock writer's own tables
 * (state {@code shadow}); everything else (sale orders, answers to offers, till orders, shipments) here.
 */
@Component
public class ShadowCalls {

    public record Call(long id, long atMs, String store, String system, String call, String body) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    ShadowCalls(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records a call that shadow mode did not make. */
    public void record(String store, String system, String call, String body) {
        jdbc.sql("insert into connector_shadow_call (at_ms, store_id, system, call, body) values (?, ?, ?, ?, ?)")
                .params(clock.millis(), store, system, Columns.fit(call, 200), body == null ? null : Columns.fit(body, 8000)).update();
    }

    /** The latest recorded calls, newest first. */
    public List<Call> latest(int max) {
        return jdbc.sql("select * from connector_shadow_call order by id desc fetch first ? rows only").param(max)
                .query((r, n) -> new Call(r.getLong("id"), r.getLong("at_ms"), r.getString("store_id"), r.getString("system"),
                        r.getString("call"), r.getString("body"))).list();
    }

    /** The stock writes recorded in shadow, newest first: per item what would have been written and what Centra had. */
    public List<Map<String, Object>> stockWrites(int max) {
        return jdbc.sql("""
                select w.write_id, w.store_id, w.created_at_ms, i.item_id, i.product, i.physical_before, i.allocated_before, i.target
                from connector_stock_write w join connector_stock_write_item i on i.write_id = w.write_id
                where w.state = 'shadow' order by w.write_id desc, i.item_id fetch first ? rows only""").param(max).query().listOfRows();
    }
}
