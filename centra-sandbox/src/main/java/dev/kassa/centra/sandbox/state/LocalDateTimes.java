package dev.kassa.centra.sandbox.state;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Centra's date-times: {@code YYYY-MM-DD HH:MM:SS} in the instance's time zone, no offset (§1.4).
 * A bare date means its midnight. A {@code T} between date and time is accepted as well.
 */
public final class LocalDateTimes {

    public static final DateTimeFormatter CENTRA = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private LocalDateTimes() {
    }

    public static Optional<LocalDateTime> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim().replace('T', ' ');
        try {
            if (s.length() == 10) {
                return Optional.of(LocalDate.parse(s).atStartOfDay());
            }
            return Optional.of(LocalDateTime.parse(s, CENTRA));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static String format(LocalDateTime t) {
        return t == null ? null : CENTRA.format(t);
    }
}
