package dev.kassa.connector.webhook;

import dev.kassa.common.web.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks {@code X-Centra-Signature: t=<unix seconds>,v1=<hex>} (spec §10.4): {@code v1} must be the
 * HMAC-SHA256 of {@code t + "." + raw body} under the endpoint secret, compared in constant time on the
 * raw bytes as received, and {@code t} must lie within the tolerance of now (either way). Unknown extra
 * {@code k=v} pairs are ignored.
 */
public final class WebhookSignatureCheck {

    private final String secret;
    private final Duration tolerance;

    public WebhookSignatureCheck(String secret, Duration tolerance) {
        this.secret = secret;
        this.tolerance = tolerance;
    }

    /** Empty when the signature holds; otherwise why not (for the 401 and the log, never with the secret). */
    public Optional<String> problem(String header, byte[] rawBody, Instant now) {
        if (secret == null || secret.isEmpty()) {
            return Optional.of("no webhook secret is configured (kassa.connector.webhook.secret), so no call can be trusted");
        }
        if (header == null || header.isBlank()) {
            return Optional.of("the X-Centra-Signature header is missing");
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                String k = part.substring(0, eq).trim();
                String v = part.substring(eq + 1).trim();
                if (k.equals("t")) {
                    t = v;
                } else if (k.equals("v1")) {
                    v1 = v;
                }
            }
        }
        if (t == null || v1 == null || !t.matches("\\d{1,12}")) {
            return Optional.of("X-Centra-Signature must be t=<unix seconds>,v1=<hex>");
        }
        byte[] expected = Secrets.hmacSha256Hex(secret, (t + ".").getBytes(StandardCharsets.US_ASCII), rawBody)
                .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, v1.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("the signature does not match the body");
        }
        long age = now.getEpochSecond() - Long.parseLong(t);
        if (Math.abs(age) > tolerance.toSeconds()) {
            return Optional.of("the signature's timestamp is " + Math.abs(age) + " s " + (age > 0 ? "old" : "in the future")
                    + ", more than the " + tolerance.toSeconds() + " s allowed");
        }
        return Optional.empty();
    }
}
