package dev.kassa.centra.sandbox.orders;

import dev.kassa.centra.sandbox.clock.InstanceTime;
import dev.kassa.centra.sandbox.orderapi.OrderApiException;
import dev.kassa.centra.sandbox.orderapi.OrderApiInstance;
import dev.kassa.centra.sandbox.stock.StockLedger;
import dev.kassa.common.db.Chunks;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The order tables: orders, their lines, and where the lines are allocated. Anything that changes an
 * order takes {@link #lock} first (one row lock per order), then the stock items' locks through
 * {@link StockLedger#lock}; always in that order, so two requests can never wait on each other in a circle.
 */
@Repository
public class Orders {

    static final String COLUMNS = """
            order_number, selection_id, origin, order_api_uri, flow, order_status, prepared, market_id, pricelist_id,
            currency, country, customer_id, billing_address, delivery_address, shipping_list, shipping_value,
            voucher_value, voucher_codes, other_comment, internal_comment, po_number, buyer_name, internal_order,
            adjust_stock, payment, extra_attributes, order_date, delivery_date, cancel_date, created_at, modified_at""";

    private final JdbcClient jdbc;
    private final StockLedger ledger;
    private final InstanceTime time;

    Orders(JdbcClient jdbc, StockLedger ledger, InstanceTime time) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.time = time;
    }

    public void insert(OrderRow o) {
        jdbc.sql("insert into centra_order (" + COLUMNS + ") values ("
                        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(o.number(), o.selectionId(), o.origin(), o.apiUri(), o.flow(), o.status(), o.prepared(),
                        o.market(), o.pricelist(), o.currency(), o.country(), o.customerId(), o.billing(),
                        o.delivery(), o.shippingList(), o.shippingValue(), o.voucherValue(), o.voucherCodes(),
                        o.otherComment(), o.internalComment(), o.poNumber(), o.buyerName(), o.internalOrder(),
                        o.adjustStock(), o.payment(), o.extraAttributes(), o.orderDate(), o.deliveryDate(),
                        o.cancelDate(), o.createdAt(), o.modifiedAt())
                .update();
    }

    public void insertLine(LineRow l) {
        jdbc.sql("""
                insert into centra_order_line (line_id, order_number, position, stock_item_id, qty, unit_price,
                                               original_price, tax_percent, line_comment, item_text)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(l.lineId(), l.orderNumber(), l.position(), l.stockItemId(), l.qty(), l.unitPrice(),
                        l.originalPrice(), l.taxPercent(), l.comment(), l.itemText())
                .update();
    }

    public boolean exists(long number) {
        return jdbc.sql("select count(*) from centra_order where order_number = ?").param(number)
                .query(Integer.class).single() > 0;
    }

    /** The order, its row locked until the transaction ends. */
    public Optional<OrderRow> lock(long number) {
        return jdbc.sql("select " + COLUMNS + " from centra_order where order_number = ? for update").param(number)
                .query(Orders::order).optional();
    }

    /**
     * Locks an order the plugin may act on; refuses (HTTP 200, {@code status:"no"}) when it does not exist
     * or belongs to a market outside the plugin's "Markets filtering" (§2, §6.5).
     */
    public OrderRow lockVisible(OrderApiInstance api, long number) {
        OrderRow o = lock(number).orElseThrow(() -> OrderApiException.refused("msg", "order does not exist",
                "order", Long.toString(number)));
        if (!api.markets().isEmpty() && !api.markets().contains(o.market())) {
            throw OrderApiException.refused("msg", "order in wrong market", "order", number);
        }
        return o;
    }

    public Optional<OrderRow> find(long number) {
        return jdbc.sql("select " + COLUMNS + " from centra_order where order_number = ?").param(number)
                .query(Orders::order).optional();
    }

    public List<OrderRow> page(String where, java.util.Map<String, Object> params, int limit, int offset) {
        return jdbc.sql("select " + COLUMNS + " from centra_order where " + where
                        + " order by order_number desc limit :limit offset :offset") // newest first, as Centra's reference says
                .params(params).param("limit", limit).param("offset", offset).query(Orders::order).list();
    }

    public List<LineRow> lines(long number) {
        return lines(List.of(number));
    }

    public List<LineRow> lines(Collection<Long> orderNumbers) {
        List<LineRow> out = new ArrayList<>();
        Chunks.eachAscending(orderNumbers, slice -> out.addAll(jdbc.sql("""
                select line_id, order_number, position, stock_item_id, qty, unit_price, original_price, tax_percent,
                       line_comment, item_text
                from centra_order_line where order_number in (:orders) order by order_number, position""")
                .param("orders", slice)
                .query((rs, n) -> new LineRow(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getLong(4), rs.getInt(5),
                        rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getString(9),
                        rs.getString(10)))
                .list()));
        return out;
    }

    public List<AllocationRow> allocations(long number) {
        return allocations(List.of(number));
    }

    public List<AllocationRow> allocations(Collection<Long> orderNumbers) {
        List<AllocationRow> out = new ArrayList<>();
        Chunks.eachAscending(orderNumbers, slice -> out.addAll(jdbc.sql("""
                select a.line_id, l.stock_item_id, a.warehouse_id, a.qty
                from centra_line_allocation a join centra_order_line l on l.line_id = a.line_id
                where l.order_number in (:orders) order by l.order_number, l.position, a.warehouse_id""")
                .param("orders", slice)
                .query((rs, n) -> new AllocationRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4)))
                .list()));
        return out;
    }

    /**
     * Reserves a line's items in a warehouse; false when the warehouse has fewer free. The stock items must
     * be locked already.
     */
    public boolean allocate(long lineId, long item, long warehouse, int qty) {
        if (qty <= 0 || !ledger.allocate(item, warehouse, qty)) {
            return qty == 0;
        }
        int updated = jdbc.sql("update centra_line_allocation set qty = qty + ? where line_id = ? and warehouse_id = ?")
                .params(qty, lineId, warehouse).update();
        if (updated == 0) {
            jdbc.sql("insert into centra_line_allocation (line_id, warehouse_id, qty) values (?, ?, ?)")
                    .params(lineId, warehouse, qty).update();
        }
        return true;
    }

    /** Gives a line's reserved items in a warehouse back to free-to-allocate. */
    public void release(long lineId, long item, long warehouse, int qty) {
        ledger.release(item, warehouse, qty);
        reduceAllocation(lineId, warehouse, qty);
    }

    /** The items left the warehouse with a shipment: physical and allocated stock drop, the reservation ends. */
    public void ship(long lineId, long item, long warehouse, int qty) {
        ledger.ship(item, warehouse, qty);
        reduceAllocation(lineId, warehouse, qty);
    }

    private void reduceAllocation(long lineId, long warehouse, int qty) {
        int deleted = jdbc.sql("delete from centra_line_allocation where line_id = ? and warehouse_id = ? and qty = ?")
                .params(lineId, warehouse, qty).update();
        if (deleted == 0 && jdbc.sql("""
                update centra_line_allocation set qty = qty - ? where line_id = ? and warehouse_id = ? and qty > ?""")
                .params(qty, lineId, warehouse, qty).update() != 1) {
            throw new IllegalStateException("line " + lineId + " has fewer than " + qty + " items allocated in warehouse "
                    + warehouse);
        }
    }

    public void setStatus(long number, String status) {
        jdbc.sql("update centra_order set order_status = ?, modified_at = ? where order_number = ?")
                .params(status, time.localNow(), number).update();
    }

    /** Sets one column of the order from a fixed list of names (never from a request) and touches modified_at. */
    public void set(long number, String column, Object value) {
        if (!COLUMNS.contains(column) || column.contains(",")) {
            throw new IllegalArgumentException(column);
        }
        jdbc.sql("update centra_order set " + column + " = ?, modified_at = ? where order_number = ?")
                .params(value, time.localNow(), number).update();
    }

    /** Items of each line in completed shipments, and in all shipments, keyed by line id. */
    public java.util.Map<Long, int[]> shippedAndClaimed(long number) {
        java.util.Map<Long, int[]> out = new java.util.HashMap<>();
        jdbc.sql("""
                select sl.line_id, s.completed, sum(sl.qty) from centra_shipment_line sl
                join centra_shipment s on s.shipment_id = sl.shipment_id
                where s.order_number = ? group by sl.line_id, s.completed""").param(number).query(rs -> {
            int[] v = out.computeIfAbsent(rs.getLong(1), k -> new int[2]);
            if (rs.getBoolean(2)) {
                v[0] += rs.getInt(3);
            }
            v[1] += rs.getInt(3);
        });
        return out;
    }

    static OrderRow order(ResultSet rs, int n) throws SQLException {
        return new OrderRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getBoolean(7), rs.getLong(8), rs.getLong(9), rs.getString(10), rs.getString(11),
                rs.getLong(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getBigDecimal(16),
                rs.getBigDecimal(17), rs.getString(18), rs.getString(19), rs.getString(20), rs.getString(21),
                rs.getString(22), rs.getBoolean(23), rs.getBoolean(24), rs.getString(25), rs.getString(26),
                local(rs.getTimestamp(27)), local(rs.getTimestamp(28)), local(rs.getTimestamp(29)),
                local(rs.getTimestamp(30)), local(rs.getTimestamp(31)));
    }

    private static LocalDateTime local(Timestamp t) {
        return t == null ? null : t.toLocalDateTime();
    }
}
