package dev.kassa.centara.sandbox.state;

import dev.kassa.common.time.AdjustableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The sandbox clock: the injected clock, moved by the admin API; its offset survives a restart. */
@Component
public class SandboxTime {

    private final AdjustableClock clock;
    private final Settings settings;

    SandboxTime(AdjustableClock clock, Settings settings) {
        this.clock = clock;
        this.settings = settings;
        settings.get(Settings.CLOCK_OFFSET_MILLIS).ifPresent(ms -> clock.setOffset(Duration.ofMillis(Long.parseLong(ms))));
    }

    public Instant now() {
        return clock.instant();
    }

    public long nowMillis() {
        return clock.instant().toEpochMilli();
    }

    @Transactional
    public Instant advance(Duration by) {
        Duration offset = clock.advance(by);
        settings.put(Settings.CLOCK_OFFSET_MILLIS, Long.toString(offset.toMillis()));
        return clock.instant();
    }

    public static ZoneId zone(String id) {
        return ZoneId.of(id == null ? CentaraDataset.DEFAULT_TIME_ZONE : id);
    }
}
