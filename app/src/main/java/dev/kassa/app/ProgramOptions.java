package dev.kassa.app;

import dev.kassa.common.db.EmbeddedDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared options of every program (spec/sandbox-admin.md "Command line"), turned into Spring
 * command-line properties, so an option given beats the environment, {@code application.yaml} and the
 * program's defaults. {@code --name=value} arguments that are not ours pass through to Spring unchanged.
 */
final class ProgramOptions {

    private static final List<String> OURS = List.of(
            "--port", "--data", "--db-url", "--db-user", "--db-password", "--admin-token", "--seed");

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
                    throw new UsageException("unknown option '" + arg + "' (see kassa --help)");
                }
                spring.add(arg);
                continue;
            }
            if (value == null) {
                value = required(name, i + 1 < args.length ? args[++i] : null);
            }
            switch (name) {
                case "--port" -> spring.add("--server.port=" + intValue(name, value));
                case "--data" -> data = Path.of(value);
                case "--db-url" -> dbUrl = value;
                case "--db-user" -> spring.add("--spring.datasource.username=" + value);
                case "--db-password" -> spring.add("--spring.datasource.password=" + value);
                case "--admin-token" -> spring.add("--kassa.sandbox.admin-token=" + value);
                case "--seed" -> {
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
            spring.add("--spring.datasource.url=" + EmbeddedDatabase.h2Url(data, "db"));
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
