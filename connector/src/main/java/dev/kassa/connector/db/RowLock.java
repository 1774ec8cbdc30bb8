package dev.kassa.connector.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Named locks for work that must run on one thread of one connector node at a time (the stock writer of a
 * store, the catalogue sync of a country). The lock is the row {@code name} of {@code connector_lock},
 * taken with {@code SELECT … FOR UPDATE SKIP LOCKED} on a connection of its own and held while the work
 * runs (the work commits its own transactions on other connections), then released by a rollback. When a
 * node dies, its connection and so its lock go with it; nothing has to time out.
 */
@Component
public class RowLock {

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    RowLock(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** Makes sure the lock row exists (several nodes may do this at once). */
    public void ensure(String name) {
        insertIfAbsent("connector_lock", "name", name);
    }

    /**
     * Inserts the row whose key {@code column} is {@code key} into {@code table} unless it exists; several
     * nodes starting at once may race, and the loser's duplicate is ignored.
     */
    public void insertIfAbsent(String table, String column, String key) {
        if (!table.matches("[a-z_]+") || !column.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a table or column name: " + table + "." + column);
        }
        if (jdbc.sql("select count(*) from " + table + " where " + column + " = ?").param(key).query(Integer.class).single() == 0) {
            try {
                jdbc.sql("insert into " + table + " (" + column + ") values (?)").param(key).update();
            } catch (DuplicateKeyException e) {
                // another node created it meanwhile
            }
        }
    }

    /** This node's holders: one thread of this node at a time, before the row lock says one node at a time. */
    private final java.util.concurrent.ConcurrentMap<String, java.util.concurrent.locks.ReentrantLock> local =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Runs {@code work} holding the lock {@code name}; false, without running it, when another holder has it.
     * Two locks are taken: this node's own (a thread of this node holds it) and the row lock (a node holds it).
     * The row lock alone did not keep two threads of one node apart on H2 under contention
     * ({@code StockPropertyTest} saw two cycles of one store overlap about once in 50 seeds).
     */
    public boolean tryWith(String name, Runnable work) {
        java.util.concurrent.locks.ReentrantLock mine = local.computeIfAbsent(name, n -> new java.util.concurrent.locks.ReentrantLock());
        if (!mine.tryLock()) {
            return false;
        }
        try {
            return tryRow(name, work);
        } finally {
            mine.unlock();
        }
    }

    private boolean tryRow(String name, Runnable work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement("select name from connector_lock where name = ? for update skip locked")) {
                    s.setString(1, name);
                    try (ResultSet r = s.executeQuery()) {
                        if (!r.next()) {
                            return false;
                        }
                    }
                }
                work.run();
                return true;
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("could not take the lock " + name, e);
        }
    }
}
