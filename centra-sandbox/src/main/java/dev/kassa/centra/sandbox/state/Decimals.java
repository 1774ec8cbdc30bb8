package dev.kassa.centra.sandbox.state;

import java.math.BigDecimal;

/** Amounts as Centra writes them: 100.00 as 100 and 329.50 as 329.5, never in exponent form. */
public final class Decimals {

    private Decimals() {
    }

    public static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
