package dev.kassa.connector;

import static org.awaitility.Awaitility.await;

import dev.kassa.common.testing.Http;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A connector node as a real separate process (on this test's class path), so that it can be killed with {@code kill -9}. */
public final class ConnectorProcess {

    private final List<String> args;
    private final Path log;
    private final int port;
    private volatile Process process;
    private volatile List<String> extra = List.of();
    private volatile boolean healthy;

    /** A node that will listen on a free port, with these arguments, logging to {@code log}; not started yet. */
    public ConnectorProcess(List<String> args, Path log) throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
        this.args = new ArrayList<>(args);
        this.args.add("--server.port=" + port);
        this.log = log;
    }

    /** Arguments added to the next starts (a restart with other settings, such as another Centra API). */
    public ConnectorProcess withExtraArgs(List<String> args) {
        this.extra = List.copyOf(args);
        return this;
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** Started and answered its health check, and not killed since. */
    public boolean healthy() {
        return healthy && alive();
    }

    /** Starts the node and waits until it is healthy (a minute at most). */
    public ConnectorProcess start() throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ConnectorApplication.class.getName()));
        command.addAll(args);
        command.addAll(extra);
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        process = p;
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!p.isAlive()) {
                throw new AssertionError("the connector exited with " + p.exitValue() + "; see " + log);
            }
            try {
                return Http.send("GET", base() + "/actuator/health", Map.of(), null).status() == 200;
            } catch (RuntimeException e) {
                return false;
            }
        });
        healthy = true;
        return this;
    }

    /** {@code kill -9}: the node gets no chance to finish anything. */
    public void kill() throws IOException, InterruptedException {
        Process p = process;
        healthy = false;
        new ProcessBuilder("kill", "-9", Long.toString(p.pid())).inheritIO().start().waitFor();
        p.waitFor();
    }

    /** Ends the node if it runs (forcibly: the test is over). */
    public void stop() throws InterruptedException {
        Process p = process;
        if (p != null) {
            p.destroyForcibly().waitFor();
        }
    }
}
