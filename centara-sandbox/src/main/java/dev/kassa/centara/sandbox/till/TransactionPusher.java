package dev.kassa.centara.sandbox.till;

import dev.kassa.centara.sandbox.state.CentaraDataset.TransactionTarget;
import dev.kassa.centara.sandbox.state.DatasetStore;
import dev.kassa.centara.sandbox.state.SandboxTime;
import dev.kassa.common.sandbox.BackgroundLoop;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pushes POS transactions to the configured endpoint, as Centara's post-processing plugins hand sales on:
 * per store strictly in order (the oldest pending first; a failing one holds back the ones after it), one
 * call at a time per store, retried without end after 1, 2, 4 ... 60 s by the sandbox clock. An answer
 * that refuses the document for good (400, 409, 413, 422) ends its push as {@code refused}. Only the
 * database says what is pending, so a restart loses nothing; delivery is at least once, with a stable
 * TransactionId for the receiver to de-duplicate on.
 */
@Component
public class TransactionPusher implements SmartLifecycle {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long MAX_BACKOFF_MS = 60_000;
    /** Answers that refuse the document for good (docs/pos-transactions.md): not sent again. */
    static final java.util.Set<Integer> PERMANENT = java.util.Set.of(400, 409, 413, 422);

    record Pending(String id, int storeId, String document, int attempts, long nextAtMs) {
    }

    record Push(TransactionTarget target, Pending pending) {
    }

    private final JdbcClient jdbc;
    private final DatasetStore dataset;
    private final SandboxTime time;
    private final long pollMillis;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final BackgroundLoop loop = new BackgroundLoop();

    TransactionPusher(JdbcClient jdbc, DatasetStore dataset, SandboxTime time,
                      @Value("${kassa.sandbox.push.poll-millis:200}") long pollMillis) {
        this.jdbc = jdbc;
        this.dataset = dataset;
        this.time = time;
        this.pollMillis = pollMillis;
    }

    /** Starts pushing for every store whose oldest pending transaction is due and that has no push under way. */
    public void pushDue() {
        if (dataset.transactionTarget() == null) {
            return;
        }
        List<Integer> stores = jdbc.sql("select distinct store_id from centara_pos_transaction where push_state = 'pending'")
                .query(Integer.class).list();
        for (int store : stores) {
            // The target is read with each transaction, so a push that outlives a state change uses the new one.
            loop.drain("store " + store, () -> due(store).flatMap(p -> Optional.ofNullable(dataset.transactionTarget())
                    .map(target -> new Push(target, p))), push -> push(push.target(), push.pending()));
        }
    }

    /** The store's oldest pending transaction, if its time has come. */
    private Optional<Pending> due(int store) {
        return jdbc.sql("""
                select transaction_id, store_id, document, push_attempts, next_push_at_ms from centara_pos_transaction
                where store_id = ? and push_state = 'pending' order by seq fetch first 1 rows only""")
                .param(store)
                .query((rs, n) -> new Pending(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getLong(5)))
                .optional().filter(p -> p.nextAtMs() <= time.nowMillis());
    }

    private void push(TransactionTarget target, Pending p) {
        Map<String, String> headers = new LinkedHashMap<>(target.headers());
        jdbc.sql("select transaction_headers from centara_store where store_id = ?").param(p.storeId()).query(String.class)
                .optional().ifPresent(h -> headers.putAll(JSON.readValue(h, new TypeReference<Map<String, String>>() { })));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url())).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(p.document()));
        headers.forEach(request::header);
        String error;
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 == 2) {
                jdbc.sql("""
                        update centara_pos_transaction set push_state = 'delivered', push_attempts = ?, delivered_at_ms = ?,
                            last_push_error = null where transaction_id = ?""")
                        .params(p.attempts() + 1, time.nowMillis(), p.id()).update();
                return;
            }
            error = "HTTP " + r.statusCode() + (r.body().isBlank() ? "" : ": " + abbreviate(r.body()));
            if (PERMANENT.contains(r.statusCode())) {
                // the receiver says the document itself is wrong: sending it again cannot help, and it must not
                // hold back the store's later sales
                jdbc.sql("""
                        update centara_pos_transaction set push_state = 'refused', push_attempts = ?, last_push_error = ?
                        where transaction_id = ?""")
                        .params(p.attempts() + 1, abbreviate(error), p.id()).update();
                return;
            }
        } catch (java.io.IOException e) {
            error = String.valueOf(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        int attempts = p.attempts() + 1;
        long backoff = Math.min(MAX_BACKOFF_MS, 1000L << Math.min(attempts - 1, 16));
        jdbc.sql("""
                update centara_pos_transaction set push_attempts = ?, next_push_at_ms = ?, last_push_error = ?
                where transaction_id = ?""")
                .params(attempts, time.nowMillis() + backoff, abbreviate(error), p.id()).update();
    }

    private static String abbreviate(String s) {
        return s.length() <= 1900 ? s : s.substring(0, 1900) + "…";
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        loop.start("centara-transaction-push", pollMillis, this::pushDue);
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
