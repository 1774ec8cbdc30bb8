package dev.kassa.connector.db;

/**
 * Texts made fit for the column they are stored in, so a long or hostile message never fails the write: cut
 * to the column's length, and without control characters (PostgreSQL stores no NUL; a person's text keeps
 * its line breaks and tabs).
 */
public final class Columns {

    private Columns() {
    }

    /** {@code s} without control characters and cut to {@code max} characters, the last one an ellipsis when cut; null stays null. */
    public static String fit(String s, int max) {
        if (s == null) {
            return null;
        }
        String clean = printable(s);
        return clean.length() <= max ? clean : clean.substring(0, max - 1) + "…";
    }

    /** For the 1,000-character detail and error columns: a missing message is stored as empty. */
    public static String detail(String s) {
        return fit(s == null ? "" : s, 1000);
    }

    /** Whether {@code s} fits a key column of {@code max} characters as it is (no cutting, no control characters). */
    public static boolean fitsAsIs(String s, int max) {
        return s.length() <= max && s.equals(printable(s));
    }

    /** {@code s} without control characters (line breaks and tabs are kept) and without unpaired surrogates. */
    public static String printable(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                    : Character.isLowSurrogate(c) ? i > 0 && Character.isHighSurrogate(s.charAt(i - 1)) : true;
            boolean drop = Character.isISOControl(c) && c != '\n' && c != '\t' || !paired;
            if (drop && b == null) {
                b = new StringBuilder(s.length()).append(s, 0, i);
            } else if (!drop && b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }
}
