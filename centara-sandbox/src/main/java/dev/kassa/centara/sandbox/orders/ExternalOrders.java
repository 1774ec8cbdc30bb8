package dev.kassa.centara.sandbox.orders;

import dev.kassa.centara.sandbox.state.SandboxTime;
import dev.kassa.common.sandbox.FieldError;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * External orders: created from a posted Order after it passed every check, found by OrderId or
 * ReferenceNumber, and given back in Centara's shape with status, flags and info-code descriptions.
 */
@Service
public class ExternalOrders {

    /** Open orders are deleted automatically this long after DueAt, or after Created without a DueAt (B.6). */
    public static final Duration AUTO_DELETE_AFTER = Duration.ofDays(7);
    private static final int LOCK_SLOTS = 64;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The posted order had problems; nothing was written. */
    public static final class Rejected extends RuntimeException {
        private final List<FieldError> errors;

        Rejected(List<FieldError> errors) {
            super("the order has " + errors.size() + " problem(s)", null, false, false);
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /** The ReferenceNumber is already used by {@code orderId} (B.5). */
    public static final class DuplicateReference extends RuntimeException {
        private final String orderId;

        DuplicateReference(String orderId) {
            super("reference in use", null, false, false);
            this.orderId = orderId;
        }

        public String orderId() {
            return orderId;
        }
    }

    /** A stored order's row. */
    public record Row(String orderId, String reference, int storeId, int status, int flags, BigDecimal paid,
                      BigDecimal due, String document, long receivedAtMs) {
    }

    private final JdbcClient jdbc;
    private final Registry registry;
    private final SandboxTime time;

    ExternalOrders(JdbcClient jdbc, Registry registry, SandboxTime time) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.time = time;
    }

    /**
     * Checks and stores an order; returns its new OrderId. An order with a ReferenceNumber first takes the
     * lock of that reference's slot, so concurrent posts of one reference see each other (B.5).
     */
    @Transactional
    public String create(JsonNode body) {
        OrderReader.Result r = OrderReader.read(body, registry);
        if (!r.errors().isEmpty()) {
            throw new Rejected(r.errors());
        }
        if (r.reference() != null) {
            jdbc.sql("select slot from centara_reference_lock where slot = ? for update")
                    .param(Math.floorMod(r.reference().hashCode(), LOCK_SLOTS)).query(Integer.class).single();
            jdbc.sql("select order_id from centara_order where reference_number = ?").param(r.reference())
                    .query(String.class).optional().ifPresent(id -> {
                        throw new DuplicateReference(id);
                    });
        }
        String orderId = UUID.randomUUID().toString();
        int status = OrderStatus.active(r.paid(), r.due());
        long now = time.nowMillis();
        Long dueAt = r.dueAt() == null ? null : r.dueAt().toInstant().toEpochMilli();
        long autoDelete = (dueAt != null ? dueAt : r.created().toInstant().toEpochMilli()) + AUTO_DELETE_AFTER.toMillis();
        jdbc.sql("""
                insert into centara_order (order_id, reference_number, store_id, status, flags, paid, due, document,
                                           due_at_ms, auto_delete_at_ms, received_at_ms, modified_at_ms)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(orderId, r.reference(), r.storeId(), status, OrderStatus.flags(status), r.paid(), r.due(),
                        JSON.writeValueAsString(r.order()), dueAt, autoDelete, now, now)
                .update();
        history(orderId, "created", null, status, now);
        return orderId;
    }

    /** By OrderId first (when the key is a guid), then by ReferenceNumber (B.5). */
    @Transactional(readOnly = true)
    public Optional<Row> find(String key) {
        Optional<Row> byId = Optional.empty();
        try {
            byId = byId(UUID.fromString(key).toString());
        } catch (IllegalArgumentException e) {
            // not a guid: a reference
        }
        return byId.isPresent() ? byId : query("reference_number = ?", key).stream().findFirst();
    }

    public Optional<Row> byId(String orderId) {
        return query("order_id = ?", orderId).stream().findFirst();
    }

    public List<Row> ofStore(int storeId, boolean openOnly) {
        return query("store_id = ?" + (openOnly ? " and status in (1, 2, 3, 6, 7, 8)" : "") + " order by received_at_ms",
                storeId);
    }

    private List<Row> query(String where, Object param) {
        return jdbc.sql("""
                select order_id, reference_number, store_id, status, flags, paid, due, document, received_at_ms
                from centara_order where """ + " " + where).param(param)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getString(8), rs.getLong(9)))
                .list();
    }

    /** The order as GET answers it: OrderId first, Status and Flags as they are now, info codes described. */
    public ObjectNode json(Row row) {
        ObjectNode stored = (ObjectNode) JSON.readTree(row.document());
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("OrderId", row.orderId());
        stored.properties().forEach(e -> {
            out.set(e.getKey(), e.getValue());
            if (e.getKey().equals("Notes")) {
                out.put("Status", row.status());
                out.put("Flags", row.flags());
            }
        });
        List<ObjectNode> codes = new java.util.ArrayList<>();
        collectInfoCodes(out.get("InfoCodes"), codes);
        out.path("Payments").forEach(p -> collectInfoCodes(p.get("InfoCodes"), codes));
        var descriptions = registry.infoCodes(codes.stream().map(c -> c.path("Id").asString()).toList());
        for (ObjectNode c : codes) {
            ObjectNode described = JsonNodeFactory.instance.objectNode();
            described.set("Id", c.get("Id"));
            described.set("Value", c.get("Value"));
            described.put("Description", descriptions.get(c.path("Id").asString()));
            described.set("AddedBy", c.get("AddedBy"));
            described.set("AddedTimestamp", c.get("AddedTimestamp"));
            c.removeAll();
            c.setAll(described);
        }
        return out;
    }

    private static void collectInfoCodes(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ArrayNode a) {
            a.forEach(c -> into.add((ObjectNode) c));
        }
    }

    void history(String orderId, String action, Integer from, int to, long atMs) {
        jdbc.sql("insert into centara_order_history (order_id, at_ms, action, from_status, to_status) values (?, ?, ?, ?, ?)")
                .params(orderId, atMs, action, from, to).update();
    }
}
