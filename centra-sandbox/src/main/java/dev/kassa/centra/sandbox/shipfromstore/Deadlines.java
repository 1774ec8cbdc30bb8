package dev.kassa.centra.sandbox.shipfromstore;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs what is due by the sandbox clock: check-first offers and allocation requests past their deadline.
 * The deadlines are rows in the database, so they survive a restart; this only looks for them, every
 * {@code kassa.sandbox.deadlines.poll-millis} and at once when the admin API moves the clock.
 */
@Component
public class Deadlines implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Deadlines.class);

    private final CheckFirst checkFirst;
    private final AllocationRequestAnswers allocationRequests;
    private final long pollMillis;
    private ScheduledExecutorService executor;

    Deadlines(CheckFirst checkFirst, AllocationRequestAnswers allocationRequests,
              @Value("${kassa.sandbox.deadlines.poll-millis:500}") long pollMillis) {
        this.checkFirst = checkFirst;
        this.allocationRequests = allocationRequests;
        this.pollMillis = pollMillis;
    }

    /** Handles everything due now; one order per transaction so that one failure does not hold up the rest. */
    public synchronized void runDue() {
        for (long order : checkFirst.ordersDue()) {
            checkFirst.expire(order);
        }
        for (long order : allocationRequests.ordersDue()) {
            allocationRequests.expire(order);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sandbox-deadlines");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                runDue();
            } catch (RuntimeException e) {
                log.warn("running due deadlines failed; will try again", e);
            }
        }, 0, pollMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null && !executor.isShutdown();
    }
}
