package dev.edm.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edm.testing.ChildEdm;
import java.nio.charset.StandardCharsets;
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

    record Run(int exit, String out, String err) {}

    Run edm(Map<String, String> extra, String... args) throws Exception {
        Map<String, String> env = new HashMap<>(ChildEdm.isolatedEnv(dir, "secret"));
        env.putAll(extra);
        Process p = ChildEdm.run(dir, env, args);
        return new Run(
                p.exitValue(),
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void testListAndResendReportExactlyWhatHappened() throws Exception {
        int closed = ChildEdm.freePort();
        Run refused =
                edm(Map.of(), "notify", "test", "--channel", "webhook", "--to", "http://127.0.0.1:" + closed + "/x");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err().strip())
                .isEqualTo("edm: webhook test failed: connection refused by 127.0.0.1:" + closed);

        Run unset = edm(Map.of(), "notify", "test", "--channel", "slack");
        assertThat(unset.exit()).isEqualTo(1);
        assertThat(unset.err()).contains("no slack receiver is configured");

        Run badChannel = edm(Map.of(), "notify", "test", "--channel", "pigeon");
        assertThat(badChannel.exit()).isEqualTo(2);

        Run list = edm(Map.of(), "notify", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("no notifications");

        Run resend = edm(Map.of(), "notify", "resend", "42");
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
            Run run = edm(env, args);
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err().strip())
                    .isEqualTo("edm: configuration error: EDM_ROUTES_FILE: routes[0]: unknown receiver opz");
        }
        Run check = edm(env, "check-config");
        assertThat(check.exit()).isEqualTo(2);
        assertThat(check.out()).contains("problem: EDM_ROUTES_FILE: routes[0]: unknown receiver opz");

        Files.writeString(
                routes, "receivers:\n  - name: ops\n    email: ops@example.com\nroutes:\n  - receivers: [ops]\n");
        Run fixed = edm(env, "check-config");
        assertThat(fixed.exit()).as(fixed.out()).isZero();
        assertThat(fixed.out()).contains("notification receivers: [ops (email)]");
    }
}
