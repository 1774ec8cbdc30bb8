package dev.kassa.connector.console;

import dev.kassa.connector.shipfromstore.Offers;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events for the console: a store's pages (and head office's, under the key {@code *}) get an
 * {@code offers} event whenever one of its offers is created or moves, and reload what they show. Events
 * of this node only; the pages also reload every 30 s, so a move made by another node shows too.
 */
@Component
class ConsoleEvents {

    static final String ALL = "*";
    private final Map<String, List<SseEmitter>> emitters = new ConcurrentHashMap<>();

    private final dev.kassa.connector.shipfromstore.ShipFromStore ship;

    ConsoleEvents(dev.kassa.connector.shipfromstore.ShipFromStore ship) {
        this.ship = ship;
    }

    SseEmitter subscribe(String key) {
        SseEmitter emitter = new SseEmitter(0L);
        List<SseEmitter> list = emitters.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
        list.add(emitter);
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
        return emitter;
    }

    @EventListener
    void moved(Offers.Moved m) {
        send(m.storeId(), m);
        send(ALL, m);
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

    private void send(String key, Offers.Moved m) {
        for (SseEmitter e : emitters.getOrDefault(key, List.of())) {
            try {
                e.send(SseEmitter.event().name("offers").data(m.offerId() + " " + m.to()));
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
