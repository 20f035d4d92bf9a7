package dev.edm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edm.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JVM options ./edm and the bench scripts run with ({@code bin/jvm-options.sh}, sourced by a POSIX shell): the
 * collector, and for {@code serve} a fixed heap touched at start, sized by {@code EDM_HEAP}.
 */
class JvmOptionsScriptTest {
    private static final Path SCRIPT = Path.of("bin/jvm-options.sh").toAbsolutePath();

    /** Sources the script in sh and prints {@code edm_java_opts USER_OPTS COMMAND}. */
    private static CliRun opts(String heap, String userOpts, String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(
                "sh", "-c", ". \"$1\" && edm_java_opts \"$2\" \"$3\"", "sh", SCRIPT.toString(), userOpts, command);
        Map<String, String> env = pb.environment();
        env.remove("EDM_HEAP");
        if (heap != null) {
            env.put("EDM_HEAP", heap);
        }
        Process p = pb.start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return CliRun.of(p);
    }

    @Test
    void serveGetsAFixedPreTouchedHeapOfAQuarterOfTheMemoryWithinBounds() throws Exception {
        assertThat(Files.exists(SCRIPT)).isTrue();
        CliRun run = opts(null, "", "serve");
        assertThat(run.exit()).isZero();
        Matcher m = Pattern.compile("^-XX:\\+UseParallelGC -Xms(\\d+)m -Xmx(\\d+)m -XX:\\+AlwaysPreTouch$")
                .matcher(run.out());
        assertThat(m.matches()).as(run.out()).isTrue();
        assertThat(m.group(1)).isEqualTo(m.group(2));
        long expected = Math.clamp(memTotalKb() / 1024 / 4, 256, 2048);
        assertThat(Long.parseLong(m.group(1))).isEqualTo(expected);
        assertThat(opts("auto", "", "serve").out()).isEqualTo(run.out());
    }

    @Test
    void edmHeapSetsTheSizeAndUserHeapOrCollectorOptionsReplaceOurs() throws Exception {
        assertThat(opts("512m", "", "serve").out())
                .isEqualTo("-XX:+UseParallelGC -Xms512m -Xmx512m -XX:+AlwaysPreTouch");
        assertThat(opts("3G", "-Dx=1", "serve").out())
                .isEqualTo("-XX:+UseParallelGC -Xms3G -Xmx3G -XX:+AlwaysPreTouch -Dx=1");
        assertThat(opts("512m", "-Xmx1g", "serve").out()).isEqualTo("-XX:+UseParallelGC -Xmx1g");
        assertThat(opts("512m", "-XX:+UseZGC", "serve").out())
                .isEqualTo("-Xms512m -Xmx512m -XX:+AlwaysPreTouch -XX:+UseZGC");
    }

    @Test
    void otherCommandsKeepTheJvmDefaultHeap() throws Exception {
        assertThat(opts("512m", "", "replay").out()).isEqualTo("-XX:+UseParallelGC");
        assertThat(opts(null, "-Xmx3g", "report").out()).isEqualTo("-XX:+UseParallelGC -Xmx3g");
        assertThat(opts("not-a-size", "", "check").exit())
                .as("only serve reads EDM_HEAP")
                .isZero();
    }

    @Test
    void aBadEdmHeapStopsWithOneLineNamingIt() throws Exception {
        for (String bad : new String[] {"abc", "12", "1.5g", "0m", "2t", "-1g", "64m"}) {
            CliRun run = opts(bad, "", "serve");
            assertThat(run.exit()).as(bad).isEqualTo(2);
            assertThat(run.out()).as(bad).isEmpty();
            assertThat(run.err().lines())
                    .as(bad)
                    .singleElement()
                    .satisfies(line -> assertThat(line).startsWith("edm: EDM_HEAP=" + bad + " is"));
        }
    }

    private static long memTotalKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no MemTotal in /proc/meminfo");
    }
}
