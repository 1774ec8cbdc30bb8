package dev.kassa.connector.centra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.centra.api.WriteBudget;
import dev.kassa.common.time.AdjustableClock;
import dev.kassa.connector.StockTest;
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
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two connector nodes' budgets on one database (each its own {@link WriteBudget} over its own ledger
 * object, as two processes have) never exceed a limit together, and a node that died with a write open
 * holds its place only until the slot's lease ends. On H2 and PostgreSQL.
 */
class SharedWriteBudgetTest extends StockTest {

    /** Far ahead of the connector's own writes in the same table, which are then outside every window here. */
    private static final Instant T0 = Instant.parse("2031-01-01T10:00:00Z");
    private static final List<WriteBudget.Limit> LIMITS = List.of(new WriteBudget.Limit(5, Duration.ofSeconds(1)),
            new WriteBudget.Limit(12, Duration.ofSeconds(10)));

    @Autowired
    TransactionTemplate tx;

    @AfterEach
    void forgetThisTestsWrites() {
        jdbc.sql("delete from connector_write_slot where taken_at_ms >= ?").param(T0.toEpochMilli()).update();
    }

    private WriteBudget node(Clock clock, Duration lease) {
        return new WriteBudget(clock, LIMITS, new SharedWriteBudget(jdbc, tx, WriteBudget.longest(LIMITS), lease));
    }

    @Test
    void twoNodesWritingAtOnceWithSlowAnswersNeverExceedALimitTogether() throws Exception {
        AdjustableClock clock = new AdjustableClock(Clock.fixed(T0, ZoneOffset.UTC), Duration.ZERO);
        List<WriteBudget> nodes = List.of(node(clock, Duration.ofMinutes(5)), node(clock, Duration.ofMinutes(5)));
        List<Instant> arrivals = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            WriteBudget budget = nodes.get(t % 2);
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 12; i++) {
                    WriteBudget.Slot slot = budget.acquire(clock::advance);
                    long took = ThreadLocalRandom.current().nextLong(1, 400);
                    Instant sent = clock.instant();
                    clock.advance(Duration.ofMillis(took));
                    // Centra counts it somewhere between sending and the answer
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
        assertThat(arrivals).hasSize(72);
        List<Instant> sorted = new ArrayList<>(arrivals);
        Collections.sort(sorted);
        for (WriteBudget.Limit limit : LIMITS) {
            for (int i = limit.writes(); i < sorted.size(); i++) {
                assertThat(Duration.between(sorted.get(i - limit.writes()), sorted.get(i)))
                        .as("%d writes of both nodes within %s", limit.writes() + 1, limit.per())
                        .isGreaterThanOrEqualTo(limit.per());
            }
        }
    }

    @Test
    void aDeadNodesOpenWriteHoldsItsPlaceUntilItsLeaseEnds() throws Exception {
        AdjustableClock clock = new AdjustableClock(Clock.fixed(T0, ZoneOffset.UTC), Duration.ZERO);
        List<WriteBudget.Limit> one = List.of(new WriteBudget.Limit(1, Duration.ofSeconds(10)));
        WriteBudget dead = new WriteBudget(clock, one, new SharedWriteBudget(jdbc, tx, Duration.ofSeconds(10), Duration.ofSeconds(30)));
        WriteBudget alive = new WriteBudget(clock, one, new SharedWriteBudget(jdbc, tx, Duration.ofSeconds(10), Duration.ofSeconds(30)));
        WriteBudget.Slot open = dead.acquire(d -> { throw new AssertionError("no wait expected"); });
        assertThat(open.sendable(Duration.ofSeconds(5))).isTrue();
        clock.advance(Duration.ofSeconds(20));
        assertThat(alive.untilFree()).as("the open write may reach Centra any moment").isEqualTo(Duration.ofSeconds(10));
        assertThat(alive.open()).isEqualTo(1);
        assertThat(open.sendable(Duration.ofSeconds(15))).as("an answer due after the lease ends").isFalse();
        clock.advance(Duration.ofSeconds(15)); // 35 s: the lease ended at 30 s; the node never said done
        assertThat(alive.open()).isZero();
        assertThat(alive.untilFree()).as("counted at its lease's end").isEqualTo(Duration.ofSeconds(5));
        alive.acquire(clock::advance).done();
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(40));
    }
}
