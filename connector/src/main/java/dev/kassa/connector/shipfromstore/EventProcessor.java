package dev.kassa.connector.shipfromstore;

import dev.kassa.connector.config.ConnectorConfig;
import dev.kassa.connector.db.RowLock;
import dev.kassa.connector.jobs.Jobs;
import dev.kassa.connector.webhook.WebhookInbox;
import dev.kassa.connector.webhook.WebhookProcessor;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Works through the stored webhook events in the order they arrived, one processor across threads and
 * nodes (the lock {@code webhooks}); then, once for the batch, lets the offers' worker act at once. The job
 * {@code webhook-events} does it every {@code kassa.connector.ship-from-store.poll-millis}, and at once
 * when a webhook arrives.
 */
@Component
public class EventProcessor implements WebhookProcessor {

    private static final Logger log = LoggerFactory.getLogger(EventProcessor.class);
    private static final String LOCK = "webhooks";
    private static final int MAX_ATTEMPTS = 5;

    private final WebhookInbox inbox;
    private final OfferEvents events;
    private final RowLock locks;
    private final ShipFromStore worker;
    private final Jobs.Recurring job;

    EventProcessor(ConnectorConfig config, WebhookInbox inbox, OfferEvents events, RowLock locks, ShipFromStore worker, Jobs jobs) {
        this.inbox = inbox;
        this.events = events;
        this.locks = locks;
        this.worker = worker;
        locks.ensure(LOCK);
        this.job = jobs.every("webhook-events", Duration.ofMillis(config.shipFromStore().pollMillis()), () -> {
            boolean any = false;
            while (processNext()) {
                any = true;
            }
            if (any) {
                worker.nudge(); // once for the batch: each nudge reads which offers are due
            }
        });
    }

    @Override
    public void nudge() {
        job.now();
    }

    /**
     * Processes every pending event now, waiting while another thread is at it (tests call it to act
     * without waiting for the loop).
     */
    public void processAll() {
        boolean any = false;
        for (int i = 0; i < 10_000 && inbox.nextPending().isPresent(); i++) {
            if (processNext()) {
                any = true;
            } else {
                try {
                    Thread.sleep(5); // another thread holds the processor's lock
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (any) {
            worker.nudge();
        }
    }

    private boolean processNext() {
        boolean[] did = {false};
        locks.tryWith(LOCK, () -> {
            Optional<WebhookInbox.Event> next = inbox.nextPending();
            if (next.isEmpty()) {
                return;
            }
            did[0] = true;
            WebhookInbox.Event e = next.get();
            try {
                OfferEvents.Outcome outcome = events.apply(e);
                inbox.settle(e.seq(), outcome == OfferEvents.Outcome.DONE ? "done" : "ignored", null);
            } catch (RuntimeException ex) {
                log.warn("webhook event {} ({} {}) could not be applied: {}", e.seq(), e.type(), e.action(), ex.getMessage());
                inbox.failedAttempt(e.seq(), ex.getMessage() == null ? ex.toString() : ex.getMessage(), MAX_ATTEMPTS);
            }
        });
        return did[0];
    }
}
