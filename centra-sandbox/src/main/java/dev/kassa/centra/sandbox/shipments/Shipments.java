package dev.kassa.centra.sandbox.shipments;

import dev.kassa.common.db.Chunks;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The shipment tables. Callers hold the order's row lock ({@code Orders.lock}) before changing a shipment. */
@Repository
class Shipments {

    private static final String COLUMNS = """
            shipment_id, order_number, shipment_seq, gtg, paid, shipped, completed, carrier, service, tracking,
            return_slip_tracking, packages, internal_comment, shipped_at, created_at""";

    private final JdbcClient jdbc;

    Shipments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ShipmentRow> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from centra_shipment where shipment_id = ?").param(id)
                .query(Shipments::row).optional();
    }

    List<ShipmentRow> page(String where, Map<String, Object> params, int limit, int offset) {
        return jdbc.sql("select " + COLUMNS + " from centra_shipment s where " + where
                        + " order by created_at, order_number, shipment_seq limit :limit offset :offset")
                .params(params).param("limit", limit).param("offset", offset).query(Shipments::row).list();
    }

    int nextSeq(long order) {
        return jdbc.sql("select coalesce(max(shipment_seq), 0) + 1 from centra_shipment where order_number = ?")
                .param(order).query(Integer.class).single();
    }

    void insert(ShipmentRow s, LocalDateTime now) {
        jdbc.sql("insert into centra_shipment (" + COLUMNS + ", modified_at) values "
                        + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(s.id(), s.orderNumber(), s.seq(), s.gtg(), s.paid(), s.shipped(), s.completed(), s.carrier(),
                        s.service(), s.tracking(), s.returnSlipTracking(), s.packages(), s.internalComment(),
                        s.shippedAt(), now, now)
                .update();
    }

    void update(ShipmentRow s, LocalDateTime now) {
        jdbc.sql("""
                update centra_shipment set gtg = ?, paid = ?, shipped = ?, completed = ?, carrier = ?, service = ?,
                       tracking = ?, return_slip_tracking = ?, packages = ?, internal_comment = ?, shipped_at = ?,
                       modified_at = ?
                where shipment_id = ?""")
                .params(s.gtg(), s.paid(), s.shipped(), s.completed(), s.carrier(), s.service(), s.tracking(),
                        s.returnSlipTracking(), s.packages(), s.internalComment(), s.shippedAt(), now, s.id())
                .update();
    }

    void delete(String id) {
        jdbc.sql("delete from centra_shipment_line where shipment_id = ?").param(id).update();
        jdbc.sql("delete from centra_shipment where shipment_id = ?").param(id).update();
    }

    void insertLines(List<ShipmentLine> lines) {
        for (ShipmentLine l : lines) {
            jdbc.sql("""
                    insert into centra_shipment_line (shipment_id, line_id, warehouse_id, qty, serial_number)
                    values (?, ?, ?, ?, ?)""")
                    .params(l.shipmentId(), l.lineId(), l.warehouseId(), l.qty(), l.serialNumber()).update();
        }
    }

    void deleteLines(String shipmentId, long lineId) {
        jdbc.sql("delete from centra_shipment_line where shipment_id = ? and line_id = ?").params(shipmentId, lineId)
                .update();
    }

    void setSerialNumber(String shipmentId, long lineId, String serial) {
        jdbc.sql("update centra_shipment_line set serial_number = ? where shipment_id = ? and line_id = ?")
                .params(serial, shipmentId, lineId).update();
    }

    List<ShipmentLine> lines(Collection<String> shipmentIds) {
        List<ShipmentLine> out = new ArrayList<>();
        Chunks.each(new ArrayList<>(shipmentIds), slice -> out.addAll(jdbc.sql("""
                select shipment_id, line_id, warehouse_id, qty, serial_number from centra_shipment_line
                where shipment_id in (:ids) order by shipment_id, line_id, warehouse_id""").param("ids", slice)
                .query((rs, n) -> new ShipmentLine(rs.getString(1), rs.getLong(2),
                        rs.getObject(3) == null ? null : rs.getLong(3), rs.getInt(4), rs.getString(5)))
                .list()));
        return out;
    }

    /** Items per (line, warehouse) that shipments of the order not yet completed have claimed. */
    Map<String, Integer> openClaims(long order) {
        Map<String, Integer> out = new HashMap<>();
        jdbc.sql("""
                select sl.line_id, sl.warehouse_id, sum(sl.qty) from centra_shipment_line sl
                join centra_shipment s on s.shipment_id = sl.shipment_id
                where s.order_number = ? and not s.completed group by sl.line_id, sl.warehouse_id""")
                .param(order).query(rs -> {
                    out.put(rs.getLong(1) + "/" + rs.getObject(2), rs.getInt(3));
                });
        return out;
    }

    boolean anyFor(long order) {
        return jdbc.sql("select count(*) from centra_shipment where order_number = ?").param(order)
                .query(Integer.class).single() > 0;
    }

    private static ShipmentRow row(ResultSet rs, int n) throws SQLException {
        return new ShipmentRow(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getBoolean(4), rs.getBoolean(5),
                rs.getBoolean(6), rs.getBoolean(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getInt(12), rs.getString(13), local(rs.getTimestamp(14)),
                local(rs.getTimestamp(15)));
    }

    private static LocalDateTime local(Timestamp t) {
        return t == null ? null : t.toLocalDateTime();
    }
}
