package dev.kassa.connector.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kassa.centra.api.Backoff;
import dev.kassa.common.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The job engine's promises (decision 0022), with several nodes' engines on one database, as several
 * connector processes have: a recurring job runs on one node at a time, a per-key job never runs one key
 * twice at once, a failed run is retried after the back-off, and a node that stops sending heartbeats
 * loses its execution to another. On H2 and PostgreSQL.
 */
@Tag("db")
class JobsTest {

    private static DataSource dataSource;
    private final List<Jobs> nodes = new ArrayList<>();

    @BeforeAll
    static void database() {
        TestDatabase db = TestDatabase.fresh();
        Map<String, String> p = db.properties();
        dataSource = new DriverManagerDataSource(p.get("spring.datasource.url"), p.get("spring.datasource.username"),
                p.get("spring.datasource.password"));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/connector").table("connector_schema_history")
                .load().migrate();
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(Jobs::stop);
    }

    private Jobs node(Duration heartbeat) {
        Jobs jobs = new Jobs(dataSource, new Jobs.Settings(Duration.ofMillis(20), 4, heartbeat, 4,
                new Backoff(Duration.ofMillis(300), Duration.ofSeconds(5))), "test");
        nodes.add(jobs);
        return jobs;
    }

    private static String unique(String name) {
        return name + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    private static void work() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(2, 15)); // a run takes a while
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aRecurringJobRunsOnOneNodeAtATime() {
        String name = unique("recurring");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        Set<Jobs> ranOn = ConcurrentHashMap.newKeySet();
        List<Jobs.Recurring> handles = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            Jobs node = node(Duration.ofSeconds(2));
            handles.add(node.every(name, Duration.ofMillis(5), () -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                work();
                ranOn.add(node);
                running.decrementAndGet();
                runs.incrementAndGet();
            }));
        }
        nodes.forEach(Jobs::start);
        // the nodes also bring it forward at once, as a webhook arriving at each would
        for (int i = 0; i < 30; i++) {
            handles.get(i % 3).now();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> runs.get() >= 40);
        assertThat(most.get()).as("runs of one recurring job at the same moment").isEqualTo(1);
    }

    @Test
    void aPerKeyJobNeverRunsOneKeyTwiceAtOnceAndServesEveryKeyAskedFor() throws Exception {
        String name = unique("keyed");
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger anyAtOnce = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Set<String> served = ConcurrentHashMap.newKeySet();
        List<Jobs.Keyed> handles = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            handles.add(node(Duration.ofSeconds(2)).perKey(name, key -> {
                most.accumulateAndGet(running.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet(), Math::max);
                mostAtOnce.accumulateAndGet(anyAtOnce.incrementAndGet(), Math::max);
                work();
                served.add(key);
                anyAtOnce.decrementAndGet();
                running.get(key).decrementAndGet();
            }));
        }
        nodes.forEach(Jobs::start);
        Set<String> asked = ConcurrentHashMap.newKeySet();
        ExecutorService askers = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            Jobs.Keyed handle = handles.get(t % 3);
            done.add(askers.submit(() -> {
                go.await();
                for (int i = 0; i < 40; i++) {
                    String key = "k" + ThreadLocalRandom.current().nextInt(5);
                    asked.add(key);
                    handle.soon(key);
                    Thread.sleep(ThreadLocalRandom.current().nextLong(0, 5));
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        askers.shutdown();
        await().atMost(Duration.ofSeconds(60)).until(() -> served.containsAll(asked));
        assertThat(most.get()).as("runs of one key at the same moment").isEqualTo(1);
        assertThat(mostAtOnce.get()).as("different keys do run at once").isGreaterThan(1);
    }

    @Test
    void aFailedRunIsRetriedAfterTheBackoffAndItsFailuresAreRecorded() {
        String name = unique("failing");
        List<Instant> attempts = Collections.synchronizedList(new ArrayList<>());
        Jobs.Keyed handle = node(Duration.ofSeconds(2)).perKey(name, key -> {
            attempts.add(Instant.now());
            if (attempts.size() < 3) {
                throw new IllegalStateException("Centra is down");
            }
        });
        nodes.forEach(Jobs::start);
        assertThat(handle.soon("x")).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> attempts.size() >= 2);
        assertThat(handle.soon("x")).as("a run waiting for its retry is not asked for twice").isFalse();
        assertThat(JdbcClient.create(dataSource).sql("select consecutive_failures from connector_scheduled_tasks"
                + " where task_name = ?").param(name).query(Integer.class).optional()).hasValueSatisfying(f -> assertThat(f).isGreaterThanOrEqualTo(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> attempts.size() >= 3);
        assertThat(Duration.between(attempts.get(0), attempts.get(1))).as("the first back-off").isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(Duration.between(attempts.get(1), attempts.get(2))).as("doubled").isGreaterThanOrEqualTo(Duration.ofMillis(600));
        await().atMost(Duration.ofSeconds(10)).until(() -> JdbcClient.create(dataSource)
                .sql("select count(*) from connector_scheduled_tasks where task_name = ?").param(name).query(Integer.class).single() == 0);
    }

    @Test
    void aNodeThatStopsSendingHeartbeatsLosesItsExecutionToAnother() throws Exception {
        String name = unique("takeover");
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch tookOver = new CountDownLatch(1);
        Duration heartbeat = Duration.ofMillis(250);
        Jobs first = node(heartbeat);
        Jobs.Keyed handle = first.perKey(name, key -> {
            stalled.countDown();
            // stalls without end, deaf to interrupts, as a node frozen or killed mid-run looks from outside
            while (true) {
                try {
                    if (release.await(10, TimeUnit.SECONDS)) {
                        return;
                    }
                } catch (InterruptedException ignored) {
                    // keep stalling
                }
            }
        });
        Jobs second = node(heartbeat);
        second.perKey(name, key -> tookOver.countDown());
        first.start();
        assertThat(handle.soon("store-1")).isTrue();
        assertThat(stalled.await(30, TimeUnit.SECONDS)).isTrue();
        second.start();
        // while the first node's heartbeats come (every 250 ms; dead after 4 missed), the second keeps off
        Thread.sleep(heartbeat.toMillis() * 2);
        assertThat(tookOver.getCount()).as("taken over while the first node still sent heartbeats").isEqualTo(1);
        first.stop(); // its heartbeats stop; the run itself is still stuck
        try {
            assertThat(tookOver.await(30, TimeUnit.SECONDS)).as("taken over after the missed heartbeats").isTrue();
        } finally {
            release.countDown();
        }
    }
}
