package dev.kassa.centara.sandbox.orders;

import dev.kassa.centara.sandbox.state.SandboxTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the store does with an external order at the till (spec B.6): ready for pickup, closed (collected
 * or shipped), deleted; and the automatic deletion of orders still open seven days after DueAt. Each
 * change locks the order's row, so a store action and the automatic deletion cannot both win.
 */
@Service
public class StoreActions {

    public enum Action {
        READY, CLOSE, DELETE;

        /** {@code ready}, {@code close} or {@code delete}; empty for anything else. */
        public static Optional<Action> of(String name) {
            return switch (name) {
                case "ready" -> Optional.of(READY);
                case "close" -> Optional.of(CLOSE);
                case "delete" -> Optional.of(DELETE);
                default -> Optional.empty();
            };
        }
    }

    /** The outcome: the order's status after the action, or why it was refused. */
    public record Outcome(Optional<ExternalOrders.Row> order, String refusal) {
    }

    private final JdbcClient jdbc;
    private final ExternalOrders orders;
    private final SandboxTime time;

    StoreActions(JdbcClient jdbc, ExternalOrders orders, SandboxTime time) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.time = time;
    }

    @Transactional
    public Outcome act(String orderId, Action action) {
        Optional<Integer> locked = jdbc.sql("select status from centara_order where order_id = ? for update")
                .param(orderId).query(Integer.class).optional();
        if (locked.isEmpty()) {
            return new Outcome(Optional.empty(), "no order has OrderId " + orderId);
        }
        int status = locked.get();
        ExternalOrders.Row row = orders.byId(orderId).orElseThrow();
        if (!OrderStatus.isOpen(status)) {
            return new Outcome(Optional.of(row), "the order is " + describe(status) + "; only open orders can be changed");
        }
        int to = switch (action) {
            case READY -> OrderStatus.ready(row.paid(), row.due());
            case CLOSE -> OrderStatus.CLOSED;
            case DELETE -> OrderStatus.DELETED;
        };
        if (action == Action.READY && OrderStatus.isReady(status)) {
            return new Outcome(Optional.of(row), "the order is already ready for pickup");
        }
        change(orderId, action.name().toLowerCase(), status, to);
        return new Outcome(orders.byId(orderId), null);
    }

    /** Open orders whose time ran out become "deleted (automatically)"; returns how many. */
    @Transactional
    public int autoDeleteDue() {
        long now = time.nowMillis();
        List<String> due = jdbc.sql("""
                select order_id from centara_order where status in (1, 2, 3, 6, 7, 8) and auto_delete_at_ms <= ?
                order by order_id for update""").param(now).query(String.class).list();
        for (String id : due) {
            int status = jdbc.sql("select status from centara_order where order_id = ?").param(id).query(Integer.class).single();
            change(id, "auto-delete", status, OrderStatus.DELETED_AUTOMATICALLY);
        }
        return due.size();
    }

    private void change(String orderId, String action, int from, int to) {
        long now = time.nowMillis();
        jdbc.sql("update centara_order set status = ?, flags = ?, modified_at_ms = ? where order_id = ?")
                .params(to, OrderStatus.flags(to), now, orderId).update();
        orders.history(orderId, action, from, to, now);
    }

    static String describe(int status) {
        return switch (status) {
            case OrderStatus.CLOSED -> "closed";
            case OrderStatus.DELETED -> "deleted";
            case OrderStatus.DELETED_AUTOMATICALLY -> "deleted (automatically)";
            default -> "in status " + status;
        };
    }
}
