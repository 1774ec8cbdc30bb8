package dev.kassa.centra.sandbox.webhooks;

import dev.kassa.common.sandbox.SandboxAdminController;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code GET /sandbox/webhook-deliveries}: every attempt to deliver a webhook call, oldest first. */
@SandboxAdminController
class WebhookDeliveriesController {

    private final JdbcClient jdbc;

    WebhookDeliveriesController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/sandbox/webhook-deliveries")
    Map<String, Object> deliveries(@RequestParam(defaultValue = "0") long after,
                                   @RequestParam(defaultValue = "500") int limit) {
        List<Map<String, Object>> rows = jdbc.sql("""
                select id, webhook_position, url, event_ids, attempt, started_at_ms, duration_ms, http_status, outcome,
                       error, signature, body
                from centra_webhook_delivery where id > ? order by id limit ?""")
                .params(after, Math.max(1, Math.min(limit, 5000))).query((rs, n) -> {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("id", rs.getLong(1));
                    d.put("webhook", rs.getInt(2));
                    d.put("url", rs.getString(3));
                    d.put("eventIds", List.of(rs.getString(4).split(",")).stream().map(Long::parseLong).toList());
                    d.put("attempt", rs.getInt(5));
                    d.put("startedAt", Instant.ofEpochMilli(rs.getLong(6)).toString());
                    d.put("durationMillis", rs.getLong(7));
                    d.put("httpStatus", rs.getObject(8));
                    d.put("outcome", rs.getString(9));
                    d.put("error", rs.getString(10));
                    d.put("signature", rs.getString(11));
                    d.put("body", rs.getString(12));
                    return d;
                }).list();
        Map<String, Object> pending = new LinkedHashMap<>();
        jdbc.sql("select delivery_state, count(*) from centra_webhook_event group by delivery_state")
                .query(rs -> {
                    pending.put(rs.getString(1), rs.getLong(2));
                });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events", pending);
        out.put("deliveries", rows);
        return out;
    }
}
