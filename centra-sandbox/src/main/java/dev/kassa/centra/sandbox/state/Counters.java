package dev.kassa.centra.sandbox.state;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Numbers the sandbox hands out: order numbers, order line ids, allocation request ids. Taking one
 * updates the counter's row first, so concurrent takers queue on its row lock and never get the same one.
 */
@Repository
public class Counters {

    public static final String ORDER = "order";
    public static final String LINE = "line";
    public static final String ALLOCATION_REQUEST = "allocation_request";
    public static final String CUSTOMER = "customer";

    private final JdbcClient jdbc;

    Counters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The next value; must run inside the caller's transaction so that a rollback gives it back. */
    public long next(String name) {
        return take(name, 1);
    }

    /** Reserves {@code count} consecutive values and returns the first. */
    public long take(String name, int count) {
        int updated = jdbc.sql("update centra_counter set next_value = next_value + ? where name = ?")
                .params(count, name).update();
        if (updated != 1) {
            throw new IllegalStateException("no counter " + name);
        }
        return jdbc.sql("select next_value from centra_counter where name = ?").param(name).query(Long.class).single()
                - count;
    }

    /** Makes sure the next value is above {@code used} (after an order number was forced or imported). */
    public void atLeastAbove(String name, long used) {
        jdbc.sql("update centra_counter set next_value = ? where name = ? and next_value <= ?")
                .params(used + 1, name, used).update();
    }
}
