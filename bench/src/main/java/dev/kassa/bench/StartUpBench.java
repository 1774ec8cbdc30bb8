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
 * Cold start of each program (issue 18): as a new process on a fresh embedded database, until its health
 * answers UP; wall time and the process's CPU seconds by then, each program several times, min and median.
 * Two ways in one run: {@code java -jar kassa.jar <program>} (the baseline), and {@code ./kassa <program>},
 * which starts from the JDK's AOT cache the launcher makes once per build (decision 0019); making the cache
 * is timed apart, before the measured starts.
 */
final class StartUpBench {

    private StartUpBench() {
    }

    record Run(double seconds, double cpuSeconds) {
    }

    static void run(String[] args) throws Exception {
        BenchSupport.Options o = BenchSupport.Options.parse(args, Map.of("--runs", "3", "--jar", "app/target/kassa.jar",
                "--launcher", "./kassa"));
        int runs = o.integer("--runs");
        Path jar = Path.of(o.text("--jar"));
        Path launcher = Path.of(o.text("--launcher"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": build first (./kassa build), or give --jar");
        }
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("no launcher " + launcher + ": run from the repository, or give --launcher");
        }
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        System.out.printf(Locale.ROOT, "Cold start to /actuator/health UP, %d runs each way, fresh H2 each run, %d cores, load %.2f, Java %s%n%n",
                runs, Runtime.getRuntime().availableProcessors(), java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage(), Runtime.version().feature());
        // the launcher makes its cache on the first start after a build: that start is timed apart
        Run making = start(List.of(launcher.toString()), "connector");
        System.out.printf(Locale.ROOT, "First ./kassa start after the build (makes the start-up cache, then starts): %.1f s%n%n",
                making.seconds());
        System.out.println("| program | java -jar min s | median s | CPU s at min | ./kassa (AOT cache) min s | median s | CPU s at min"
                + " | ratio of mins |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (String program : List.of("connector", "centra-sandbox", "centara-sandbox")) {
            List<Run> plain = new ArrayList<>();
            List<Run> cached = new ArrayList<>();
            for (int i = 0; i < runs; i++) { // interleaved, so a burst of load falls on both ways alike
                plain.add(start(List.of(javaCommand, "-jar", jar.toString()), program));
                cached.add(start(List.of(launcher.toString()), program));
            }
            Run plainMin = min(plain);
            Run cachedMin = min(cached);
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f |%n", program, plainMin.seconds(),
                    median(plain), plainMin.cpuSeconds(), cachedMin.seconds(), median(cached), cachedMin.cpuSeconds(),
                    cachedMin.seconds() / plainMin.seconds());
        }
    }

    private static Run min(List<Run> runs) {
        return runs.stream().min(java.util.Comparator.comparingDouble(Run::seconds)).orElseThrow();
    }

    private static double median(List<Run> runs) {
        return runs.stream().map(Run::seconds).sorted().toList().get(runs.size() / 2);
    }

    /** One cold start: the process from launch until health answers UP; then it is stopped. */
    private static Run start(List<String> launch, String program) throws Exception {
        Path data = Files.createTempDirectory("kassa-start");
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(launch);
        command.addAll(List.of(program, "--port", Integer.toString(port), "--data", data.toString(), "--admin-token",
                "start-up-bench-token-1"));
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
