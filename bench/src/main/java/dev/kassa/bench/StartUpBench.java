package dev.kassa.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cold start of each program (issue 18): {@code java -jar kassa.jar <program>} as a new process on a fresh
 * embedded database, until its health answers UP; wall time and the process's CPU seconds by then, each
 * program several times, min and median.
 */
final class StartUpBench {

    private StartUpBench() {
    }

    record Run(double seconds, double cpuSeconds) {
    }

    static void run(String[] args) throws Exception {
        BenchSupport.Options o = BenchSupport.Options.parse(args, Map.of("--runs", "3", "--jar", "app/target/kassa.jar"));
        int runs = o.integer("--runs");
        Path jar = Path.of(o.text("--jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": build first (./kassa build), or give --jar");
        }
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        System.out.printf(Locale.ROOT, "Cold start to /actuator/health UP, %d runs each, fresh H2 each run, %d cores, load %.2f%n%n",
                runs, Runtime.getRuntime().availableProcessors(), java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
        System.out.println("| program | min s | median s | CPU s at min | median CPU s |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (String program : List.of("connector", "centra-sandbox", "centara-sandbox")) {
            List<Run> results = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                results.add(start(javaCommand, jar, program));
            }
            List<Run> byTime = results.stream().sorted(java.util.Comparator.comparingDouble(Run::seconds)).toList();
            List<Double> cpu = results.stream().map(Run::cpuSeconds).sorted().toList();
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f |%n", program, byTime.getFirst().seconds(),
                    byTime.get(byTime.size() / 2).seconds(), byTime.getFirst().cpuSeconds(), cpu.get(cpu.size() / 2));
        }
    }

    /** One cold start: the process from launch until health answers UP; then it is stopped. */
    private static Run start(String javaCommand, Path jar, String program) throws Exception {
        Path data = Files.createTempDirectory("kassa-start");
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(javaCommand, "-jar", jar.toString(), program, "--port", Integer.toString(port),
                "--data", data.toString(), "--admin-token", "start-up-bench-token-1"));
        if (program.equals("connector")) {
            command.add("--allow-no-stores");
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(data.resolve("out.log").toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        try {
            while (true) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(program + " exited: see " + data.resolve("out.log"));
                }
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                            .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                        break;
                    }
                } catch (java.io.IOException e) {
                    // not listening yet
                }
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = p.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
            return new Run(seconds, cpu);
        } finally {
            p.destroy();
            p.waitFor();
        }
    }
}
