package dev.kassa.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KassaCommandLineTest {

    @Test
    void optionsBecomeSpringPropertiesAndOthersPassThrough() {
        String[] args = ProgramOptions.springArgs("centra-sandbox", new String[]{
                "--port", "9001", "--admin-token=abc", "--seed", "empty", "--data", "/tmp/x", "--server.address=127.0.0.1"});
        assertThat(args).contains("--server.port=9001", "--kassa.sandbox.admin-token=abc", "--kassa.sandbox.seed=empty",
                "--server.address=127.0.0.1");
        assertThat(args).anySatisfy(a -> assertThat(a).startsWith("--spring.datasource.url=jdbc:h2:retry:file:/tmp/x/db"));
        assertThat(ProgramOptions.springArgs("centra-sandbox", new String[]{"--db-url", "jdbc:postgresql://h/db"}))
                .containsExactly("--spring.datasource.url=jdbc:postgresql://h/db");
        assertThat(ProgramOptions.springArgs("centra-sandbox", new String[0])).as("defaults stay in the program").isEmpty();
        // decision 0019: the connector's commits reach the file at once, a sandbox's within H2's 500 ms
        assertThat(ProgramOptions.springArgs("connector", new String[]{"--data", "/tmp/x"}))
                .anySatisfy(a -> assertThat(a).startsWith("--spring.datasource.url=").endsWith(";WRITE_DELAY=0"));
        assertThat(ProgramOptions.springArgs("centara-sandbox", new String[]{"--data", "/tmp/x"}))
                .allSatisfy(a -> assertThat(a).doesNotContain("WRITE_DELAY"));
    }

    /** The launcher's start-up cache training (decision 0019) starts the whole demo on ports the system picks. */
    @Test
    void theStartUpTrainingRunsTheDemoOnPortsTheSystemPicks(@TempDir Path data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var started = Demo.start(new String[]{"--data", data.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), true);
        try {
            assertThat(started).hasSize(3);
            var http = java.net.http.HttpClient.newHttpClient();
            for (var context : started) {
                String port = context.getEnvironment().getProperty("local.server.port");
                assertThat(port).isNotIn("8080", "8081", "8082");
                var health = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                        + "/actuator/health")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).as(context.getId() + " " + health.body()).isEqualTo(200);
            }
            assertThat(data.resolve("connector")).isDirectory();
        } finally {
            for (var context : started.reversed()) {
                context.close();
            }
        }
    }

    @Test
    void badOptionsAreUsageErrorsNamingTheOption() {
        assertThatThrownBy(() -> ProgramOptions.springArgs("p", new String[]{"--port", "eighty"})).hasMessageContaining("--port");
        assertThatThrownBy(() -> ProgramOptions.springArgs("p", new String[]{"--seed", "lots"})).hasMessageContaining("--seed");
        assertThatThrownBy(() -> ProgramOptions.springArgs("p", new String[]{"--db-url", "postgres://x"})).hasMessageContaining("--db-url");
        assertThatThrownBy(() -> ProgramOptions.springArgs("p", new String[]{"--data", "d", "--db-url", "jdbc:x"})).hasMessageContaining("exclude");
        assertThatThrownBy(() -> ProgramOptions.springArgs("p", new String[]{"--port"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ProgramOptions.springArgs("p", new String[]{"stray"})).hasMessageContaining("unknown option");
    }

    @Test
    void theDemosPortsAreFixedAndTheUsageNamesBothSandboxes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Kassa.run(new String[]{"demo", "--port", "9000"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ports are fixed", "8081", "8082");
        assertThat(Kassa.USAGE).contains("centra-sandbox", "centara-sandbox", "connector");
    }

    @Test
    void everyOptionAppliesToTheProgramItIsGivenToOrIsRefused() {
        assertThat(ProgramOptions.springArgs("connector", new String[]{"--admin-token", "connector-token-123456"}))
                .as("the connector's own token, not a sandbox's").containsExactly("--kassa.connector.admin-token=connector-token-123456");
        assertThat(ProgramOptions.springArgs("centra-sandbox", new String[]{"--admin-token", "t"})).containsExactly("--kassa.sandbox.admin-token=t");
        assertThat(ProgramOptions.springArgs("connector", new String[]{"--allow-no-stores"})).containsExactly("--kassa.connector.allow-no-stores=true");
        assertThatThrownBy(() -> ProgramOptions.springArgs("connector", new String[]{"--seed", "demo"}))
                .hasMessageContaining("--seed is an option of the sandboxes");
        assertThatThrownBy(() -> ProgramOptions.springArgs("centra-sandbox", new String[]{"--allow-no-stores"}))
                .hasMessageContaining("--allow-no-stores is an option of the connector");
        assertThatThrownBy(() -> ProgramOptions.springArgs("connector", new String[]{"--kassa.sandbox.seed=empty"}))
                .hasMessageContaining("kassa.sandbox.seed is not a setting of the connector");
        assertThatThrownBy(() -> ProgramOptions.springArgs("centara-sandbox", new String[]{"--kassa.connector.admin-token=x"}))
                .hasMessageContaining("not a setting of the centara-sandbox");
        assertThatThrownBy(() -> ProgramOptions.springArgs("connector", new String[]{"--config", "/nowhere/application.yaml"}))
                .hasMessageContaining("--config /nowhere/application.yaml: no such file");
        assertThatThrownBy(() -> ProgramOptions.springArgs("connector", new String[]{"--allow-no-stores=yes"})).hasMessageContaining("takes no value");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(Kassa.run(new String[]{"demo", "--admin-token", "x"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--admin-token does not apply to the demo", "kassa demo --help");
    }

    @Test
    void eachCommandExplainsItselfAndTheConnectorNamesTheSettingsToDecide() {
        for (String command : Kassa.COMMANDS) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(Kassa.run(new String[]{command, "--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err))
                    .as(command + " --help").isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: kassa " + command);
        }
        assertThat(Kassa.usage("connector")).contains("--config", "--admin-token", "--allow-no-stores", "kassa.connector.item-id-pattern",
                "kassa.connector.centra.time-zone", "connect-timeout-millis", "request-timeout-millis", "webhook.secret",
                "country: \"no\"");
        assertThat(Kassa.usage("centra-sandbox")).contains("--seed", "--admin-token").doesNotContain("--allow-no-stores");
        assertThat(Kassa.USAGE).contains("demo", "connector", "centra-sandbox", "centara-sandbox", "generate-catalogue", "test", "bench");
    }

    /** One usage text: the launcher prints the file the jar reads, and a command's --help needs no JDK. */
    @Test
    void theLauncherAndTheJarSayTheSame(@TempDir Path emptyJvmDir) throws Exception {
        assertThat(script(emptyJvmDir, "--help")).isEqualTo(Kassa.USAGE);
        assertThat(script(emptyJvmDir, "connector", "--help")).isEqualTo(Kassa.usage("connector"));
        assertThat(script(emptyJvmDir, "frobnicate")).startsWith("kassa: unknown command 'frobnicate'").contains(Kassa.USAGE);
    }

    private static String script(Path jvmDir, String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("bash", Path.of("..", "kassa").toString()));
        command.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("KASSA_JVM_DIR", jvmDir.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return output;
    }

    /** Without a store the connector refuses to start, saying what to configure (and exits non-zero from main). */
    @Test
    void theConnectorWithoutAStoreRefusesToStart(@TempDir Path data) {
        assertThatThrownBy(() -> Kassa.run(new String[]{"connector", "--data", data.toString(), "--port", "0"}, System.out, System.err))
                .rootCause().hasMessageContaining("kassa.connector.stores: no store is configured")
                .hasMessageContaining("--allow-no-stores");
    }

    /** In one process (the demo) each line says which program wrote it: start-up, requests, background loops. */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void eachLogLineNamesItsProgram(@TempDir Path data, org.springframework.boot.test.system.CapturedOutput output) {
        try (var sandbox = Kassa.startCentraSandbox(ProgramOptions.springArgs("centra-sandbox", new String[]{"--port", "0",
                "--data", data.toString(), "--admin-token", "t", "--logging.level.dev.kassa=DEBUG"}))) {
            String base = "http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port");
            dev.kassa.common.testing.Http.send("GET", base + "/sandbox/clock", java.util.Map.of(), null); // a 401, logged at DEBUG
        }
        // as text (INFO [centra-sandbox]), or as the program field of structured logs
        String started = output.getAll().lines().filter(l -> l.contains("Started ")).findFirst().orElse("");
        assertThat(started).containsAnyOf(" INFO [centra-sandbox] ", "\"program\":\"centra-sandbox\"");
    }

    @Test
    void unknownCommandsExitWithUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Kassa.run(new String[]{"frobnicate"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'frobnicate'", "centra-sandbox");
    }

    @Test
    void generateCatalogueWritesALoadableDataset(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("big.json");
        assertThat(Kassa.run(new String[]{"generate-catalogue", "--stock-items", "25", "--out", out.toString()},
                System.out, System.err)).isZero();
        assertThat(Files.readString(out)).contains("\"stockItemId\":25", "\"uri\":\"order-api\"");
    }

    /** The launcher script refuses clearly, with a non-zero exit, when no JDK 21+ can be found. */
    @Test
    void launcherFailsClearlyWithoutASuitableJdk(@TempDir Path emptyJvmDir) throws Exception {
        File script = Path.of("..", "kassa").toFile();
        ProcessBuilder pb = new ProcessBuilder("bash", script.getPath(), "demo").redirectErrorStream(true);
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("KASSA_JVM_DIR", emptyJvmDir.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isNotZero();
        assertThat(output).contains("no JDK 21 or newer found");
    }
}
