package dev.kassa.connector.config;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A store's opening hours, written as {@code Mon-Fri 10:00-19:00; Sat 10:00-16:00} (days in English,
 * three letters; a range of days or one day; one or more periods per entry separated by commas). A day
 * not named is closed.
 */
public final class OpeningHours {

    private record Period(LocalTime from, LocalTime to) {
    }

    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private final String text;
    private final Map<DayOfWeek, List<Period>> periods = new EnumMap<>(DayOfWeek.class);

    public OpeningHours(String text) {
        this.text = text.trim();
        for (String entry : this.text.split(";")) {
            String e = entry.trim();
            int space = e.indexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException("'" + e + "' must be <days> <from>-<to>, e.g. Mon-Fri 10:00-19:00");
            }
            String[] days = e.substring(0, space).toLowerCase(Locale.ROOT).split("-");
            int first = day(days[0]);
            int last = days.length > 1 ? day(days[1]) : first;
            if (days.length > 2 || last < first) {
                throw new IllegalArgumentException("'" + e.substring(0, space) + "' is not a day or a range of days like Mon-Fri");
            }
            List<Period> list = new ArrayList<>();
            for (String p : e.substring(space + 1).split(",")) {
                String[] t = p.trim().split("-");
                try {
                    Period period = new Period(LocalTime.parse(t[0].trim()), LocalTime.parse(t[1].trim()));
                    if (t.length != 2 || !period.from().isBefore(period.to())) {
                        throw new IllegalArgumentException("'" + p.trim() + "' must be <from>-<to> with from before to");
                    }
                    list.add(period);
                } catch (DateTimeParseException | ArrayIndexOutOfBoundsException ex) {
                    throw new IllegalArgumentException("'" + p.trim() + "' must be <from>-<to> such as 10:00-19:00");
                }
            }
            for (int d = first; d <= last; d++) {
                periods.computeIfAbsent(DayOfWeek.of(d + 1), k -> new ArrayList<>()).addAll(list);
            }
        }
    }

    private static int day(String d) {
        int i = DAYS.indexOf(d);
        if (i < 0) {
            throw new IllegalArgumentException("'" + d + "' is not a day: use Mon, Tue, Wed, Thu, Fri, Sat, Sun");
        }
        return i;
    }

    /** Whether the store is open at that moment (in the store's own time zone). */
    public boolean isOpen(ZonedDateTime at) {
        LocalTime t = at.toLocalTime();
        return periods.getOrDefault(at.getDayOfWeek(), List.of()).stream()
                .anyMatch(p -> !t.isBefore(p.from()) && t.isBefore(p.to()));
    }

    @Override
    public String toString() {
        return text;
    }
}
