package dev.kassa.connector.centra;

import dev.kassa.centra.api.CentraException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what several threads ask at about the same time into one call: each caller's request waits in a
 * queue, one sender thread takes the first, gets ready (for a write: waits for the budget), then takes
 * whatever else has arrived meanwhile, up to {@code max}, and makes one call for all of them; each caller
 * gets its own answer, or the call's failure. Under a tight budget the waiting is where requests gather,
 * so the busier Centra's budget, the more each call carries.
 */
final class Coalescer<T, R> {

    private static final Logger log = LoggerFactory.getLogger(Coalescer.class);

    /** Getting ready for a call (taking a budget slot); what it returns is closed after the call. */
    @FunctionalInterface
    interface Ready {
        AutoCloseable get() throws InterruptedException;
    }

    private record Ask<T, R>(T request, CompletableFuture<R> answer) {
    }

    private final String name;
    private final int max;
    private final Ready ready;
    private final Function<List<T>, List<R>> call;
    private final LinkedBlockingQueue<Ask<T, R>> queue = new LinkedBlockingQueue<>();
    private Thread sender;
    private volatile boolean stopped;

    Coalescer(String name, int max, Ready ready, Function<List<T>, List<R>> call) {
        this.name = name;
        this.max = max;
        this.ready = ready;
        this.call = call;
    }

    /** Asks and waits for the answer; the call's failure is thrown as it was. */
    R ask(T request) {
        if (stopped) {
            throw new CentraException(name + ": the connector is stopping", 0, true, null);
        }
        start();
        Ask<T, R> ask = new Ask<>(request, new CompletableFuture<>());
        queue.add(ask);
        try {
            return ask.answer().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CentraException(name + " was interrupted; whether it was sent is unknown", 0, true, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new CentraException(name + " failed: " + e.getCause(), 0, true, e.getCause());
        }
    }

    /** Requests waiting for a call (not the ones a call is under way for). */
    int waiting() {
        return queue.size();
    }

    private synchronized void start() {
        if (sender == null && !stopped) {
            sender = Thread.ofPlatform().daemon().name("kassa-" + name).start(this::send);
        }
    }

    synchronized void stop() {
        stopped = true;
        if (sender != null) {
            sender.interrupt();
        }
        List<Ask<T, R>> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(a -> a.answer().completeExceptionally(new CentraException(name + ": the connector is stopping", 0, true, null)));
    }

    private void send() {
        while (!stopped) {
            List<Ask<T, R>> batch = new ArrayList<>();
            try {
                batch.add(queue.take());
                try (AutoCloseable slot = ready.get()) {
                    queue.drainTo(batch, max - 1); // what arrived while getting ready rides along
                    List<R> answers = call.apply(batch.stream().map(Ask::request).toList());
                    for (int i = 0; i < batch.size(); i++) {
                        batch.get(i).answer().complete(answers.get(i));
                    }
                }
            } catch (InterruptedException e) {
                batch.forEach(a -> a.answer().completeExceptionally(new CentraException(name + ": the connector is stopping",
                        0, true, e)));
                return;
            } catch (Exception | Error e) {
                // whatever went wrong, every caller this call carried hears of it, and the sender goes on: a
                // caller waiting on an answer that never comes would hold its store's lock for good
                log.debug("{}: a call for {} request(s) failed: {}", name, batch.size(), e.toString());
                batch.forEach(a -> a.answer().completeExceptionally(e));
            }
        }
    }
}
