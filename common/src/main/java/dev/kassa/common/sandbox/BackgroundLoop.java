package dev.kassa.common.sandbox;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sandbox's background worker: one daemon thread runs {@code poll} every {@code pollMillis} (a failure
 * is logged and the next poll tries again), and hands the calls it starts to virtual threads. Whatever
 * it works on is read from the database, so stopping loses nothing.
 */
public final class BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

    private volatile ScheduledExecutorService loop;
    private volatile ExecutorService calls;

    /** Starts polling; {@code poll} is given the executor for the calls it starts. */
    public synchronized void start(String name, long pollMillis, java.util.function.Consumer<ExecutorService> poll) {
        if (loop != null) {
            return;
        }
        calls = Executors.newVirtualThreadPerTaskExecutor();
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        loop.scheduleWithFixedDelay(() -> {
            try {
                poll.accept(calls);
            } catch (RuntimeException e) {
                log.warn("{}: a poll failed; the next one tries again", name, e);
            }
        }, 0, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** The executor for calls, or null before {@link #start}. */
    public ExecutorService calls() {
        return calls;
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
