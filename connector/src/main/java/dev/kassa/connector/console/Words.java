package dev.kassa.connector.console;

import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * What the console says for an offer's state and for who did something, in words a clerk reads at a glance,
 * in the page's language ({@code console/messages*.properties}).
 */
final class Words {

    private final MessageSource messages;
    private final Locale locale;

    Words(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
    }

    /** The words for an offer's state ({@code in_till} → "in the till"); an unknown state as it is. */
    public String state(String state) {
        return state == null ? "" : messages.getMessage("state." + state, null, state, locale);
    }

    /**
     * Who did it: {@code staff:goteborg:anna} → "anna (staff)", {@code rules} → "the store's rules",
     * {@code connector} → "Kassa", {@code centra} → "Centra", {@code till} → "the till".
     */
    public String actor(String actor) {
        if (actor == null || actor.isBlank()) {
            return "";
        }
        if (actor.startsWith("staff:")) {
            String[] parts = actor.split(":", 3);
            return parts.length == 3 ? say("actor.staff", parts[2]) : say("actor.staffOf", parts[1]);
        }
        return switch (actor) {
            case "rules" -> say("actor.rules");
            case "connector" -> say("actor.connector");
            case "poll" -> say("actor.poll");
            case "centra" -> say("actor.centra");
            case "centara", "till" -> say("actor.till");
            default -> actor;
        };
    }

    /** A message of the page's language. */
    public String say(String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
