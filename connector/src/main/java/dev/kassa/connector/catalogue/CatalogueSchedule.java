package dev.kassa.connector.catalogue;

import dev.kassa.connector.config.ConnectorConfig;
import dev.kassa.connector.jobs.Jobs;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/**
 * The catalogue sync's jobs: {@code catalogue-sync} syncs every country, on one node at a time; it runs at
 * start-up and then every {@code kassa.connector.catalogue.sync-millis} ({@code catalogue-schedule}), or
 * only when asked through the admin API (0). The lock per country still lets one sync at a time.
 */
@Component
class CatalogueSchedule {

    private final Jobs.Keyed sync;
    /** Asked for while a sync ran on this node: that sync may have passed what changed, so it runs again. */
    private final AtomicBoolean again = new AtomicBoolean();

    CatalogueSchedule(ConnectorConfig config, CatalogueSync catalogue, Jobs jobs) {
        this.sync = jobs.perKey("catalogue-sync", all -> {
            do {
                catalogue.syncAll();
            } while (again.getAndSet(false));
        });
        long every = config.catalogue().syncMillis();
        if (every > 0) {
            jobs.every("catalogue-schedule", Duration.ofMillis(every), this::requestNow);
        }
    }

    /** Starts a sync of every country in the background now (the admin API's "sync now"). */
    void requestNow() {
        if (!sync.soon("all")) {
            again.set(true);
        }
    }
}
