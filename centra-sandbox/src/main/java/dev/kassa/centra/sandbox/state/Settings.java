package dev.kassa.centra.sandbox.state;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Small named values of the sandbox instance: its time zone, its clock offset, whether it was seeded. */
@Repository
public class Settings {

    public static final String TIME_ZONE = "timeZone";
    public static final String CLOCK_OFFSET_MILLIS = "clock.offsetMillis";
    public static final String INITIALISED = "state.initialised";

    private final JdbcClient jdbc;

    Settings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> get(String name) {
        return jdbc.sql("select setting_value from centra_setting where name = ?").param(name).query(String.class).optional();
    }

    public void put(String name, String value) {
        int updated = jdbc.sql("update centra_setting set setting_value = ? where name = ?").params(value, name).update();
        if (updated == 0) {
            jdbc.sql("insert into centra_setting (name, setting_value) values (?, ?)").params(name, value).update();
        }
    }
}
