package dev.kassa.centra.sandbox.integrationapi;

import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.VariableReference;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a request costs before it runs: whether its operation is a mutation, and its query complexity.
 * Complexity (decision 0024; Centra publishes no formula): every field selected is a point, and what is
 * selected under a field with a {@code limit} argument counts {@code limit} times (the default 20 when
 * none is given), as a page of that many objects would. A request that does not parse costs a request
 * only; GraphQL then answers it with its syntax error.
 */
record Operation(boolean mutation, long complexity) {

    private static final int DEFAULT_LIMIT = 20;
    private static final long MAX = 1_000_000_000L;

    static Operation of(String query, String operationName, Map<String, Object> variables) {
        if (query == null || query.isBlank()) {
            return new Operation(false, 0);
        }
        Document document;
        try {
            document = Parser.parse(query);
        } catch (InvalidSyntaxException | IllegalArgumentException e) {
            return new Operation(false, 0);
        }
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        OperationDefinition chosen = null;
        int operations = 0;
        for (var d : document.getDefinitions()) {
            if (d instanceof FragmentDefinition f) {
                fragments.put(f.getName(), f);
            } else if (d instanceof OperationDefinition o) {
                operations++;
                if (operationName == null ? chosen == null : operationName.equals(o.getName())) {
                    chosen = o;
                }
            }
        }
        if (chosen == null || (operationName == null && operations > 1)) {
            return new Operation(false, 0); // GraphQL refuses it: which operation is meant is unknown
        }
        long complexity = cost(chosen.getSelectionSet(), fragments, variables == null ? Map.of() : variables, new HashSet<>());
        return new Operation(chosen.getOperation() == OperationDefinition.Operation.MUTATION, complexity);
    }

    private static long cost(SelectionSet set, Map<String, FragmentDefinition> fragments, Map<String, Object> variables,
                             Set<String> inFragments) {
        if (set == null) {
            return 0;
        }
        long sum = 0;
        for (Selection<?> s : set.getSelections()) {
            if (s instanceof Field f) {
                long children = cost(f.getSelectionSet(), fragments, variables, inFragments);
                sum += 1 + children * limit(f, variables);
            } else if (s instanceof InlineFragment i) {
                sum += cost(i.getSelectionSet(), fragments, variables, inFragments);
            } else if (s instanceof FragmentSpread spread && fragments.containsKey(spread.getName())
                    && inFragments.add(spread.getName())) { // a fragment that spreads itself is GraphQL's error to name
                sum += cost(fragments.get(spread.getName()).getSelectionSet(), fragments, variables, inFragments);
                inFragments.remove(spread.getName());
            }
            if (sum > MAX) {
                return MAX;
            }
        }
        return sum;
    }

    /** The fields that take {@code limit} (a page of objects, 20 unless asked otherwise). */
    private static final Set<String> PAGED = Set.of("warehouses", "stock");

    private static long limit(Field f, Map<String, Object> variables) {
        for (Argument a : f.getArguments()) {
            if (!a.getName().equals("limit")) {
                continue;
            }
            if (a.getValue() instanceof IntValue v) {
                return Math.max(1, v.getValue().min(java.math.BigInteger.valueOf(MAX)).longValue());
            }
            if (a.getValue() instanceof VariableReference r && variables.get(r.getName()) instanceof Number n) {
                return Math.max(1, Math.min(MAX, n.longValue()));
            }
            return DEFAULT_LIMIT;
        }
        return PAGED.contains(f.getName()) ? DEFAULT_LIMIT : 1;
    }
}
