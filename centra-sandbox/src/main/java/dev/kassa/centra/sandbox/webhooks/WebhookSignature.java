package dev.kassa.centra.sandbox.webhooks;

import dev.kassa.common.web.Secrets;
import java.nio.charset.StandardCharsets;

/**
 * How Centra's webhook plugin encodes and signs a call (§10.2, §10.4, §13.9): the body is
 * {@code payload=} + the JSON percent-encoded as JavaScript's {@code encodeURIComponent} does, and
 * {@code X-Centra-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Centra-Signature";
    private static final String UNRESERVED = "-_.!~*'()";

    private WebhookSignature() {
    }

    public static String body(String json) {
        return "payload=" + encodeUriComponent(json);
    }

    public static String header(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds + "." + body);
    }

    static String hmac(String secret, String message) {
        return Secrets.hmacSha256Hex(secret, message.getBytes(StandardCharsets.UTF_8));
    }

    /** UTF-8 bytes, each percent-encoded unless it is A–Z, a–z, 0–9 or one of {@code - _ . ! ~ * ' ( )}. */
    public static String encodeUriComponent(String s) {
        StringBuilder out = new StringBuilder(s.length() * 3 / 2);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || UNRESERVED.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
