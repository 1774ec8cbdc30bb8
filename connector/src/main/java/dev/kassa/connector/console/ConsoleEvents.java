package dev.kassa.connector.console;

import dev.kassa.common.web.ProgramLogs;
import dev.kassa.connector.shipfromstore.Offers;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events for the console: a store's pages (and head office's, under the key {@code *}) get an
 * {@code offers} event whenever one of its offers is created or moves, and reload what they show.
 *
 * <p>A change made on this node is sent at once ({@link Offers.Moved}). A change made on another node is
 * found by {@link #acrossNodes}, which reads every store's count of changes ({@link Offers#changes()}) once
 * a second while a page is open here. It also keeps the till orders of every store with a page open here
 * looked at every second, whichever node does the looking (decision 0021).
 */
@Component
@EnableScheduling
class ConsoleEvents {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConsoleEvents.class);

    static final String ALL = "*";
    private final Map<String, List<SseEmitter>> emitters = new ConcurrentHashMap<>();

    private final dev.kassa.connector.shipfromstore.ShipFromStore ship;
    private final Offers offers;
    /** Each store's count of changes as this node's pages have been told of it; null while no page is open. */
    private volatile Map<String, Long> told;

    private final String program;
    private static final long PING_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
    private long lastPing = System.nanoTime();

    ConsoleEvents(dev.kassa.connector.shipfromstore.ShipFromStore ship, Offers offers,
                  @Value("${spring.application.name:connector}") String program) {
        this.ship = ship;
        this.offers = offers;
        this.program = program;
    }

    SseEmitter subscribe(String key) {
        SseEmitter emitter = new SseEmitter(0L);
        List<SseEmitter> list = emitters.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
        synchronized (this) {
            if (told == null) {
                // counted from now: the page is about to load what is there
                told = new ConcurrentHashMap<>(offers.changes());
            }
            list.add(emitter);
        }
        // while a store's page is open its till orders are looked at every second (ShipFromStore.watch)
        java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);
        Runnable gone = () -> {
            list.remove(emitter);
            if (!key.equals(ALL) && open.getAndSet(false)) {
                ship.watch(key, -1);
            }
        };
        if (!key.equals(ALL)) {
            ship.watch(key, 1);
        }
        emitter.onCompletion(gone);
        emitter.onTimeout(gone);
        emitter.onError(e -> gone.run());
        try {
            // a comment the page ignores, so the stream's headers go out now rather than with the first change
            emitter.send(SseEmitter.event().comment("open"));
        } catch (IOException | RuntimeException e) {
            gone.run();
        }
        return emitter;
    }

    @EventListener
    void moved(Offers.Moved m) {
        send(m.storeId(), m.offerId() + " " + m.to());
        send(ALL, m.offerId() + " " + m.to());
        Map<String, Long> t = told;
        if (t != null && m.changes() > 0) {
            // the pages reload after every change counted up to this one
            t.merge(m.storeId(), m.changes(), Math::max);
        }
    }

    /**
     * Once a second while a page is open on this node: tells the pages of the stores whose offers another
     * node changed, and keeps the till orders of the stores watched here looked at every second.
     */
    @Scheduled(fixedDelay = 1000, initialDelay = 1000)
    void acrossNodes() {
        Set<String> watched = new java.util.HashSet<>();
        Map<String, Long> t;
        synchronized (this) {
            emitters.forEach((key, list) -> {
                if (!list.isEmpty()) {
                    watched.add(key);
                }
            });
            if (watched.isEmpty()) {
                told = null; // counted afresh when a page opens
                return;
            }
            t = told;
        }
        MDC.put(ProgramLogs.KEY, program);
        try {
            boolean any = false;
            for (Map.Entry<String, Long> c : offers.changes().entrySet()) {
                Long before = t.get(c.getKey());
                if (before == null || before < c.getValue()) {
                    t.merge(c.getKey(), c.getValue(), Math::max);
                    send(c.getKey(), "changed on another node");
                    any = true;
                }
            }
            if (any) {
                send(ALL, "changed on another node");
            }
            watched.stream().filter(k -> !k.equals(ALL)).forEach(ship::keepWatching);
            if (System.nanoTime() - lastPing > PING_NANOS) {
                // a comment the pages ignore: finds the pages that went away (their stores are no longer watched)
                // and keeps proxies from ending a quiet stream
                lastPing = System.nanoTime();
                watched.forEach(k -> send(k, () -> SseEmitter.event().comment("ping")));
            }
        } catch (org.springframework.dao.DataAccessException e) {
            log.warn("the console could not look for changes made on other nodes: {}", e.getMessage());
        } finally {
            MDC.remove(ProgramLogs.KEY);
        }
    }

    /** Ends every open stream as the connector stops, so a graceful shutdown does not wait for pages that never leave. */
    @EventListener(org.springframework.context.event.ContextClosedEvent.class)
    void closing() {
        emitters.values().forEach(list -> list.forEach(e -> {
            try {
                e.complete();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }));
        emitters.clear();
    }

    private void send(String key, String what) {
        send(key, () -> SseEmitter.event().name("offers").data(what));
    }

    /** Sends an event to every page of {@code key}: a builder each, as building one consumes it. */
    private void send(String key, java.util.function.Supplier<SseEmitter.SseEventBuilder> event) {
        for (SseEmitter e : emitters.getOrDefault(key, List.of())) {
            try {
                e.send(event.get());
            } catch (IOException | RuntimeException ex) {
                // the page went away (its completion callback stops the watching). Ending the stream may throw too
                // (Tomcat already ended it after the error): never into the offer's move, which published this event
                emitters.get(key).remove(e);
                try {
                    e.completeWithError(ex);
                } catch (RuntimeException alreadyEnded) {
                    // nothing left to end
                }
            }
        }
    }
}
