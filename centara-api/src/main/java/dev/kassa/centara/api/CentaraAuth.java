package dev.kassa.centara.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * How the connector authenticates to Centara's API (spec B.2: not documented by Centara, so all three
 * schemes the sandbox offers are supported). Secrets never appear in {@code toString}.
 */
public sealed interface CentaraAuth {

    /** The {@code Authorization} header to send, if any. */
    Optional<String> header();

    static CentaraAuth none() {
        return new None();
    }

    static CentaraAuth bearer(String token) {
        return new Bearer(token);
    }

    static CentaraAuth basic(String username, String password) {
        return new Basic(username, password);
    }

    record None() implements CentaraAuth {
        @Override
        public Optional<String> header() {
            return Optional.empty();
        }
    }

    record Bearer(String token) implements CentaraAuth {
        public Bearer {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("a bearer token is needed");
            }
        }

        @Override
        public Optional<String> header() {
            return Optional.of("Bearer " + token);
        }

        @Override
        public String toString() {
            return "Bearer[***]";
        }
    }

    record Basic(String username, String password) implements CentaraAuth {
        public Basic {
            if (username == null || username.isBlank() || username.contains(":") || password == null) {
                throw new IllegalArgumentException("basic authentication needs a username without ':' and a password");
            }
        }

        @Override
        public Optional<String> header() {
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(
                    (username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String toString() {
            return "Basic[" + username + ", ***]";
        }
    }
}
