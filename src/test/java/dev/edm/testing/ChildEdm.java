package dev.edm.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** edm as a separate process ({@code java -jar target/edm.jar}), so tests can kill it like an operator or a power cut. */
public final class ChildEdm implements AutoCloseable {
    private final Process process;
    private final Path output;
    private final int port;

    private ChildEdm(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    /** Folders under {@code dir} and the Shopify secret: what a child edm needs to run in isolation. */
    public static Map<String, String> isolatedEnv(Path dir, String secret) {
        return Map.of(
                "SHOPIFY_WEBHOOK_SECRET", secret,
                "EDM_DATA_DIR", dir.resolve("data").toString(),
                "EDM_OUTPUT_DIR", dir.resolve("output").toString(),
                "EDM_LOG_DIR", dir.resolve("logs").toString(),
                "EDM_MIN_FREE_MB", "1");
    }

    /** The fat jar built by {@code package}, which runs before the integration tests. */
    public static Path jar() {
        Path jar = Path.of("target", "edm.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the ITs through ./mvnw verify");
        }
        return jar;
    }

    /** Runs {@code edm ARGS} to completion in {@code workDir}; returns the process with its output captured. */
    public static Process run(Path workDir, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Process p = builder(workDir, env, args).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("edm " + String.join(" ", args) + " did not finish");
        }
        return p;
    }

    /** Starts {@code edm serve} on a free port and waits until /health answers 200. */
    public static ChildEdm serve(Path workDir, Map<String, String> env) throws Exception {
        int port = freePort();
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("EDM_PORT", Integer.toString(port));
        all.put("EDM_HOST", "127.0.0.1");
        ProcessBuilder pb = builder(workDir, all, "serve");
        Path output = Files.createTempFile(workDir, "edm-child", ".log");
        pb.redirectErrorStream(true).redirectOutput(output.toFile());
        Process p = pb.start();
        ChildEdm child = new ChildEdm(p, output, port);
        child.awaitHealthy();
        return child;
    }

    private static ProcessBuilder builder(Path workDir, Map<String, String> env, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment()
                .keySet()
                .removeIf(k -> k.startsWith("EDM_")
                        || k.startsWith("SHOPIFY_")
                        || k.equals("PORT")
                        || k.equals("DEBUG_MODE")
                        || k.startsWith("EMAIL_")
                        || k.equals("LOW_STOCK_THRESHOLD")
                        || k.equals("NO_SALES_DAYS"));
        pb.environment().putAll(env);
        return pb;
    }

    private void awaitHealthy() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("edm exited with " + process.exitValue() + ": " + output());
            }
            try {
                var res = ShopifyRequests.CLIENT.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
                if (res.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("edm did not become healthy: " + output());
    }

    public int port() {
        return port;
    }

    public ShopifyRequests http() {
        return new ShopifyRequests(port);
    }

    public String output() throws IOException {
        return Files.readString(output);
    }

    /** SIGKILL: no shutdown hook, no flush; what was committed must survive. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: a clean shutdown; returns the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("edm did not stop within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
