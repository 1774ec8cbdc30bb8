package dev.kassa.connector.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.kassa.centra.api.Backoff;
import dev.kassa.common.web.ProgramLogs;
import dev.kassa.connector.config.ConnectorConfig;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The connector's background jobs, on db-scheduler (decision 0022): every job is an execution in
 * {@code connector_scheduled_tasks}, which one node picks and runs while the others leave it alone; a node
 * that dies while running one stops sending heartbeats, and after {@code missed-heartbeats} of them another
 * node takes the execution over. Features declare their jobs when they are built and start nothing
 * themselves:
 * <ul>
 *   <li>{@link #every} — work that runs at start and then every so often (a sweep, reconciliation, the
 *       safety net); {@link Recurring#now} brings its next run forward;</li>
 *   <li>{@link #perKey} — work for one key (a store's stock cycle, a lane of offers), run soon after
 *       {@link Keyed#soon}; one run per key at a time across every node.</li>
 * </ul>
 * A run that throws is retried on the one back-off rule ({@link Backoff}: the first wait of
 * {@code kassa.connector.centra.retry.first-backoff-millis}, doubling, at most 30 seconds; a recurring job
 * never sooner than its period). The domain's own locks ({@code RowLock}) stay inside the work: a revived
 * execution of a node that was only slow, not dead, must still not run beside the first.
 */
@Component
public class Jobs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Jobs.class);
    /**
     * A job's own retries are for what the work did not handle itself (its database gone for a moment):
     * Centra's refusals and silences have their per-store and per-offer back-off in the domain. Doubling up
     * to minutes after a few such failures left a store's stock waiting long after the database was back.
     */
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final DataSource dataSource;
    private final Settings settings;
    private final String program;
    private final String node;
    private final Backoff backoff;
    private final Map<String, Task<?>> tasks = new LinkedHashMap<>();
    private final List<RecurringTask<Void>> recurring = new ArrayList<>();
    private volatile Scheduler scheduler;
    private volatile Map<String, String> mdc;

    /**
     * How a node runs its jobs: it looks for due executions every {@code poll}, runs at most {@code threads}
     * at once, and sends a heartbeat every {@code heartbeat} for each; {@code missedHeartbeats} missed ones
     * make an execution another node's. A failed run waits {@code backoff}.
     */
    record Settings(Duration poll, int threads, Duration heartbeat, int missedHeartbeats, Backoff backoff) {
    }

    @Autowired
    Jobs(DataSource dataSource, ConnectorConfig config, @Value("${spring.application.name:connector}") String program) {
        this(dataSource, new Settings(Duration.ofMillis(Math.min(config.stock().pollMillis(), config.shipFromStore().pollMillis())),
                config.stock().workers() + 8, config.jobs().heartbeat(), config.jobs().missedHeartbeats(),
                new Backoff(config.clientSettings().firstBackoff(), MAX_BACKOFF)), program);
    }

    Jobs(DataSource dataSource, Settings settings, String program) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.program = program;
        this.node = ManagementFactory.getRuntimeMXBean().getName() + "#" + INSTANCES.incrementAndGet();
        this.backoff = settings.backoff();
    }

    /** A job that runs at start, then {@code every} after its last run ended, on one node at a time. */
    public synchronized Recurring every(String name, Duration every, Runnable work) {
        RecurringTask<Void> task = Tasks.recurring(name, Schedules.fixedDelay(every))
                .onFailure(retry(every))
                .execute((instance, context) -> run(name, work));
        add(task);
        recurring.add(task);
        return new Recurring(name);
    }

    /** A job per key, run soon after {@link Keyed#soon}; at most one run of a key at a time across nodes. */
    public synchronized Keyed perKey(String name, Consumer<String> work) {
        OneTimeTask<Void> task = Tasks.oneTime(name)
                .onFailure(retry(Duration.ZERO))
                .execute((instance, context) -> run(name + " " + instance.getId(), () -> work.accept(instance.getId())));
        add(task);
        return new Keyed(task);
    }

    private void add(Task<?> task) {
        if (scheduler != null) {
            throw new IllegalStateException("job " + task.getName() + " declared after the jobs started");
        }
        if (tasks.putIfAbsent(task.getName(), task) != null) {
            throw new IllegalStateException("two jobs are named " + task.getName());
        }
    }

    private void run(String what, Runnable work) {
        Map<String, String> context = mdc;
        if (context != null) {
            MDC.setContextMap(context);
        }
        MDC.put("job", what);
        try {
            work.run();
        } finally {
            MDC.clear();
        }
    }

    /** The back-off after a failed run: never sooner than {@code atLeast} (a recurring job's period). */
    private <T> FailureHandler<T> retry(Duration atLeast) {
        return (ExecutionComplete complete, ExecutionOperations<T> operations) -> {
            int failures = complete.getExecution().consecutiveFailures + 1;
            Duration wait = backoff.withJitter(failures);
            if (wait.compareTo(atLeast) < 0) {
                wait = atLeast;
            }
            log.warn("job {} failed ({} in a row): {}; next try in {} ms", complete.getExecution().taskInstance,
                    failures, complete.getCause().map(Throwable::toString).orElse("?"), wait.toMillis());
            operations.reschedule(complete, complete.getTimeDone().plus(wait));
        };
    }

    /** A recurring job. */
    public final class Recurring {
        private final String name;

        private Recurring(String name) {
            this.name = name;
        }

        /**
         * Brings the next run forward to now. While a run is under way this does nothing: every job's run
         * works until it finds nothing left, so what made the caller ask is seen by that run or the next.
         */
        public void now() {
            Scheduler s = scheduler;
            if (s == null) {
                return; // not started: the first run at start finds the work
            }
            try {
                s.reschedule(TaskInstanceId.of(name, RecurringTask.INSTANCE), Instant.now());
            } catch (RuntimeException running) {
                return; // picked by a node right now
            }
            s.triggerCheckForDueExecutions();
        }
    }

    /** A job per key. */
    public final class Keyed {
        private final OneTimeTask<Void> task;

        private Keyed(OneTimeTask<Void> task) {
            this.task = task;
        }

        /**
         * Asks for a run of {@code key} now, unless one is waiting or under way (false then); keys asked for in
         * one call run in the order given.
         */
        public boolean soon(String key) {
            Scheduler s = scheduler;
            if (s == null) {
                return false;
            }
            boolean scheduled;
            try {
                scheduled = s.scheduleIfNotExists(task.instance(key), Instant.now());
            } catch (RuntimeException e) {
                // Two callers asked at once and the other's row went in first (db-scheduler checks, then inserts):
                // the run is asked for. Or the database did not answer: the job's sweep, where it has one, asks
                // again. Either way the request that asked (a clerk's accept) must not fail for it.
                log.debug("job {} {}: not asked for now ({}); its sweep finds the work", task.getName(), key, e.toString());
                return false;
            }
            if (scheduled) {
                s.triggerCheckForDueExecutions();
            }
            return scheduled;
        }
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        Map<String, String> context = MDC.getCopyOfContextMap();
        if (context == null) {
            context = new java.util.HashMap<>();
        }
        context.putIfAbsent(ProgramLogs.KEY, program);
        mdc = context;
        List<Task<?>> oneTime = new ArrayList<>(tasks.values());
        oneTime.removeAll(recurring); // db-scheduler knows those as start tasks
        Scheduler s = Scheduler.create(dataSource, oneTime)
                .tableName("connector_scheduled_tasks")
                .schedulerName(new SchedulerName.Fixed(node))
                .threads(settings.threads())
                .pollingInterval(settings.poll())
                .heartbeatInterval(settings.heartbeat())
                .missedHeartbeatsLimit(settings.missedHeartbeats())
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(2))
                .startTasks(recurring)
                .build();
        s.start();
        scheduler = s;
        // every recurring job runs at start, as soon as its execution is free (a killed node's after takeover)
        for (RecurringTask<Void> task : recurring) {
            new Recurring(task.getName()).now();
        }
    }

    @Override
    public synchronized void stop() {
        Scheduler s = scheduler;
        scheduler = null;
        if (s != null) {
            s.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
