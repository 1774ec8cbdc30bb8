package dev.kassa.app;

import dev.kassa.centara.sandbox.CentaraSandboxApplication;
import dev.kassa.centra.sandbox.CentraSandboxApplication;
import dev.kassa.connector.ConnectorApplication;
import dev.kassa.centra.sandbox.seed.CatalogueGenerator;
import dev.kassa.centra.sandbox.state.CentraDataset;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/** The {@code kassa} command line: one jar, several programs. */
public final class Kassa {

    /** The usage text: one file, read by this jar and printed by the ./kassa launcher alike. */
    static final String USAGE = usage("kassa");

    /** The commands that have their own usage text ({@code kassa <command> --help}). */
    static final List<String> COMMANDS = List.of("demo", "connector", "check", "centra-sandbox", "centara-sandbox",
            "generate-catalogue");

    /** The usage text of {@code kassa} or of one of its {@link #COMMANDS} ({@code usage/<name>.txt}). */
    static String usage(String name) {
        try (var in = Kassa.class.getResourceAsStream("usage/" + name + ".txt")) {
            if (in == null) {
                throw new IllegalStateException("no usage text for " + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Kassa() {
    }

    /**
     * The launcher's start-up cache training (decision 0019, not in the usage: {@code ./kassa} runs it once per
     * build): the demo's three programs on ports the system picks, with their databases under DIR, then exit.
     * The JVM records which classes that start loaded and links; later starts map them in.
     */
    static final String TRAINING = "start-up-training";

    public static void main(String[] args) {
        if (args.length == 2 && args[0].equals(TRAINING)) {
            Demo.start(new String[] {"--data", args[1]}, System.out, true);
            System.exit(0);
        }
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs a command; returns the exit status, or 0 once a server program is up (it keeps running). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of("--help", "-h", "help").contains(args[0])) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (COMMANDS.contains(command) && Arrays.stream(rest).anyMatch(a -> List.of("--help", "-h").contains(a))) {
            out.print(usage(command));
            return 0;
        }
        try {
            return switch (command) {
                case "centra-sandbox" -> {
                    startCentraSandbox(ProgramOptions.springArgs(CentraSandboxApplication.PROGRAM, rest));
                    yield 0;
                }
                case "centara-sandbox" -> {
                    startCentaraSandbox(ProgramOptions.springArgs(CentaraSandboxApplication.PROGRAM, rest));
                    yield 0;
                }
                case "connector" -> {
                    startConnector(ProgramOptions.springArgs(ConnectorApplication.PROGRAM, rest));
                    yield 0;
                }
                case "check" -> {
                    List<String> options = new java.util.ArrayList<>(List.of(rest));
                    java.util.Optional<String> ean = java.util.Optional.empty();
                    int at = options.indexOf("--write-test");
                    if (at >= 0) {
                        ean = java.util.Optional.of(ProgramOptions.required("--write-test", at + 1 < options.size() ? options.get(at + 1) : null));
                        options.subList(at, at + 2).clear();
                    }
                    if (options.contains("--allow-no-stores")) {
                        throw new ProgramOptions.UsageException("--allow-no-stores does not apply to the check: it checks stores");
                    }
                    yield dev.kassa.connector.check.PreflightApplication.run(
                            ProgramOptions.springArgs(ConnectorApplication.PROGRAM, options.toArray(String[]::new)), ean, out);
                }
                case "demo" -> {
                    Demo.start(rest, out);
                    yield 0;
                }
                case "generate-catalogue" -> generateCatalogue(rest, out);
                default -> {
                    err.println("kassa: unknown command '" + command + "'\n");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (ProgramOptions.UsageException e) {
            err.println("kassa " + command + ": " + e.getMessage());
            err.println("(kassa " + command + " --help lists the options)");
            return 2;
        }
    }

    static ConfigurableApplicationContext startCentraSandbox(String[] springArgs) {
        return start(CentraSandboxApplication.class, CentraSandboxApplication.PROGRAM, springArgs);
    }

    static ConfigurableApplicationContext startConnector(String[] springArgs) {
        return start(ConnectorApplication.class, ConnectorApplication.PROGRAM, springArgs);
    }

    static ConfigurableApplicationContext startCentaraSandbox(String[] springArgs) {
        return start(CentaraSandboxApplication.class, CentaraSandboxApplication.PROGRAM, springArgs);
    }

    /** The log pattern's level column also names the program ({@code INFO [connector]}): the demo runs three in one process. */
    static final String LEVEL_PATTERN = "%5p [%X{" + dev.kassa.common.web.ProgramLogs.KEY + ":-kassa}]";

    private static ConfigurableApplicationContext start(Class<?> app, String program, String[] springArgs) {
        org.slf4j.MDC.put(dev.kassa.common.web.ProgramLogs.KEY, program);
        try {
            return new SpringApplicationBuilder(app).properties("logging.pattern.level=" + LEVEL_PATTERN).run(springArgs);
        } finally {
            org.slf4j.MDC.remove(dev.kassa.common.web.ProgramLogs.KEY);
        }
    }

    private static int generateCatalogue(String[] args, PrintStream out) {
        int stockItems = 0;
        long seed = 1;
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--stock-items" -> stockItems = ProgramOptions.intValue("--stock-items", value);
                case "--seed" -> seed = ProgramOptions.intValue("--seed", value);
                case "--out" -> file = Path.of(ProgramOptions.required("--out", value));
                default -> throw new ProgramOptions.UsageException("unknown option " + args[i]);
            }
            i++;
        }
        if (stockItems < 1) {
            throw new ProgramOptions.UsageException("--stock-items N (a positive number) is required");
        }
        CentraDataset dataset = CatalogueGenerator.generate(stockItems, seed);
        JsonMapper mapper = JsonMapper.builder().build();
        try (OutputStream stream = file == null ? out : Files.newOutputStream(file)) {
            mapper.writeValue(stream, dataset);
        } catch (IOException e) {
            throw new ProgramOptions.UsageException("cannot write " + file + ": " + e.getMessage());
        }
        return 0;
    }
}
