package dev.kassa.common.demo;

/** EAN-13 numbers with a correct GS1 check digit, for seeded and generated catalogues. */
public final class Ean13 {

    private Ean13() {
    }

    /** {@code prefix} followed by {@code number} zero-padded to twelve digits, plus the check digit. */
    public static String of(String prefix, long number) {
        String body = prefix + String.format("%0" + (12 - prefix.length()) + "d", number);
        if (body.length() != 12 || !body.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("an EAN-13 needs twelve digits before its check digit: " + body);
        }
        return body + checkDigit(body);
    }

    public static int checkDigit(String twelveDigits) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            int digit = twelveDigits.charAt(i) - '0';
            sum += i % 2 == 0 ? digit : digit * 3;
        }
        return (10 - sum % 10) % 10;
    }

    public static boolean isValid(String ean) {
        return ean != null && ean.length() == 13 && ean.chars().allMatch(Character::isDigit)
                && checkDigit(ean.substring(0, 12)) == ean.charAt(12) - '0';
    }
}
