package dev.kassa.centra.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The client-side write budget keeps every limit, also when many threads reserve at once. */
class WriteBudgetTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void centrasTierLetsTwentyGoAtOnceAndTheTwentyFirstWaitsForTheWindow() {
        WriteBudget budget = WriteBudget.centraDefault(Clock.fixed(T0, ZoneOffset.UTC));
        for (int i = 0; i < 20; i++) {
            assertThat(budget.reserve()).isZero();
        }
        assertThat(budget.reserve()).isEqualTo(Duration.ofSeconds(10));
        assertThat(budget.reserve()).as("in line behind the 21st").isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theHourlyLimitHoldsOverManyWindows() {
        MovingClock clock = new MovingClock(T0);
        WriteBudget budget = WriteBudget.centraDefault(clock);
        List<Instant> starts = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            Duration wait = budget.reserve();
            clock.now = clock.now.plus(wait);
            starts.add(clock.now);
        }
        assertLimits(starts, WriteBudget.CENTRA_DEFAULT);
        // 1,800 fit into the first hour (20 per 10 s means 1,800 need 15 minutes); the 1,801st waits for the hour.
        assertThat(starts.get(1799)).isBefore(T0.plus(Duration.ofMinutes(16)));
        assertThat(starts.get(1800)).isEqualTo(T0.plus(Duration.ofHours(1)));
    }

    @Test
    void threadsReservingAtOnceNeverExceedALimit() throws Exception {
        List<WriteBudget.Limit> limits = List.of(new WriteBudget.Limit(5, Duration.ofSeconds(1)),
                new WriteBudget.Limit(12, Duration.ofSeconds(10)));
        WriteBudget budget = new WriteBudget(Clock.fixed(T0, ZoneOffset.UTC), limits);
        List<Instant> starts = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 25; i++) {
                    starts.add(T0.plus(budget.reserve()));
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(starts).hasSize(200);
        assertLimits(starts, limits);
    }

    @Test
    void limitsMustMakeSense() {
        assertThatThrownBy(() -> new WriteBudget.Limit(0, Duration.ofSeconds(1))).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new WriteBudget.Limit(1, Duration.ZERO)).hasMessageContaining("positive window");
        assertThatThrownBy(() -> new WriteBudget(Clock.systemUTC(), List.of())).hasMessageContaining("at least one limit");
    }

    /** No window of any limit's length holds more starts than the limit allows. */
    private static void assertLimits(List<Instant> starts, List<WriteBudget.Limit> limits) {
        List<Instant> sorted = new ArrayList<>(starts);
        Collections.sort(sorted);
        for (WriteBudget.Limit limit : limits) {
            for (int i = limit.writes(); i < sorted.size(); i++) {
                assertThat(Duration.between(sorted.get(i - limit.writes()), sorted.get(i)))
                        .as("%d writes within %s", limit.writes() + 1, limit.per())
                        .isGreaterThanOrEqualTo(limit.per());
            }
        }
    }

    private static final class MovingClock extends Clock {
        Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
