package dev.kassa.connector;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's business events, each logged once at INFO under the logger {@code dev.kassa.connector.events}
 * with its ids as key-value pairs (they become fields in structured JSON logs, {@code
 * logging.structured.format.console=ecs}): an offer's every move (offered, accepted, rejected, in the till,
 * shipped, failed, …), a POS line becoming a dead letter, a clamp or a floor, a stock count applied.
 */
public final class BusinessEvents {

    private static final Logger log = LoggerFactory.getLogger("dev.kassa.connector.events");

    private BusinessEvents() {
    }

    /** An offer moved (from null: it was just offered). */
    public static void offer(long offerId, long orderNumber, String store, String from, String to, String actor, String reason) {
        log.atInfo().addKeyValue("event", "offer").addKeyValue("offer", offerId).addKeyValue("order", orderNumber)
                .addKeyValue("store", store).addKeyValue("from", from).addKeyValue("state", to).addKeyValue("actor", actor)
                .log("offer {} (order {}, store {}): {} -> {} by {}: {}", offerId, orderNumber, store, from == null ? "new" : from, to,
                        actor, reason);
    }

    /** A POS line became a dead letter. */
    public static void deadLetter(String store, String transactionId, int lineNumber, String item, String why) {
        log.atInfo().addKeyValue("event", "dead-letter").addKeyValue("store", store).addKeyValue("transaction", transactionId)
                .addKeyValue("line", lineNumber).addKeyValue("item", item)
                .log("dead letter: store {}, transaction {} line {} (item {}): {}", store, transactionId, lineNumber, item, why);
    }

    /** Several POS lines became dead letters at once, for one reason. */
    public static void deadLetters(String store, int lines, String why) {
        if (lines > 0) {
            log.atInfo().addKeyValue("event", "dead-letter").addKeyValue("store", store).addKeyValue("lines", lines)
                    .log("dead letters: store {}, {} line(s): {}", store, lines, why);
        }
    }

    /** Centra's stock of an item was clamped (kept at what web orders hold) or floored (a negative figure set to 0). */
    public static void discrepancy(String store, String item, String kind, int wanted, int stored) {
        log.atInfo().addKeyValue("event", kind).addKeyValue("store", store).addKeyValue("item", item).addKeyValue("wanted", wanted)
                .addKeyValue("stored", stored).log("{}: store {}, item {}: wanted {}, Centra has {}", kind, store, item, wanted, stored);
    }

    /** A stock count reached Centra: the item's physical stock at the store starts again from it. */
    public static void countApplied(String store, String item, long counted) {
        log.atInfo().addKeyValue("event", "count-applied").addKeyValue("store", store).addKeyValue("item", item)
                .addKeyValue("counted", counted).log("count applied: store {}, item {}: {}", store, item, counted);
    }
}
