package dev.kassa.centra.sandbox.integrationapi;

import graphql.GraphQLContext;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The token's permissions in one GraphQL execution, and those its fields used (Centra reports them in
 * {@code extensions.permissionsUsed}, so that an integrator can make a production token with exactly those).
 */
final class Grants {

    private static final String GRANTED = Grants.class.getName() + ".granted";
    private static final String USED = Grants.class.getName() + ".used";

    private Grants() {
    }

    static void start(GraphQLContext context, Set<String> granted) {
        context.put(GRANTED, granted);
        context.put(USED, new ConcurrentSkipListSet<String>());
    }

    /** Records the use of {@code permission}, or refuses the field when the token lacks it. */
    static void require(GraphQLContext context, String permission) {
        Set<String> granted = context.get(GRANTED);
        if (granted == null || !granted.contains(permission)) {
            throw new IntegrationApiError("Permission denied: the token lacks " + permission);
        }
        Set<String> used = context.get(USED);
        used.add(permission);
    }

    static Set<String> used(GraphQLContext context) {
        Set<String> used = context.get(USED);
        return used == null ? Set.of() : used;
    }

    /** A field refused: its message becomes one of the response's {@code errors}, the field null. */
    static final class IntegrationApiError extends RuntimeException {
        IntegrationApiError(String message) {
            super(message);
        }
    }
}
