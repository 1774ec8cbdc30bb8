package dev.kassa.connector.catalogue;

import dev.kassa.connector.config.ConnectorConfig;
import dev.kassa.connector.jobs.Jobs;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/**
 * The catalogue sync's jobs: {@code catalogue-sync} syncs every country, on one node at a time; it runs at
 * start-up and then every {@code kassa.connector.catalogue.sync-millis} ({@code catalogue-schedule}), or
 * only when asked (0). The admin API asks for one country's sync ({@code catalogue-sync-country}). The lock
 * per country still lets one sync of a country at a time.
 */
@Component
public class CatalogueSchedule {

    private final Jobs.Keyed sync;
    private final Jobs.Keyed country;
    /** Asked for while a sync ran on this node: that sync may have passed what changed, so it runs again. */
    private final AtomicBoolean again = new AtomicBoolean();

    CatalogueSchedule(ConnectorConfig config, CatalogueSync catalogue, Jobs jobs) {
        this.sync = jobs.perKey("catalogue-sync", all -> {
            do {
                catalogue.syncAll();
            } while (again.getAndSet(false));
        });
        this.country = jobs.perKey("catalogue-sync-country", key -> {
            try {
                catalogue.sync(key.substring(0, key.indexOf(':')), key.endsWith(":full"));
            } catch (RuntimeException e) {
                // recorded in the sync's state and error, shown by GET /api/admin/catalogue
            }
        });
        long every = config.catalogue().syncMillis();
        if (every > 0) {
            jobs.every("catalogue-schedule", Duration.ofMillis(every), this::requestNow);
        }
    }

    /**
     * Asks for a sync of one country ({@code full}: every page, not only what changed) as a job of its own,
     * unless one is waiting already (the admin API's "sync now"; its progress shows in its state).
     */
    public void request(String countryCode, boolean full) {
        country.soon(countryCode + (full ? ":full" : ":changed"));
    }

    /** Starts a sync of every country in the background now (and at the schedule's times). */
    void requestNow() {
        if (!sync.soon("all")) {
            again.set(true);
        }
    }
}
