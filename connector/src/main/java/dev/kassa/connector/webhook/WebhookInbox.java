package dev.kassa.connector.webhook;

import dev.kassa.connector.db.Columns;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook events Centra sent (connector_webhook_event): each stored on its own, committed before the
 * call is answered, once per distinct event (a hash of its JSON), whatever Centra repeats.
 */
@Component
public class WebhookInbox {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A stored event. */
    /** A stored event as the head office's log shows it, with what became of it. */
    public record Logged(long seq, long receivedAtMs, String type, String action, Long centraId, String state, int attempts,
                         String detail, String body) {
    }

    /** The latest {@code limit} stored events, newest first. */
    public List<Logged> latest(int limit) {
        return jdbc.sql("""
                select seq, received_at_ms, type, action, centra_id, state, attempts, detail, body from connector_webhook_event
                order by seq desc fetch first ? rows only""").param(limit)
                .query((r, n) -> new Logged(r.getLong("seq"), r.getLong("received_at_ms"), r.getString("type"), r.getString("action"),
                        r.getObject("centra_id", Long.class), r.getString("state"), r.getInt("attempts"), r.getString("detail"),
                        r.getString("body"))).list();
    }

    public record Event(long seq, String type, String action, Long centraId, JsonNode body, int attempts) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    WebhookInbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Stores the event unless it is known; true when it was new. */
    public boolean store(JsonNode event) {
        String body = JSON.writeValueAsString(event);
        String type = event.path("type").asString("");
        String action = event.path("action").asString("");
        JsonNode id = event.get("id");
        Long centraId = id != null && id.canConvertToLong() ? id.longValue() : null;
        if (id != null && id.isString() && id.asString().matches("\\d{1,18}")) {
            centraId = Long.parseLong(id.asString());
        }
        String key = sha256(body);
        if (jdbc.sql("select count(*) from connector_webhook_event where event_key = ?").param(key).query(Integer.class).single() > 0) {
            return false;
        }
        try {
            jdbc.sql("""
                    insert into connector_webhook_event (event_key, received_at_ms, type, action, centra_id, body, state)
                    values (?, ?, ?, ?, ?, ?, 'pending')""")
                    .params(key, clock.millis(), Columns.fit(type, 40), Columns.fit(action, 40), centraId, body).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false; // the same event in a call that arrived at the same moment
        }
    }

    /** The oldest pending event whose next attempt is due. */
    public Optional<Event> nextPending() {
        return jdbc.sql("""
                select seq, type, action, centra_id, body, attempts from connector_webhook_event where state = 'pending'
                order by seq fetch first 1 rows only""")
                .query((r, n) -> new Event(r.getLong("seq"), r.getString("type"), r.getString("action"),
                        r.getObject("centra_id", Long.class), JSON.readTree(r.getString("body")), r.getInt("attempts")))
                .optional();
    }

    /**
     * The processed events of a {@code type} with Centra's {@code id} (a check-first order's number, an
     * allocation request's id), oldest first: for replay after a late create.
     */
    public List<Event> processed(String type, long centraId) {
        return jdbc.sql("""
                select seq, type, action, centra_id, body, attempts from connector_webhook_event
                where type = ? and centra_id = ? and state = 'done' order by seq""").params(type, centraId)
                .query((r, n) -> new Event(r.getLong("seq"), r.getString("type"), r.getString("action"),
                        r.getObject("centra_id", Long.class), JSON.readTree(r.getString("body")), r.getInt("attempts"))).list();
    }

    public void settle(long seq, String state, String detail) {
        jdbc.sql("update connector_webhook_event set state = ?, detail = ?, processed_at_ms = ?, attempts = attempts + 1 where seq = ?")
                .params(state, detail == null ? null : Columns.fit(detail, 1000), clock.millis(), seq).update();
    }

    /** Counts an attempt that failed; after {@code max} attempts the event is failed for good. */
    public void failedAttempt(long seq, String why, int max) {
        jdbc.sql("""
                update connector_webhook_event set attempts = attempts + 1, detail = ?,
                    state = case when attempts + 1 >= ? then 'failed' else state end where seq = ?""")
                .params(Columns.fit(why, 1000), max, seq).update();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
