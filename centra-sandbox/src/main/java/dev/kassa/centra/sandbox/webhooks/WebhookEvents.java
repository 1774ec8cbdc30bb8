package dev.kassa.centra.sandbox.webhooks;

import dev.kassa.centra.sandbox.clock.InstanceTime;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes Integration API events (§10.3, §10.5) into the outbox, inside the caller's transaction: the
 * event exists exactly when the change that caused it committed. One row per webhook instance of version
 * "integration" whose triggers include the event's type; {@link WebhookSender} delivers them.
 */
@Service
public class WebhookEvents {

    /** Event {@code date}: microseconds, no zone, in the instance's time zone (§10.6, §13.9). */
    static final DateTimeFormatter EVENT_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final InstanceTime time;

    WebhookEvents(JdbcClient jdbc, InstanceTime time) {
        this.jdbc = jdbc;
        this.time = time;
    }

    public void publish(String type, String action, long id, ObjectNode data) {
        List<Integer> subscribers = jdbc.sql("""
                select position, triggers from centra_webhook where version = 'integration' order by position""")
                .query((rs, n) -> List.of(rs.getString(2).split(",")).contains(type) ? rs.getInt(1) : null)
                .list().stream().filter(p -> p != null).toList();
        if (subscribers.isEmpty()) {
            return;
        }
        LocalDateTime local = time.localNow();
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("type", type);
        event.put("action", action);
        event.put("date", EVENT_DATE.format(local));
        event.put("id", id);
        if (data != null) {
            event.set("data", data);
        }
        String json = MAPPER.writeValueAsString(event);
        long now = time.now().toEpochMilli();
        for (int position : subscribers) {
            jdbc.sql("""
                    insert into centra_webhook_event (webhook_position, event_type, event_json, created_at_ms, due_at_ms,
                                                      delivery_state, attempts)
                    values (?, ?, ?, ?, ?, 'pending', 0)""")
                    .params(position, type, json, now, now).update();
        }
    }
}
