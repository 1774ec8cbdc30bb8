package dev.kassa.common.sandbox;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sandbox's background worker: one daemon thread runs {@code poll} every {@code pollMillis} (a failure
 * is logged and the next poll tries again); {@link #drain} works through a backlog per key on a virtual
 * thread, one drain per key at a time. Whatever it works on is read from the database, so stopping loses
 * nothing.
 */
public final class BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

    private final Set<Object> draining = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService loop;
    private volatile ExecutorService calls;
    private volatile java.util.Map<String, String> mdc;

    /** Starts running {@code poll} every {@code pollMillis}. */
    public synchronized void start(String name, long pollMillis, Runnable poll) {
        if (loop != null) {
            return;
        }
        // the loop's lines say which program they are of, as the starting thread's do (ProgramLogs)
        java.util.Map<String, String> mdc = org.slf4j.MDC.getCopyOfContextMap();
        this.mdc = mdc;
        calls = Executors.newVirtualThreadPerTaskExecutor();
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(() -> {
                if (mdc != null) {
                    org.slf4j.MDC.setContextMap(mdc);
                }
                r.run();
            }, name);
            t.setDaemon(true);
            return t;
        });
        loop.scheduleWithFixedDelay(() -> {
            try {
                poll.run();
            } catch (RuntimeException e) {
                log.warn("{}: a poll failed; the next one tries again", name, e);
            }
        }, 0, pollMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Unless a drain for {@code key} is under way (or the loop is not started), starts one on a virtual
     * thread: {@code work} for each item {@code next} gives, until it gives none, so a backlog goes out
     * call after call instead of one per poll. A failure is logged; the next poll starts again.
     */
    public <T> void drain(Object key, Supplier<Optional<T>> next, Consumer<T> work) {
        ExecutorService executor = calls;
        if (executor == null || !draining.add(key)) {
            return;
        }
        try {
            java.util.Map<String, String> context = mdc;
            executor.execute(() -> {
                if (context != null) {
                    org.slf4j.MDC.setContextMap(context);
                }
                try {
                    for (Optional<T> item = next.get(); item.isPresent() && !Thread.currentThread().isInterrupted();
                         item = next.get()) {
                        work.accept(item.get());
                    }
                } catch (RuntimeException e) {
                    log.warn("working through the backlog of {} failed; the next poll tries again", key, e);
                } finally {
                    draining.remove(key);
                }
            });
        } catch (RejectedExecutionException e) {
            draining.remove(key); // stopped meanwhile
        }
    }

    public synchronized void stop() {
        if (loop != null) {
            loop.shutdownNow();
            calls.shutdownNow();
        }
    }

    public boolean isRunning() {
        return loop != null && !loop.isShutdown();
    }
}
