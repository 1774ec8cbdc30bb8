package dev.kassa.connector.centra;

import dev.kassa.centra.api.WriteBudget;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Centra's write budget counted in the connector's database ({@code connector_write_slot}), so that every
 * node on that database takes its writes from one budget (decision 0021). A taker locks the row
 * {@code write-budget} of {@code connector_lock} while it decides, so two nodes never both take the last
 * place of a window.
 */
final class SharedWriteBudget implements WriteBudget.Ledger {

    private static final Logger log = LoggerFactory.getLogger(SharedWriteBudget.class);
    private static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Duration longest;
    private final Duration lease;

    /**
     * @param longest the budget's longest window: how long a done write keeps counting
     * @param lease   how long an open write may stay open before it counts at the lease's end: longer than any
     *                live holder needs between taking a slot and its answer
     */
    SharedWriteBudget(JdbcClient jdbc, TransactionTemplate tx, Duration longest, Duration lease) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.longest = longest;
        this.lease = lease;
    }

    @Override
    public Object take(Instant now, Predicate<List<Instant>> mayStart) {
        return tx.execute(status -> {
            jdbc.sql("select name from connector_lock where name = 'write-budget' for update").query(String.class).single();
            long forgotten = now.minus(longest).toEpochMilli();
            jdbc.sql("delete from connector_write_slot where done_at_ms < ? or (done_at_ms is null and lease_until_ms < ?)")
                    .params(forgotten, forgotten).update();
            if (!mayStart.test(counted(now))) {
                return null;
            }
            Taken taken = new Taken(UUID.randomUUID().toString(), Instant.ofEpochMilli(now.plus(lease).toEpochMilli()));
            jdbc.sql("insert into connector_write_slot (id, node, taken_at_ms, lease_until_ms) values (?, ?, ?, ?)")
                    .params(taken.id(), NODE, now.toEpochMilli(), taken.leaseEnd().toEpochMilli()).update();
            return taken;
        });
    }

    /** A slot this node took: its row and the end of its lease (fixed when taken, so never read back). */
    private record Taken(String id, Instant leaseEnd) {
    }

    @Override
    public List<Instant> counted(Instant now) {
        long nowMs = now.toEpochMilli();
        long forgotten = now.minus(longest).toEpochMilli();
        List<Instant> counted = new ArrayList<>();
        jdbc.sql("""
                select lease_until_ms, done_at_ms from connector_write_slot
                where done_at_ms > ? or (done_at_ms is null and lease_until_ms > ?)""")
                .params(forgotten, forgotten).query(rs -> {
                    long done = rs.getLong("done_at_ms");
                    boolean open = rs.wasNull();
                    long lease = rs.getLong("lease_until_ms");
                    // open: counts as now while its holder may still send; a lapsed one at its lease's end
                    long at = open ? Math.min(nowMs, lease) : Math.min(done, lease);
                    counted.add(Instant.ofEpochMilli(at));
                });
        return counted;
    }

    @Override
    public void done(Object key, Instant at) {
        try {
            jdbc.sql("update connector_write_slot set done_at_ms = ? where id = ? and done_at_ms is null")
                    .params(at.toEpochMilli(), ((Taken) key).id()).update();
        } catch (DataAccessException e) {
            // the slot stays open and counts until its lease ends: later than it needs to, never earlier
            log.warn("could not mark write slot {} done: {}", ((Taken) key).id(), e.getMessage());
        }
    }

    @Override
    public Instant leaseEnd(Object key) {
        return ((Taken) key).leaseEnd();
    }

    @Override
    public int open(Instant now) {
        return jdbc.sql("select count(*) from connector_write_slot where done_at_ms is null and lease_until_ms > ?")
                .param(now.toEpochMilli()).query(Integer.class).single();
    }
}
