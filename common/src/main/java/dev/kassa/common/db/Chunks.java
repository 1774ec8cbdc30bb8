package dev.kassa.common.db;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Work on many rows in slices, so that IN lists and JDBC batches stay a size both H2 and PostgreSQL
 * handle well (PostgreSQL allows at most 65,535 parameters in one statement).
 */
public final class Chunks {

    public static final int SIZE = 1000;

    private Chunks() {
    }

    /** Runs {@code action} on consecutive slices of {@code items}, in order. */
    public static <T> void each(List<T> items, Consumer<List<T>> action) {
        for (int from = 0; from < items.size(); from += SIZE) {
            action.accept(items.subList(from, Math.min(items.size(), from + SIZE)));
        }
    }

    /**
     * Runs {@code action} on slices of the distinct ids in ascending order; taking row locks this way
     * keeps every transaction's locking order the same, so overlapping ones cannot deadlock.
     */
    public static void eachAscending(Collection<Long> ids, Consumer<List<Long>> action) {
        each(new ArrayList<>(new TreeSet<>(ids)), action);
    }

    /** {@link JdbcTemplate#batchUpdate(String, List)} in slices. */
    public static void batchUpdate(JdbcTemplate template, String sql, List<Object[]> rows) {
        each(rows, slice -> template.batchUpdate(sql, slice));
    }
}
