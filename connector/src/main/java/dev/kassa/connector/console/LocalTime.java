package dev.kassa.connector.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Times and numbers on the console's pages: in the store's time zone (head office: Centra's), written the
 * way the page's language writes them in the shop's country (see {@link ConsoleLanguage#formats}).
 */
record LocalTime(ZoneId zone, Locale locale) {

    public String minutes(long epochMillis) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    public String seconds(long epochMillis) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.MEDIUM).withLocale(locale)
                .format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    /** An ISO instant as the admin API gives it ({@code …Z}), in this zone to the minute; blank stays blank. */
    public String iso(String instant) {
        return instant == null || instant.isBlank() ? "" : minutes(Instant.parse(instant).toEpochMilli());
    }

    /** The zone every time on the page is in, said once on the page: its name in the page's language. */
    public String zoneName() {
        return zone.getDisplayName(TextStyle.FULL, locale);
    }

    /** The zone's id ({@code Europe/Stockholm}). */
    public String zoneId() {
        return zone.getId();
    }

    /** A number as the page's locale writes it (1 234,5 in Sweden). */
    public String number(Number n) {
        return n == null ? "" : java.text.NumberFormat.getNumberInstance(locale).format(n);
    }

    /** An amount in a currency ({@code 599.00} and {@code SEK} → 599,00 kr in Sweden); as given when it is not a number. */
    public String money(String amount, String currency) {
        if (amount == null || amount.isBlank()) {
            return "";
        }
        try {
            java.math.BigDecimal value = new java.math.BigDecimal(amount.trim());
            java.text.NumberFormat f = java.text.NumberFormat.getCurrencyInstance(locale);
            f.setCurrency(java.util.Currency.getInstance(currency.trim().toUpperCase(Locale.ROOT)));
            return f.format(value);
        } catch (RuntimeException e) {
            return (amount.trim() + " " + (currency == null ? "" : currency.trim())).trim();
        }
    }
}
