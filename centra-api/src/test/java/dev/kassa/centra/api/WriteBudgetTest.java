package dev.kassa.centra.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kassa.common.time.AdjustableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The client-side write budget keeps every limit, counting a write until its answer came, also when many
 * threads take slots at once and answers come late.
 */
class WriteBudgetTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void centrasTierLetsTwentyGoAtOnceAndTheTwentyFirstWaitsForTheWindow() throws Exception {
        MovingClock clock = new MovingClock(T0);
        WriteBudget budget = WriteBudget.centraDefault(clock);
        for (int i = 0; i < 20; i++) {
            budget.acquire(clock::fail).done();
        }
        assertThat(budget.untilFree()).isEqualTo(Duration.ofSeconds(10));
        budget.acquire(clock::advance).done();
        assertThat(clock.now).isEqualTo(T0.plusSeconds(10));
        assertThat(budget.untilFree()).as("the first twenty left the window as the 21st started").isZero();
        for (int i = 0; i < 19; i++) {
            budget.acquire(clock::fail).done();
        }
        assertThat(budget.untilFree()).as("the 41st waits for the 21st to leave").isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aWriteCountsUntilItsAnswerCame() throws Exception {
        MovingClock clock = new MovingClock(T0);
        WriteBudget budget = new WriteBudget(clock, List.of(new WriteBudget.Limit(1, Duration.ofSeconds(10))));
        WriteBudget.Slot slow = budget.acquire(clock::fail);
        clock.now = T0.plusSeconds(30);
        assertThat(budget.untilFree()).as("the slow write may reach Centra any moment now").isPositive();
        assertThat(budget.open()).isEqualTo(1);
        slow.done();
        assertThat(budget.untilFree()).as("counted when its answer came").isEqualTo(Duration.ofSeconds(10));
        budget.acquire(clock::advance).close();
        assertThat(clock.now).isEqualTo(T0.plusSeconds(40));
        slow.done(); // a second done changes nothing
        assertThat(budget.open()).isZero();
    }

    @Test
    void theHourlyLimitHoldsOverManyWindows() throws Exception {
        MovingClock clock = new MovingClock(T0);
        WriteBudget budget = WriteBudget.centraDefault(clock);
        List<Instant> starts = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            WriteBudget.Slot slot = budget.acquire(clock::advance);
            starts.add(clock.now);
            slot.done();
        }
        assertLimits(starts, WriteBudget.CENTRA_DEFAULT);
        // 1,800 fit into the first hour (20 per 10 s means 1,800 need 15 minutes); the 1,801st waits for the hour.
        assertThat(starts.get(1799)).isBefore(T0.plus(Duration.ofMinutes(16)));
        assertThat(starts.get(1800)).isEqualTo(T0.plus(Duration.ofHours(1)));
    }

    /**
     * Eight threads write at once, each answer arriving a random while after its slot was taken; the
     * arrival at "Centra" is taken at a random moment between the two. No window of Centra's ever holds
     * more than the limit.
     */
    @Test
    void threadsWritingAtOnceWithSlowAnswersNeverExceedALimitAtCentra() throws Exception {
        List<WriteBudget.Limit> limits = List.of(new WriteBudget.Limit(5, Duration.ofSeconds(1)),
                new WriteBudget.Limit(12, Duration.ofSeconds(10)));
        AdjustableClock clock = new AdjustableClock(Clock.fixed(T0, ZoneOffset.UTC), Duration.ZERO);
        WriteBudget budget = new WriteBudget(clock, limits);
        List<Instant> arrivals = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 25; i++) {
                    WriteBudget.Slot slot = budget.acquire(clock::advance);
                    long took = ThreadLocalRandom.current().nextLong(1, 400);
                    Instant sent = clock.instant();
                    clock.advance(Duration.ofMillis(took));
                    arrivals.add(sent.plusMillis(ThreadLocalRandom.current().nextLong(took + 1)));
                    slot.done();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(arrivals).hasSize(200);
        assertLimits(arrivals, limits);
    }

    @Test
    void limitsMustMakeSense() {
        assertThatThrownBy(() -> new WriteBudget.Limit(0, Duration.ofSeconds(1))).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new WriteBudget.Limit(1, Duration.ZERO)).hasMessageContaining("positive window");
        assertThatThrownBy(() -> new WriteBudget(Clock.systemUTC(), List.of())).hasMessageContaining("at least one limit");
    }

    /** No window of any limit's length holds more than the limit allows. */
    private static void assertLimits(List<Instant> times, List<WriteBudget.Limit> limits) {
        List<Instant> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        for (WriteBudget.Limit limit : limits) {
            for (int i = limit.writes(); i < sorted.size(); i++) {
                assertThat(Duration.between(sorted.get(i - limit.writes()), sorted.get(i)))
                        .as("%d writes within %s", limit.writes() + 1, limit.per())
                        .isGreaterThanOrEqualTo(limit.per());
            }
        }
    }

    /** A clock only this test's thread moves; a pause moves it. */
    private static final class MovingClock extends Clock {
        Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        void fail(Duration d) {
            throw new AssertionError("expected no wait, was told to wait " + d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
