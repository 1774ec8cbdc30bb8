package dev.kassa.common.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock of a sandbox: a base clock (the system clock in production, a fixed one in tests) plus an
 * offset that the admin API moves forward. Deadlines, expiry and timestamps all read this clock, so
 * moving it is how tests and integrators make time pass without sleeping.
 */
public final class AdjustableClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset;

    public AdjustableClock(Clock base, Duration offset) {
        this.base = Objects.requireNonNull(base, "base");
        this.offset = new AtomicReference<>(Objects.requireNonNull(offset, "offset"));
    }

    public static AdjustableClock system() {
        return new AdjustableClock(Clock.systemUTC(), Duration.ZERO);
    }

    /** Moves the clock forward; going back is refused because stored deadlines assume time only grows. */
    public Duration advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward, got " + by);
        }
        return offset.updateAndGet(current -> current.plus(by));
    }

    /** Restores an offset read back from storage at start-up. */
    public void setOffset(Duration newOffset) {
        offset.set(Objects.requireNonNull(newOffset, "newOffset"));
    }

    public Duration offset() {
        return offset.get();
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // A zoned view must keep following this clock's offset, so it cannot be a detached copy.
        AdjustableClock self = this;
        return new Clock() {
            @Override public ZoneId getZone() { return zone; }
            @Override public Clock withZone(ZoneId other) { return self.withZone(other); }
            @Override public Instant instant() { return self.instant(); }
        };
    }
}
