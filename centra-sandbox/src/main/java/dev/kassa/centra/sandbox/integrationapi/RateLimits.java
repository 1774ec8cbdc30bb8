package dev.kassa.centra.sandbox.integrationapi;

import dev.kassa.centra.sandbox.clock.InstanceTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Centra's Integration API rate limits, per environment (the sandbox is one): a token bucket for each
 * {@link Type} and {@link Interval}, filled at a constant rate up to its quota, on the sandbox clock. A
 * request spends 1 request point, 1 mutation point when its operation is a mutation (decision 0024: one
 * per operation, however many fields it has), and its query complexity; it is refused whole when any
 * bucket lacks its points, and then spends nothing. The plans are Centra's published ones; {@code off}
 * turns limiting off ({@code kassa.sandbox.integration-api.plan}, or at run time {@link #plan(String)}).
 */
@Component
public class RateLimits {

    public enum Type { REQUEST, QUERY_COMPLEXITY, MUTATION }

    public enum Interval {
        TEN_SECONDS(Duration.ofSeconds(10)), ONE_HOUR(Duration.ofHours(1));

        final Duration length;

        Interval(Duration length) {
            this.length = length;
        }
    }

    /** A plan's quotas: requests, mutations and complexity per 10 s and per hour. */
    public record Plan(String name, long requests10s, long requests1h, long mutations10s, long mutations1h,
                       long complexity10s, long complexity1h) {
        long quota(Type type, Interval interval) {
            boolean ten = interval == Interval.TEN_SECONDS;
            return switch (type) {
                case REQUEST -> ten ? requests10s : requests1h;
                case MUTATION -> ten ? mutations10s : mutations1h;
                case QUERY_COMPLEXITY -> ten ? complexity10s : complexity1h;
            };
        }
    }

    /** Centra's plans as it publishes them; Growth is its default. */
    public static final List<Plan> PLANS = List.of(
            new Plan("growth", 60, 5_000, 20, 1_800, 250_000, 30_000_000),
            new Plan("enhanced", 150, 20_000, 50, 4_500, 900_000, 90_000_000),
            new Plan("high-volume", 450, 40_000, 150, 7_000, 1_800_000, 180_000_000),
            new Plan("enterprise", 1_500, 85_000, 500, 25_000, 4_000_000, 400_000_000));

    /** One window as the {@code rateLimits} query shows it: quota = used + remaining. */
    public record Window(Type type, Interval interval, long quota, long used, long remaining) {
    }

    /** A refused request: the moment every bucket it needs has its points again. */
    public record Refusal(Instant retryAt, String why) {
    }

    private static final class Bucket {
        final long quota;
        double points;
        long atNanos;

        Bucket(long quota, long atNanos) {
            this.quota = quota;
            this.points = quota;
            this.atNanos = atNanos;
        }
    }

    private final InstanceTime time;
    private Plan plan;
    /** How many times faster than Centra's windows the buckets refill (a bench compressing time); 1 normally. */
    private int speed = 1;
    private final Map<Type, Map<Interval, Bucket>> buckets = new EnumMap<>(Type.class);

    RateLimits(InstanceTime time, @Value("${kassa.sandbox.integration-api.plan:growth}") String plan) {
        this.time = time;
        plan(plan);
    }

    /** Switches to a plan by name (or {@code off}); every bucket starts full. */
    public synchronized void plan(String name) {
        plan(name, 1);
    }

    /**
     * As {@link #plan(String)}, with windows {@code speed} times shorter than Centra's (the same quota per
     * 10 s / speed and per hour / speed), for a benchmark that runs its shops' time faster than real time.
     */
    public synchronized void plan(String name, int speed) {
        if (speed < 1 || speed > 1000) {
            throw new IllegalArgumentException("speed must be 1 to 1000, got " + speed);
        }
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("off")) {
            plan = null;
            buckets.clear();
            return;
        }
        Plan chosen = PLANS.stream().filter(p -> p.name().equals(n)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "kassa.sandbox.integration-api.plan: '" + name + "' is not one of growth, enhanced, high-volume, enterprise, off"));
        plan = chosen;
        this.speed = speed;
        buckets.clear();
        long now = nanos();
        for (Type t : Type.values()) {
            Map<Interval, Bucket> byInterval = new EnumMap<>(Interval.class);
            for (Interval i : Interval.values()) {
                byInterval.put(i, new Bucket(plan.quota(t, i), now));
            }
            buckets.put(t, byInterval);
        }
    }

    public synchronized Optional<Plan> plan() {
        return Optional.ofNullable(plan);
    }

    public synchronized int speed() {
        return speed;
    }

    /** Spends what a request costs, or spends nothing and says when it could go through. */
    public synchronized Optional<Refusal> spend(boolean mutation, long complexity) {
        if (plan == null) {
            return Optional.empty();
        }
        long now = nanos();
        Map<Type, Long> cost = new EnumMap<>(Type.class);
        cost.put(Type.REQUEST, 1L);
        cost.put(Type.MUTATION, mutation ? 1L : 0L);
        cost.put(Type.QUERY_COMPLEXITY, complexity);
        long waitNanos = 0;
        List<String> short_ = new ArrayList<>();
        for (Map.Entry<Type, Long> c : cost.entrySet()) {
            for (Interval i : Interval.values()) {
                Bucket b = buckets.get(c.getKey()).get(i);
                refill(b, i, now);
                if (c.getValue() > b.quota) {
                    return Optional.of(new Refusal(time.now().plus(i.length.dividedBy(speed)), c.getKey() + " costs " + c.getValue()
                            + ", more than the quota of " + b.quota + " per " + i));
                }
                if (b.points < c.getValue()) {
                    double rate = (double) b.quota * speed / i.length.toNanos();
                    waitNanos = Math.max(waitNanos, (long) Math.ceil((c.getValue() - b.points) / rate));
                    short_.add(c.getKey() + " per " + i);
                }
            }
        }
        if (waitNanos > 0) {
            return Optional.of(new Refusal(time.now().plusNanos(waitNanos), "the quota of " + String.join(", ", short_) + " is used up"));
        }
        cost.forEach((t, c) -> buckets.get(t).values().forEach(b -> b.points -= c));
        return Optional.empty();
    }

    /** Every window now, as the {@code rateLimits} query answers; empty with limiting off. */
    public synchronized List<Window> windows() {
        List<Window> out = new ArrayList<>();
        if (plan == null) {
            return out;
        }
        long now = nanos();
        for (Type t : Type.values()) {
            for (Interval i : Interval.values()) {
                Bucket b = buckets.get(t).get(i);
                refill(b, i, now);
                long remaining = (long) Math.floor(b.points);
                out.add(new Window(t, i, b.quota, b.quota - remaining, remaining));
            }
        }
        return out;
    }

    private void refill(Bucket b, Interval i, long now) {
        long elapsed = now - b.atNanos;
        if (elapsed > 0) {
            b.points = Math.min(b.quota, b.points + (double) b.quota * speed * elapsed / i.length.toNanos());
            b.atNanos = now;
        }
    }

    private long nanos() {
        Instant now = time.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
