package dev.kassa.connector.stock;

import dev.kassa.connector.config.ConnectorConfig;
import dev.kassa.connector.jobs.Jobs;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * The stock writer's jobs: every {@code kassa.connector.stock.poll-millis} the job {@code stock-writer}
 * finds the stores with work and asks for one {@code stock-cycle} of each, the longest waiting first; a
 * store's cycle runs on one node at a time, at most {@code workers} cycles at once per node (each holds a
 * database connection for its lock and uses another for its writes). {@code stock-reconciliation} runs
 * every {@code reconcile-millis}.
 */
@Component
class StockSchedule {

    private final StockWriter writer;
    private final Semaphore workers;

    StockSchedule(ConnectorConfig config, StockWriter writer, Reconciliation reconciliation, Jobs jobs) {
        this.writer = writer;
        this.workers = new Semaphore(config.stock().workers(), true);
        Jobs.Keyed cycles = jobs.perKey("stock-cycle", this::cycle);
        // One cycle per store per round, the longest waiting first: with a budget of a few writes a second, a
        // store with a long backlog must not keep the others waiting.
        jobs.every("stock-writer", Duration.ofMillis(config.stock().pollMillis()),
                () -> writer.storesWithWork().forEach(cycles::soon));
        jobs.every("stock-reconciliation", Duration.ofMillis(config.stock().reconcileMillis()), reconciliation::reconcileAll);
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
}
