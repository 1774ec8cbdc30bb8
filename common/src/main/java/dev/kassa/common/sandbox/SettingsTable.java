package dev.kassa.common.sandbox;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Small named values of a sandbox instance (its clock offset, whether it was seeded, ...) in a two-column
 * table {@code (name, setting_value)} that each sandbox creates in its own schema.
 */
public class SettingsTable {

    public static final String CLOCK_OFFSET_MILLIS = "clock.offsetMillis";
    public static final String INITIALISED = "state.initialised";

    private final JdbcClient jdbc;
    private final String select;
    private final String update;
    private final String insert;

    protected SettingsTable(JdbcClient jdbc, String table) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        this.jdbc = jdbc;
        this.select = "select setting_value from " + table + " where name = ?";
        this.update = "update " + table + " set setting_value = ? where name = ?";
        this.insert = "insert into " + table + " (name, setting_value) values (?, ?)";
    }

    public Optional<String> get(String name) {
        return jdbc.sql(select).param(name).query(String.class).optional();
    }

    public void put(String name, String value) {
        if (jdbc.sql(update).params(value, name).update() == 0) {
            jdbc.sql(insert).params(name, value).update();
        }
    }
}
