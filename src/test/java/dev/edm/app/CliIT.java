package dev.edm.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edm.testing.ChildEdm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as users run it: configuration errors stop startup with one line and exit code 2. */
class CliIT {
    @TempDir
    Path dir;

    private String stderr(Process p) throws Exception {
        return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private Map<String, String> dirs() {
        return Map.of(
                "EDM_DATA_DIR", dir.resolve("data").toString(),
                "EDM_OUTPUT_DIR", dir.resolve("output").toString(),
                "EDM_LOG_DIR", dir.resolve("logs").toString());
    }

    private Map<String, String> with(String key, String value) {
        Map<String, String> env = new java.util.HashMap<>(dirs());
        env.put(key, value);
        return env;
    }

    /** Logging is set up in code (LogbackSetup): the console and the file under EDM_LOG_DIR, secrets in neither. */
    @Test
    void aCommandLogsToTheConsoleAndToTheFileInTheLogFolder() throws Exception {
        Process p = ChildEdm.run(dir, with("SHOPIFY_WEBHOOK_SECRET", "very-secret-value"), "report", "low-stock");
        assertThat(p.exitValue()).isZero();
        String console = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8) + stderr(p);
        assertThat(console)
                .containsPattern(
                        "\\d{4}-\\d\\d-\\d\\dT[^ ]+ INFO  \\[main\\] d\\.e\\.storage\\.Database - database migrated");
        Path log = Path.of(dirs().get("EDM_LOG_DIR")).resolve("edm.log");
        assertThat(Files.readString(log))
                .contains("INFO  [main] dev.edm.storage.Database - database migrated to version")
                .doesNotContain("very-secret-value");
        assertThat(console).doesNotContain("very-secret-value");
    }

    @Test
    void aBadThresholdStopsServeWithOneLineNamingTheVariable() throws Exception {
        Process p = ChildEdm.run(dir, with("LOW_STOCK_THRESHOLD", "abc"), "serve");
        assertThat(p.exitValue()).isEqualTo(2);
        String err = stderr(p).strip();
        assertThat(err.lines()).hasSize(1);
        assertThat(err).contains("LOW_STOCK_THRESHOLD").contains("abc");
    }

    @Test
    void aMalformedDatabaseUrlStopsServe() throws Exception {
        Process p = ChildEdm.run(dir, with("EDM_DATABASE_URL", "mysql://localhost/x"), "serve");
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(stderr(p).strip()).contains("EDM_DATABASE_URL").doesNotContain("\n");
    }

    @Test
    void anUnwritableDataDirStopsServe() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        Process p = ChildEdm.run(dir, with("EDM_DATA_DIR", file.resolve("data").toString()), "serve");
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(stderr(p).strip()).startsWith("edm: configuration error: EDM_DATA_DIR");
    }

    @Test
    void aDotEnvFileIsReadAndTheEnvironmentWins() throws Exception {
        Files.writeString(
                dir.resolve(".env"), "LOW_STOCK_THRESHOLD=9\nNO_SALES_DAYS=30\nSHOPIFY_WEBHOOK_SECRET=from-dotenv\n");
        Process p = ChildEdm.run(dir, with("NO_SALES_DAYS", "45"), "check-config");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isZero();
        assertThat(out).containsPattern("LOW_STOCK_THRESHOLD\\s+9\\s+\\(\\.env\\)");
        assertThat(out).containsPattern("NO_SALES_DAYS\\s+45\\s+\\(environment\\)");
        assertThat(out).contains("SHOPIFY_WEBHOOK_SECRET").doesNotContain("from-dotenv");
        assertThat(out).contains("no problems found");
    }

    @Test
    void checkConfigListsEveryProblem() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(dirs());
        env.put("LOW_STOCK_THRESHOLD", "-1");
        env.put("DEBUG_MODE", "maybe");
        Process p = ChildEdm.run(dir, env, "check-config");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).contains("problem: LOW_STOCK_THRESHOLD").contains("problem: DEBUG_MODE");
    }
}
