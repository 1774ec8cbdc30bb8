package dev.kassa.centra.sandbox.state;

import dev.kassa.common.sandbox.SettingsTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Small named values of the sandbox instance: its time zone, its clock offset, whether it was seeded. */
@Repository
public class Settings extends SettingsTable {

    public static final String TIME_ZONE = "timeZone";

    Settings(JdbcClient jdbc) {
        super(jdbc, "centra_setting");
    }
}
