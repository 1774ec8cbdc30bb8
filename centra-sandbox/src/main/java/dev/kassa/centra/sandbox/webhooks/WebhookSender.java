package dev.kassa.centra.sandbox.webhooks;

import dev.kassa.centra.sandbox.clock.InstanceTime;
import dev.kassa.centra.sandbox.faults.Faults;
import dev.kassa.centra.sandbox.faults.Faults.WebhookFault;
import dev.kassa.common.sandbox.BackgroundLoop;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers the outbox (§10.2): per webhook instance one call at a time with up to {@code maxEvents}
 * events, form-encoded {@code payload}, signed when a secret is set; any 2xx within the timeout is
 * success. A failed call is retried {@code retries} times, after 1 s, 2 s, 4 s by the sandbox clock, then
 * its events are marked failed. Every attempt is logged for {@code GET /sandbox/webhook-deliveries}.
 * Injected faults (drop, duplicate, reorder, delay) apply here.
 */
@Component
public class WebhookSender implements SmartLifecycle {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    record Hook(int position, String url, String secret, int retries, int timeoutSeconds, int maxEvents) {
    }

    record Pending(long id, String type, String json, int attempts) {
    }

    record Call(Hook hook, List<Pending> events) {
    }

    private final JdbcClient jdbc;
    private final InstanceTime time;
    private final Faults faults;
    private final long pollMillis;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final Random random = new Random();
    private final BackgroundLoop loop = new BackgroundLoop();

    WebhookSender(JdbcClient jdbc, InstanceTime time, Faults faults,
                  @Value("${kassa.sandbox.webhooks.poll-millis:100}") long pollMillis) {
        this.jdbc = jdbc;
        this.time = time;
        this.faults = faults;
        this.pollMillis = pollMillis;
    }

    /**
     * Starts delivering to each webhook instance that has due events and no delivery under way; a delivery
     * goes on call after call while events are due (a failed call's events wait for their retry time).
     */
    public void sendDue() {
        for (int position : jdbc.sql("select position from centra_webhook where version = 'integration' order by position")
                .query(Integer.class).list()) {
            loop.drain("webhook " + position, () -> nextCall(position), call -> deliver(call.hook(), call.events()));
        }
    }

    /**
     * The webhook's settings as they are now, read with its due events: a drain that outlives a state
     * change sends the new state's events to the new URL, never to the old one.
     */
    private Optional<Call> nextCall(int position) {
        return jdbc.sql("""
                select position, url, secret, retries, timeout_seconds, max_events from centra_webhook
                where version = 'integration' and position = ?""").param(position)
                .query((rs, n) -> new Hook(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                        rs.getInt(6))).optional()
                .map(h -> new Call(h, due(h))).filter(c -> !c.events().isEmpty());
    }

    private List<Pending> due(Hook h) {
        WebhookFault fault = faults.forWebhook(h.position()).orElse(null);
        long now = time.now().toEpochMilli();
        long delay = fault == null ? 0 : fault.delaySeconds() * 1000;
        boolean reorder = fault != null && fault.reorder();
        List<Pending> due = new ArrayList<>(jdbc.sql("""
                select id, event_type, event_json, attempts from centra_webhook_event
                where webhook_position = ? and delivery_state = 'pending' and due_at_ms <= ? and created_at_ms <= ?
                order by id""" + (reorder ? " desc" : "") + " limit ?")
                .params(h.position(), now, now - delay, h.maxEvents())
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4))).list());
        if (reorder) {
            Collections.shuffle(due, random);
        }
        return due;
    }

    private void deliver(Hook h, List<Pending> events) {
        WebhookFault fault = faults.forWebhook(h.position()).orElse(null);
        String json = events.stream().map(Pending::json).collect(Collectors.joining(",", "{\"events\":[", "]}"));
        String body = WebhookSignature.body(json);
        String ids = events.stream().map(e -> Long.toString(e.id())).collect(Collectors.joining(","));
        int attempt = events.stream().mapToInt(Pending::attempts).max().orElse(0) + 1;
        if (fault != null && random.nextDouble() < fault.drop()) {
            record(h, ids, attempt, time.now().toEpochMilli(), 0, null, "dropped", "dropped by an injected fault",
                    null, body);
            mark(events, "dropped", attempt, 0);
            return;
        }
        boolean ok = call(h, ids, attempt, body);
        if (fault != null && random.nextDouble() < fault.duplicate()) {
            ok |= call(h, ids, attempt, body);
        }
        if (ok) {
            mark(events, "delivered", attempt, 0);
        } else if (attempt > h.retries()) {
            mark(events, "failed", attempt, 0);
            // A request whose webhook never arrived is "failed": still listed and answerable through the API (§9).
            for (Pending e : events) {
                JsonNode event = MAPPER.readTree(e.json());
                if ("allocation_request".equals(e.type()) && "create".equals(event.path("action").asString())) {
                    long request = event.path("id").asLong();
                    jdbc.sql("""
                            update centra_allocation_request set request_status = 'failed'
                            where id = ? and request_status in ('allocated', 'sent')""").param(request).update();
                }
            }
        } else {
            mark(events, "pending", attempt, 1000L << (attempt - 1));
        }
    }

    private boolean call(Hook h, String ids, int attempt, String body) {
        long started = time.now().toEpochMilli();
        long t0 = System.nanoTime();
        String signature = h.secret() == null ? null
                : WebhookSignature.header(h.secret(), Math.floorDiv(started, 1000), body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(h.url()))
                .timeout(Duration.ofSeconds(h.timeoutSeconds()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "*/*")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header(WebhookSignature.HEADER, signature);
        }
        try {
            HttpResponse<Void> r = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            boolean ok = r.statusCode() / 100 == 2;
            record(h, ids, attempt, started, elapsed(t0), r.statusCode(), ok ? "delivered" : "failed",
                    ok ? null : "HTTP " + r.statusCode(), signature, body);
            return ok;
        } catch (HttpTimeoutException e) {
            record(h, ids, attempt, started, elapsed(t0), null, "timeout",
                    "no answer within " + h.timeoutSeconds() + " s", signature, body);
        } catch (IOException e) {
            record(h, ids, attempt, started, elapsed(t0), null, "failed", String.valueOf(e), signature, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            record(h, ids, attempt, started, elapsed(t0), null, "failed", "interrupted", signature, body);
        }
        return false;
    }

    private static long elapsed(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private void mark(List<Pending> events, String state, int attempts, long retryInMs) {
        long due = time.now().toEpochMilli() + retryInMs;
        for (Pending e : events) {
            jdbc.sql("update centra_webhook_event set delivery_state = ?, attempts = ?, due_at_ms = ? where id = ?")
                    .params(state, attempts, due, e.id()).update();
        }
    }

    private void record(Hook h, String ids, int attempt, long startedMs, long durationMs, Integer status,
                        String outcome, String error, String signature, String body) {
        jdbc.sql("""
                insert into centra_webhook_delivery (webhook_position, url, event_ids, attempt, started_at_ms,
                    duration_ms, http_status, outcome, error, signature, body)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(h.position(), h.url(), ids.length() > 4000 ? ids.substring(0, 3999) : ids, attempt, startedMs,
                        durationMs, status, outcome, error == null || error.length() < 2000 ? error
                                : error.substring(0, 1999), signature, body)
                .update();
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        loop.start("sandbox-webhooks", pollMillis, this::sendDue);
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
