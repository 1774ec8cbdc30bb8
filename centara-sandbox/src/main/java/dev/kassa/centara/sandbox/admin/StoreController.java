package dev.kassa.centara.sandbox.admin;

import dev.kassa.centara.sandbox.orders.ExternalOrders;
import dev.kassa.centara.sandbox.orders.StoreActions;
import dev.kassa.centara.sandbox.till.Till;
import dev.kassa.common.sandbox.AdminJson;
import dev.kassa.common.sandbox.SandboxAdminController;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The store side that Centara's API does not show (spec/sandbox-admin.md): store actions on external
 * orders, selling and counting at the till, and the transaction log with its push state.
 */
@SandboxAdminController
class StoreController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StoreActions actions;
    private final ExternalOrders orders;
    private final Till till;
    private final JdbcClient jdbc;

    StoreController(StoreActions actions, ExternalOrders orders, Till till, JdbcClient jdbc) {
        this.actions = actions;
        this.orders = orders;
        this.till = till;
        this.jdbc = jdbc;
    }

    @PostMapping("/sandbox/orders/{orderId}/{action}")
    ResponseEntity<?> act(@PathVariable String orderId, @PathVariable String action) {
        StoreActions.Action a = StoreActions.Action.of(action).orElse(null);
        if (a == null) {
            return problem(HttpStatus.NOT_FOUND, "no store action '" + action + "'; the actions are ready, close and delete");
        }
        StoreActions.Outcome outcome = actions.act(orderId, a);
        if (outcome.order().isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, outcome.refusal());
        }
        if (outcome.refusal() != null) {
            return problem(HttpStatus.CONFLICT, outcome.refusal());
        }
        return ResponseEntity.ok(orders.json(outcome.order().get()));
    }

    /** A store's orders, open ones unless {@code all=true}, oldest first. */
    @GetMapping("/sandbox/stores/{storeId}/orders")
    List<ObjectNode> storeOrders(@PathVariable int storeId, @RequestParam(defaultValue = "false") boolean all) {
        return orders.ofStore(storeId, !all).stream().map(orders::json).toList();
    }

    @PostMapping(path = "/sandbox/stores/{storeId}/sales", consumes = MediaType.ALL_VALUE)
    ResponseEntity<ObjectNode> sell(@PathVariable int storeId, @RequestBody(required = false) byte[] body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(till.sell(storeId, AdminJson.read(body, Till.Sale.class)));
    }

    @PostMapping(path = "/sandbox/stores/{storeId}/counts", consumes = MediaType.ALL_VALUE)
    ResponseEntity<ObjectNode> count(@PathVariable int storeId, @RequestBody(required = false) byte[] body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(till.count(storeId, AdminJson.read(body, Till.Count.class)));
    }

    /** The transaction log, oldest first, with each transaction's push state. */
    @GetMapping("/sandbox/transactions")
    ObjectNode transactions(@RequestParam(required = false) Integer store, @RequestParam(defaultValue = "0") long after,
                            @RequestParam(defaultValue = "500") int limit) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode list = out.putArray("transactions");
        jdbc.sql("select seq, document, push_state, push_attempts, last_push_error, delivered_at_ms"
                        + " from centara_pos_transaction where seq > ?" + (store == null ? "" : " and store_id = " + store)
                        + " order by seq fetch first ? rows only")
                .params(after, Math.max(1, Math.min(limit, 5000)))
                .query((rs, n) -> {
                    ObjectNode t = list.addObject();
                    t.put("seq", rs.getLong(1));
                    t.set("transaction", JSON.readTree(rs.getString(2)));
                    t.put("pushState", rs.getString(3));
                    t.put("pushAttempts", rs.getInt(4));
                    t.put("lastPushError", rs.getString(5));
                    t.put("deliveredAtMs", (Long) rs.getObject(6, Long.class));
                    return t;
                }).list();
        return out;
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
