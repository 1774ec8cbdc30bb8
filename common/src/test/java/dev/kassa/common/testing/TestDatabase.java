package dev.kassa.common.testing;

import dev.kassa.common.db.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fresh, empty database for one test context, on the database the run was started for
 * ({@code -Dkassa.test.db=h2|postgres}; {@code ./kassa test} runs the "db" suites on both).
 * H2 gets a new file under {@code target/}; PostgreSQL gets a new schema in the configured database,
 * so test classes never see each other's rows.
 */
public final class TestDatabase {

    private static final AtomicBoolean CLEANED = new AtomicBoolean();
    private static final String SCHEMA_PREFIX = "kassa_t";

    private final Map<String, String> properties;
    private final String description;

    private TestDatabase(Map<String, String> properties, String description) {
        this.properties = Map.copyOf(properties);
        this.description = description;
    }

    public static boolean isPostgres() {
        return "postgres".equals(kind());
    }

    public static String kind() {
        return System.getProperty("kassa.test.db", "h2");
    }

    /** A new, empty database. */
    public static TestDatabase fresh() {
        if (isPostgres()) {
            return freshPostgresSchema();
        }
        Path dir = Path.of("target", "test-h2", UUID.randomUUID().toString());
        Map<String, String> props = new LinkedHashMap<>();
        props.put("spring.datasource.url", EmbeddedDatabase.h2Url(dir, "db"));
        props.put("spring.datasource.username", "sa");
        props.put("spring.datasource.password", "");
        return new TestDatabase(props, "H2 " + dir);
    }

    /**
     * A test JVM keeps many contexts cached, each with its pool, and PostgreSQL's connections are counted (a
     * full run came within a few of the server's 300): a pool here keeps two idle connections, and gives back
     * what a burst opened after ten seconds idle. Not for H2: a file database closes with its last connection,
     * and a pool that shrinks and grows again met it closing ("The database has been closed").
     */
    private static Map<String, String> pooled(Map<String, String> props) {
        props.put("spring.datasource.hikari.minimum-idle", "2");
        props.put("spring.datasource.hikari.idle-timeout", "10000");
        return props;
    }

    /** Spring properties that point a program at this database. */
    public Map<String, String> properties() {
        return properties;
    }

    public String[] asArgs() {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    public String url() {
        return properties.get("spring.datasource.url");
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), properties.get("spring.datasource.username"),
                properties.get("spring.datasource.password"));
    }

    @Override
    public String toString() {
        return description;
    }

    private static TestDatabase freshPostgresSchema() {
        String url = System.getProperty("kassa.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = System.getProperty("kassa.test.pg.user", "postgres");
        String password = System.getProperty("kassa.test.pg.password", "");
        // Schema names carry their creation time so that leftovers of killed runs can be dropped later.
        String schema = SCHEMA_PREFIX + System.currentTimeMillis() + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            if (CLEANED.compareAndSet(false, true)) {
                dropSchemasOlderThanADay(c);
            }
            st.execute("create schema " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the test PostgreSQL at " + url + " as " + user
                    + " (./kassa test starts one; set -Dkassa.test.pg.url to use another): " + e.getMessage(), e);
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("spring.datasource.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema
                + "&reWriteBatchedInserts=true");
        props.put("spring.datasource.username", user);
        props.put("spring.datasource.password", password);
        return new TestDatabase(pooled(props), "PostgreSQL schema " + schema);
    }

    private static void dropSchemasOlderThanADay(Connection c) throws SQLException {
        long cutoff = System.currentTimeMillis() - 24 * 3600 * 1000L;
        List<String> old = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select nspname from pg_namespace where nspname like '" + SCHEMA_PREFIX + "%'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                String millis = name.substring(SCHEMA_PREFIX.length(), name.indexOf('_', SCHEMA_PREFIX.length()));
                if (Long.parseLong(millis) < cutoff) {
                    old.add(name);
                }
            }
        }
        for (String name : old) {
            try (Statement st = c.createStatement()) {
                st.execute("drop schema if exists " + name + " cascade");
            }
        }
    }
}
