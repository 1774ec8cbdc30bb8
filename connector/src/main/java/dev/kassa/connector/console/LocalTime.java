package dev.kassa.connector.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times on the console's pages, in the store's time zone (head office: Centra's). */
record LocalTime(ZoneId zone) {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    public String minutes(long epochMillis) {
        return MINUTES.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    public String seconds(long epochMillis) {
        return SECONDS.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    /** An ISO instant as the admin API gives it ({@code …Z}), in this zone to the minute; blank stays blank. */
    public String iso(String instant) {
        return instant == null || instant.isBlank() ? "" : minutes(Instant.parse(instant).toEpochMilli());
    }

    /** The zone every time on the page is in, said once on the page. */
    public String zoneName() {
        return zone.getId();
    }
}
