package dev.kassa.centra.sandbox.integrationapi;

import dev.kassa.common.web.Secrets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The Integration API's tokens and what each may do, as Centra's AMS grants them: a token names its
 * permissions ({@code Warehouse:read}, {@code StockChange:write} …), and a field needing one it lacks is
 * refused. Configured as {@code kassa.sandbox.integration-api.tokens.<token>=<permission>,<permission>…};
 * the demo has {@link #DEMO}, with the least the connector needs.
 */
@Component
public class Tokens {

    /** The demo token: read warehouses, their stock and sizes, write stock changes. */
    public static final String DEMO = "demo-integration-api-token";

    private final Map<String, Set<String>> tokens = new LinkedHashMap<>();

    Tokens(Environment environment) {
        Binder.get(environment).bind("kassa.sandbox.integration-api.tokens", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of())
                .forEach((token, permissions) -> tokens.put(token, Arrays.stream(permissions.split(","))
                        .map(String::trim).filter(p -> !p.isEmpty()).collect(Collectors.toUnmodifiableSet())));
    }

    /** The permissions of {@code token}, compared in constant time against every token; empty when unknown. */
    public Optional<Set<String>> permissions(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        Set<String> found = null;
        for (Map.Entry<String, Set<String>> e : tokens.entrySet()) {
            if (Secrets.constantTimeEquals(token, e.getKey())) {
                found = e.getValue();
            }
        }
        return Optional.ofNullable(found);
    }
}
