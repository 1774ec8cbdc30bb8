package dev.kassa.centra.api;

import java.time.Duration;

/** How the client waits (for a budget slot, a retry, Retry-After): really in production, by moving a clock in tests. */
@FunctionalInterface
public interface Pause {

    Pause REAL = d -> {
        if (!d.isNegative() && !d.isZero()) {
            Thread.sleep(d);
        }
    };

    void pause(Duration d) throws InterruptedException;
}
