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
        assertThat(args).anySatisfy(a -> assertThat(a).startsWith("--spring.datasource.url=jdbc:h2:file:/tmp/x/db"));
        assertThat(ProgramOptions.springArgs("centra-sandbox", new String[]{"--db-url", "jdbc:postgresql://h/db"}))
                .containsExactly("--spring.datasource.url=jdbc:postgresql://h/db");
        assertThat(ProgramOptions.springArgs("centra-sandbox", new String[0])).as("defaults stay in the program").isEmpty();
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
