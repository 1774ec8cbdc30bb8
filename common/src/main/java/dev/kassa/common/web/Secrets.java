package dev.kassa.common.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Comparisons of secrets that take the same time whether the first or the last byte differs. */
public final class Secrets {

    private Secrets() {
    }

    public static boolean constantTimeEquals(String presented, String expected) {
        if (presented == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
