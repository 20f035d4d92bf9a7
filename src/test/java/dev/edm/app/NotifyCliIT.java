package dev.edm.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edm.testing.ChildEdm;
import dev.edm.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edm notify} as an operator runs it: exact failure reports, exit codes, and a bad routes file. */
class NotifyCliIT {
    @TempDir
    Path dir;

    CliRun edm(Map<String, String> extra, String... args) throws Exception {
        Map<String, String> env = new HashMap<>(ChildEdm.isolatedEnv(dir, "secret"));
        env.putAll(extra);
        Process p = ChildEdm.run(dir, env, args);
        return CliRun.of(p);
    }

    @Test
    void testListAndResendReportExactlyWhatHappened() throws Exception {
        int closed = ChildEdm.freePort();
        CliRun refused =
                edm(Map.of(), "notify", "test", "--channel", "webhook", "--to", "http://127.0.0.1:" + closed + "/x");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err().strip())
                .isEqualTo("edm: webhook test failed: connection refused by 127.0.0.1:" + closed);

        CliRun unset = edm(Map.of(), "notify", "test", "--channel", "slack");
        assertThat(unset.exit()).isEqualTo(1);
        assertThat(unset.err()).contains("no slack receiver is configured");

        CliRun badChannel = edm(Map.of(), "notify", "test", "--channel", "pigeon");
        assertThat(badChannel.exit()).isEqualTo(2);

        CliRun list = edm(Map.of(), "notify", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("no notifications");

        CliRun resend = edm(Map.of(), "notify", "resend", "42");
        assertThat(resend.exit()).isEqualTo(1);
        assertThat(resend.err()).contains("no notification 42");
    }

    @Test
    void aBadRoutesFileStopsStartupWithOneLineAndExit2() throws Exception {
        Path routes = dir.resolve("routes.yml");
        Files.writeString(
                routes, "receivers:\n  - name: ops\n    email: ops@example.com\nroutes:\n  - receivers: [opz]\n");
        Map<String, String> env = Map.of("EDM_ROUTES_FILE", routes.toString());
        for (String[] args : new String[][] {{"serve"}, {"notify", "list"}}) {
            CliRun run = edm(env, args);
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err().strip())
                    .isEqualTo("edm: configuration error: EDM_ROUTES_FILE: routes[0]: unknown receiver opz");
        }
        CliRun check = edm(env, "check-config");
        assertThat(check.exit()).isEqualTo(2);
        assertThat(check.out()).contains("problem: EDM_ROUTES_FILE: routes[0]: unknown receiver opz");

        Files.writeString(
                routes, "receivers:\n  - name: ops\n    email: ops@example.com\nroutes:\n  - receivers: [ops]\n");
        CliRun fixed = edm(env, "check-config");
        assertThat(fixed.exit()).as(fixed.out()).isZero();
        assertThat(fixed.out()).contains("notification receivers: [ops (email)]");
    }
}
