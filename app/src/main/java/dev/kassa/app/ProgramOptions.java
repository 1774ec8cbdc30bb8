package dev.kassa.app;

import dev.kassa.common.db.EmbeddedDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of each program (its usage text: {@code usage/<program>.txt}), turned into Spring
 * command-line properties, so an option given beats the environment, {@code application.yaml} and the
 * program's defaults. Every option either applies to the program it is given to or is refused:
 * {@code --seed} is the sandboxes', {@code --allow-no-stores} the connector's, {@code --admin-token} sets
 * the token of the program it is given to, and a {@code --kassa.<other program>.*} setting is refused.
 * Other {@code --name=value} arguments pass through to Spring unchanged.
 */
final class ProgramOptions {

    private static final List<String> OURS = List.of(
            "--port", "--data", "--db-url", "--db-user", "--db-password", "--db-password-file", "--admin-token", "--seed", "--config",
            "--allow-no-stores");
    /** Options that take no value. */
    private static final List<String> FLAGS = List.of("--allow-no-stores");
    static final String CONNECTOR = "connector";

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    private ProgramOptions() {
    }

    /** Spring arguments for {@code args}; {@code program} names the default data directory. */
    static String[] springArgs(String program, String[] args) {
        List<String> spring = new ArrayList<>();
        Path data = null;
        String dbUrl = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!OURS.contains(name)) {
                if (!arg.startsWith("--") || eq < 0) {
                    throw new UsageException("unknown option '" + arg + "' (see kassa " + program + " --help)");
                }
                String own = program.equals(CONNECTOR) ? "--kassa.connector." : "--kassa.sandbox.";
                if (name.startsWith("--kassa.") && !name.startsWith(own)) {
                    throw new UsageException(name.substring(2) + " is not a setting of the " + program + " (its settings are "
                            + own.substring(2) + "*; see kassa " + program + " --help)");
                }
                spring.add(arg);
                continue;
            }
            if (FLAGS.contains(name)) {
                if (value != null) {
                    throw new UsageException(name + " takes no value");
                }
            } else if (value == null) {
                value = required(name, i + 1 < args.length ? args[++i] : null);
            }
            switch (name) {
                case "--port" -> spring.add("--server.port=" + intValue(name, value));
                case "--data" -> data = Path.of(value);
                case "--db-url" -> dbUrl = value;
                case "--db-user" -> spring.add("--spring.datasource.username=" + value);
                case "--db-password" -> spring.add("--spring.datasource.password=" + value);
                case "--db-password-file" -> spring.add("--spring.datasource.password-file=" + value); // read by SecretFiles
                case "--admin-token" -> spring.add((program.equals(CONNECTOR) ? "--kassa.connector.admin-token=" : "--kassa.sandbox.admin-token=")
                        + value);
                case "--allow-no-stores" -> {
                    if (!program.equals(CONNECTOR)) {
                        throw new UsageException("--allow-no-stores is an option of the connector, not of the " + program);
                    }
                    spring.add("--kassa.connector.allow-no-stores=true");
                }
                case "--config" -> {
                    Path file = Path.of(value);
                    if (!java.nio.file.Files.isRegularFile(file)) {
                        throw new UsageException("--config " + value + ": no such file");
                    }
                    spring.add("--spring.config.additional-location=file:" + file.toAbsolutePath());
                }
                case "--seed" -> {
                    if (program.equals(CONNECTOR)) {
                        throw new UsageException("--seed is an option of the sandboxes, not of the connector");
                    }
                    if (!value.equals("demo") && !value.equals("empty")) {
                        throw new UsageException("--seed must be demo or empty, got '" + value + "'");
                    }
                    spring.add("--kassa.sandbox.seed=" + value);
                }
                default -> throw new IllegalStateException(name);
            }
        }
        if (dbUrl != null && data != null) {
            throw new UsageException("--data and --db-url exclude each other: --data is for the embedded H2 database");
        }
        if (dbUrl != null) {
            if (!dbUrl.startsWith("jdbc:")) {
                throw new UsageException("--db-url must be a JDBC URL such as jdbc:postgresql://host:5432/kassa");
            }
            spring.add("--spring.datasource.url=" + dbUrl);
        } else if (data != null) {
            spring.add("--spring.datasource.url=" + EmbeddedDatabase.h2Url(data, "db", program.equals(CONNECTOR)
                    ? EmbeddedDatabase.Commits.ON_DISK_AT_ONCE : EmbeddedDatabase.Commits.WITHIN_HALF_A_SECOND));
        }
        return spring.toArray(String[]::new);
    }

    static String required(String option, String value) {
        if (value == null || value.startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return value;
    }

    static int intValue(String option, String value) {
        try {
            return Integer.parseInt(required(option, value));
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a number, got '" + value + "'");
        }
    }
}
