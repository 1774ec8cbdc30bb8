package dev.kassa.connector.db;

/** Texts cut to the length of the column they are stored in, so a long message never fails the write. */
public final class Columns {

    private Columns() {
    }

    /** {@code s} cut to {@code max} characters, the last one an ellipsis when cut; null stays null. */
    public static String fit(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** For the 1,000-character detail and error columns: a missing message is stored as empty. */
    public static String detail(String s) {
        return fit(s == null ? "" : s, 1000);
    }
}
