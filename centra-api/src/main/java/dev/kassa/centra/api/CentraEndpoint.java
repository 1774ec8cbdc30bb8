package dev.kassa.centra.api;

import java.net.URI;
import java.util.Objects;

/**
 * One Order API plugin instance: its base URL ({@code https://shop.centra.com/api/order-api-se}) and
 * secret. {@link #toString()} never shows the secret, so an endpoint can go into logs and messages.
 */
public record CentraEndpoint(URI baseUrl, String secret) {

    public CentraEndpoint {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme()) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("the Centra base URL must be an http(s) URL, got " + baseUrl);
        }
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the Centra API secret of " + baseUrl + " must not be blank");
        }
        String s = baseUrl.toString();
        baseUrl = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    public static CentraEndpoint of(String baseUrl, String secret) {
        return new CentraEndpoint(URI.create(baseUrl), secret);
    }

    /** The URL of {@code path} (e.g. {@code stock}) with an already encoded query, if any. */
    URI resolve(String path, String query) {
        return URI.create(baseUrl + "/" + path + (query == null || query.isEmpty() ? "" : "?" + query));
    }

    @Override
    public String toString() {
        return "CentraEndpoint[" + baseUrl + ", secret=***]";
    }
}
