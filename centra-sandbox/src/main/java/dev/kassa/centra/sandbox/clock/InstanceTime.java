package dev.kassa.centra.sandbox.clock;

import dev.kassa.centra.sandbox.state.CentraDataset;
import dev.kassa.centra.sandbox.state.Settings;
import dev.kassa.common.time.AdjustableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sandbox's time: the injected clock (moved by the admin API, the offset kept in the database so it
 * survives a restart) seen in the Centra instance's time zone, in which the Order API reads and writes
 * its dates (§1.4).
 */
@Component
public class InstanceTime {

    private final AdjustableClock clock;
    private final Settings settings;
    private volatile ZoneId zone;

    InstanceTime(AdjustableClock clock, Settings settings) {
        this.clock = clock;
        this.settings = settings;
        settings.get(Settings.CLOCK_OFFSET_MILLIS).ifPresent(ms -> clock.setOffset(Duration.ofMillis(Long.parseLong(ms))));
        reloadZone();
    }

    public Instant now() {
        return clock.instant();
    }

    /** Now, as a Centra date-time in the instance's zone. */
    public LocalDateTime localNow() {
        return LocalDateTime.ofInstant(clock.instant(), zone);
    }

    public ZoneId zone() {
        return zone;
    }

    @Transactional
    public Instant advance(Duration by) {
        Duration offset = clock.advance(by);
        settings.put(Settings.CLOCK_OFFSET_MILLIS, Long.toString(offset.toMillis()));
        return clock.instant();
    }

    /** Re-reads the instance time zone after the state was replaced. */
    public void reloadZone() {
        zone = ZoneId.of(settings.get(Settings.TIME_ZONE).orElse(CentraDataset.DEFAULT_TIME_ZONE));
    }
}
