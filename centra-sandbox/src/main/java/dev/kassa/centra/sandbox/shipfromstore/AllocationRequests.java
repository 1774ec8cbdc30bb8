package dev.kassa.centra.sandbox.shipfromstore;

import dev.kassa.common.db.Chunks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Allocation requests of "direct, then confirm" warehouses and their lines (§9). */
@Repository
class AllocationRequests {

    /** Statuses in which a request can still be answered; also GET's default filter (§13.10). */
    static final List<String> PENDING = List.of("allocated", "sent", "failed", "timed-out");
    static final List<String> ALL = List.of("allocated", "sent", "failed", "confirmed", "rejected", "timed-out",
            "outdated");

    record Request(long id, long order, long warehouse, String status, long expiresAtMs, long createdAtMs) {
    }

    record Line(long requestId, long lineId, long stockItemId, int qty) {
    }

    private static final String COLUMNS = "id, order_number, warehouse_id, request_status, expires_at_ms, created_at_ms";

    private final JdbcClient jdbc;

    AllocationRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Request r, List<Line> lines) {
        jdbc.sql("""
                insert into centra_allocation_request (id, order_number, warehouse_id, request_status, expires_at_ms,
                                                       timed_out, created_at_ms, modified_at_ms)
                values (?, ?, ?, ?, ?, false, ?, ?)""")
                .params(r.id(), r.order(), r.warehouse(), r.status(), r.expiresAtMs(), r.createdAtMs(), r.createdAtMs())
                .update();
        for (Line l : lines) {
            jdbc.sql("""
                    insert into centra_allocation_request_line (request_id, line_id, stock_item_id, qty)
                    values (?, ?, ?, ?)""").params(l.requestId(), l.lineId(), l.stockItemId(), l.qty()).update();
        }
    }

    Optional<Request> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from centra_allocation_request where id = ?").param(id)
                .query(AllocationRequests::row).optional();
    }

    List<Request> ofOrder(long order) {
        return jdbc.sql("select " + COLUMNS + " from centra_allocation_request where order_number = ? order by id")
                .param(order).query(AllocationRequests::row).list();
    }

    List<Request> search(String where, Map<String, Object> params, int limit, int offset) {
        return jdbc.sql("select " + COLUMNS + " from centra_allocation_request r where " + where
                        + " order by id limit :limit offset :offset")
                .params(params).param("limit", limit).param("offset", offset).query(AllocationRequests::row).list();
    }

    List<Line> lines(Collection<Long> requestIds) {
        List<Line> out = new ArrayList<>();
        Chunks.eachAscending(requestIds, slice -> out.addAll(jdbc.sql("""
                select request_id, line_id, stock_item_id, qty from centra_allocation_request_line
                where request_id in (:ids) order by request_id, line_id""").param("ids", slice)
                .query((rs, n) -> new Line(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4))).list()));
        return out;
    }

    void setStatus(long id, String status, long nowMs) {
        jdbc.sql("""
                update centra_allocation_request set request_status = ?, modified_at_ms = ?,
                       timed_out = case when ? = 'timed-out' then true else timed_out end
                where id = ?""").params(status, nowMs, status, id).update();
    }

    List<Long> ordersWithExpiredRequests(long nowMs) {
        return jdbc.sql("""
                select distinct order_number from centra_allocation_request
                where request_status in ('allocated', 'sent', 'failed') and expires_at_ms <= ? order by order_number""")
                .param(nowMs).query(Long.class).list();
    }

    private static Request row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Request(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getLong(5), rs.getLong(6));
    }
}
