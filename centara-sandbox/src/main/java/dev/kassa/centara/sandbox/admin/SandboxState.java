package dev.kassa.centara.sandbox.admin;

import dev.kassa.centara.sandbox.orders.ApiAuth;
import dev.kassa.centara.sandbox.state.CentaraDataset;
import dev.kassa.centara.sandbox.state.DatasetStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Replaces and exports the whole sandbox state (spec/sandbox-admin.md), activity included on export. */
@Service
public class SandboxState {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DatasetStore store;
    private final ApiAuth auth;
    private final JdbcClient jdbc;

    SandboxState(DatasetStore store, ApiAuth auth, JdbcClient jdbc) {
        this.store = store;
        this.auth = auth;
        this.jdbc = jdbc;
    }

    public void replace(CentaraDataset dataset) {
        try {
            store.replace(dataset);
        } finally {
            auth.reload();
        }
    }

    /** The dataset plus {@code activity}: orders (with history) and POS transactions (with push state). */
    @Transactional(readOnly = true)
    public CentaraDataset export() {
        ObjectNode activity = JsonNodeFactory.instance.objectNode();
        var orders = activity.putArray("orders");
        jdbc.sql("""
                select order_id, reference_number, store_id, status, flags, paid, due, document, due_at_ms,
                       auto_delete_at_ms, received_at_ms from centara_order order by received_at_ms, order_id""")
                .query((rs, n) -> {
                    ObjectNode o = orders.addObject();
                    o.put("orderId", rs.getString(1));
                    o.put("referenceNumber", rs.getString(2));
                    o.put("storeId", rs.getInt(3));
                    o.put("status", rs.getInt(4));
                    o.put("flags", rs.getInt(5));
                    o.put("paid", rs.getBigDecimal(6).stripTrailingZeros());
                    o.put("due", rs.getBigDecimal(7).stripTrailingZeros());
                    o.set("order", JSON.readTree(rs.getString(8)));
                    o.put("dueAtMs", rs.getObject(9) == null ? null : rs.getLong(9));
                    o.put("autoDeleteAtMs", rs.getLong(10));
                    o.put("receivedAtMs", rs.getLong(11));
                    return o;
                }).list();
        var history = activity.putArray("orderHistory");
        jdbc.sql("select order_id, at_ms, action, from_status, to_status from centara_order_history order by id")
                .query((rs, n) -> history.addObject().put("orderId", rs.getString(1)).put("atMs", rs.getLong(2))
                        .put("action", rs.getString(3)).put("from", (Integer) rs.getObject(4, Integer.class))
                        .put("to", rs.getInt(5)))
                .list();
        var transactions = activity.putArray("transactions");
        jdbc.sql("""
                select transaction_id, store_id, kind, document, push_state, push_attempts, last_push_error
                from centara_pos_transaction order by seq""")
                .query((rs, n) -> transactions.addObject().put("transactionId", rs.getString(1))
                        .put("storeId", rs.getInt(2)).put("kind", rs.getString(3)).put("pushState", rs.getString(5))
                        .put("pushAttempts", rs.getInt(6)).put("lastPushError", rs.getString(7))
                        .set("transaction", JSON.readTree(rs.getString(4))))
                .list();
        return store.export().withActivity(activity);
    }
}
