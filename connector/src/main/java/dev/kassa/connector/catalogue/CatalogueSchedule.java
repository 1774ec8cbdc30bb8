package dev.kassa.connector.catalogue;

import dev.kassa.common.sandbox.BackgroundLoop;
import dev.kassa.connector.config.ConnectorConfig;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the catalogue sync at start-up and then every {@code kassa.connector.catalogue.sync-millis} (0: only
 * when asked through the admin API). Several nodes may run it; the lock per country lets one sync at a time.
 */
@Component
class CatalogueSchedule implements SmartLifecycle {

    private final ConnectorConfig config;
    private final CatalogueSync sync;
    private final BackgroundLoop loop = new BackgroundLoop();
    private final AtomicBoolean requested = new AtomicBoolean();

    CatalogueSchedule(ConnectorConfig config, CatalogueSync sync) {
        this.config = config;
        this.sync = sync;
    }

    /** Starts a sync of every country in the background now (the admin API's "sync now"). */
    void requestNow() {
        requested.set(true);
        loop.drain("catalogue", () -> requested.getAndSet(false) ? java.util.Optional.of(Boolean.TRUE)
                : java.util.Optional.empty(), x -> sync.syncAll());
    }

    @Override
    public void start() {
        long every = config.catalogue().syncMillis();
        loop.start("catalogue-sync", every > 0 ? every : 60_000, () -> {
            if (every > 0) {
                requestNow();
            }
        });
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
