package dev.kassa.connector.console;

import java.util.Map;

/** What the console says for an offer's state and for who did something, in words a clerk reads at a glance. */
final class Words {

    private static final Map<String, String> STATES = Map.ofEntries(
            Map.entry("offered", "waiting for your decision"), Map.entry("accepting", "accepting…"),
            Map.entry("rejecting", "rejecting…"), Map.entry("accepted", "accepted"), Map.entry("in_till", "in the till"),
            Map.entry("shipping", "shipping…"), Map.entry("shipped", "shipped"), Map.entry("rejected", "rejected"),
            Map.entry("expired", "expired: no answer in time"), Map.entry("lost", "went to another shop"),
            Map.entry("failed", "went wrong"));

    /** The words for an offer's state ({@code in_till} → "in the till"); an unknown state as it is. */
    public String state(String state) {
        return state == null ? "" : STATES.getOrDefault(state, state);
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
            return parts.length == 3 ? parts[2] + " (staff)" : "staff of " + parts[1];
        }
        return switch (actor) {
            case "rules" -> "the store's rules";
            case "connector" -> "Kassa";
            case "poll" -> "Kassa (asking Centra)";
            case "centra" -> "Centra";
            case "centara", "till" -> "the till";
            default -> actor;
        };
    }
}
