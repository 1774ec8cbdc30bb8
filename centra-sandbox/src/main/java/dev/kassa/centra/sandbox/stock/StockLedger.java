package dev.kassa.centra.sandbox.stock;

import dev.kassa.centra.sandbox.clock.InstanceTime;
import dev.kassa.common.db.Chunks;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reservations and removals of stock per (stock item, warehouse), for orders and shipments. Every change
 * of stock in the sandbox first locks the stock items' rows with {@link #lock}, always in ascending id
 * order, so that order placement, check-first accepts, shipments and POST stock serialise per item and
 * cannot deadlock each other. Callers must hold those locks in the current transaction.
 */
@Repository
public class StockLedger {

    private final JdbcClient jdbc;
    private final InstanceTime time;

    StockLedger(JdbcClient jdbc, InstanceTime time) {
        this.jdbc = jdbc;
        this.time = time;
    }

    /** Locks the items' rows in ascending id order; returns the ids that exist. */
    public Set<Long> lock(Collection<Long> ids) {
        Set<Long> found = new HashSet<>();
        Chunks.eachAscending(ids, slice -> found.addAll(jdbc.sql("""
                select stock_item_id from centra_stock_item where stock_item_id in (:ids)
                order by stock_item_id for update""").param("ids", slice).query(Long.class).list()));
        return found;
    }

    /** Free to allocate: physical minus allocated, 0 where the warehouse has no row for the item. */
    public int freeToAllocate(long item, long warehouse) {
        return jdbc.sql("select physical - allocated from centra_stock where stock_item_id = ? and warehouse_id = ?")
                .params(item, warehouse).query(Integer.class).optional().orElse(0);
    }

    /**
     * Reserves {@code qty} items; false (and nothing changed) when the warehouse does not have that many
     * free. The condition sits in the UPDATE so the check and the write are one step.
     */
    public boolean allocate(long item, long warehouse, int qty) {
        return jdbc.sql("""
                update centra_stock set allocated = allocated + :qty, modified_at = :now
                where stock_item_id = :item and warehouse_id = :warehouse and physical - allocated >= :qty""")
                .param("qty", qty).param("now", time.localNow()).param("item", item).param("warehouse", warehouse)
                .update() == 1;
    }

    /** Gives reserved items back to free-to-allocate. */
    public void release(long item, long warehouse, int qty) {
        change(item, warehouse, 0, qty);
    }

    /** Items leave the warehouse with a completed shipment: physical and allocated both drop (§3, §7). */
    public void ship(long item, long warehouse, int qty) {
        change(item, warehouse, qty, qty);
    }

    private void change(long item, long warehouse, int physicalDown, int allocatedDown) {
        int updated = jdbc.sql("""
                update centra_stock set physical = physical - :p, allocated = allocated - :a, modified_at = :now
                where stock_item_id = :item and warehouse_id = :warehouse and allocated >= :a""")
                .param("p", physicalDown).param("a", allocatedDown).param("now", time.localNow())
                .param("item", item).param("warehouse", warehouse).update();
        if (updated != 1) {
            throw new IllegalStateException("stock item " + item + " has fewer than " + allocatedDown
                    + " items allocated in warehouse " + warehouse);
        }
    }
}
