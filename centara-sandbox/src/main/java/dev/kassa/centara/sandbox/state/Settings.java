package dev.kassa.centara.sandbox.state;

import dev.kassa.common.sandbox.SettingsTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Small named values of the sandbox: clock offset, API auth, transaction target, whether it was seeded. */
@Repository
public class Settings extends SettingsTable {

    public static final String AUTH = "auth";
    public static final String TRANSACTION_TARGET = "transactionTarget";

    Settings(JdbcClient jdbc) {
        super(jdbc, "centara_setting");
    }
}
