package dev.kassa.connector.stock;

import dev.kassa.common.sandbox.BackgroundLoop;
import dev.kassa.connector.config.ConnectorConfig;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Drives the stock writer: every {@code kassa.connector.stock.poll-millis} it finds the stores with work
 * and runs one cycle for each, the longest waiting first, at most {@code workers} stores at once (each
 * cycle holds a database connection for its lock and uses another for its writes). Reconciliation runs
 * every {@code reconcile-millis}.
 */
@Component
class StockSchedule implements SmartLifecycle {

    private final ConnectorConfig config;
    private final StockWriter writer;
    private final Reconciliation reconciliation;
    private final BackgroundLoop loop = new BackgroundLoop();
    private final BackgroundLoop reconcileLoop = new BackgroundLoop();
    private final Semaphore workers;

    StockSchedule(ConnectorConfig config, StockWriter writer, Reconciliation reconciliation) {
        this.config = config;
        this.writer = writer;
        this.reconciliation = reconciliation;
        this.workers = new Semaphore(config.stock().workers(), true);
    }

    @Override
    public void start() {
        loop.start("stock-writer", config.stock().pollMillis(), () -> {
            // One cycle per store per round, the longest waiting first: with a budget of a few writes a
            // second, a store with a long backlog must not keep the others waiting.
            for (String store : writer.storesWithWork()) {
                loop.drain(store, () -> {
                    cycle(store);
                    return Optional.empty();
                }, done -> { });
            }
        });
        reconcileLoop.start("stock-reconciliation", config.stock().reconcileMillis(), reconciliation::reconcileAll);
    }

    private void cycle(String store) {
        try {
            workers.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            writer.cycle(store);
        } finally {
            workers.release();
        }
    }

    @Override
    public void stop() {
        loop.stop();
        reconcileLoop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }
}
