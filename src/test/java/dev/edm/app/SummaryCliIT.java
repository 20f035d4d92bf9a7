package dev.edm.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edm.testing.ChildEdm;
import dev.edm.testing.CliRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edm summary send} as an operator runs it: what was enqueued, and the errors with their exit codes. */
class SummaryCliIT {
    @TempDir
    Path dir;

    CliRun edm(Map<String, String> extra, String... args) throws Exception {
        Map<String, String> env = new HashMap<>(ChildEdm.isolatedEnv(dir, "secret"));
        env.putAll(extra);
        Process p = ChildEdm.run(dir, env, args);
        return CliRun.of(p);
    }

    @Test
    void sendEnqueuesOneSummaryPerRecipientAndSaysWhat() throws Exception {
        Map<String, String> to = Map.of("EDM_SUMMARY_RECIPIENTS", "ops@example.com,boss@example.com");
        CliRun sent = edm(to, "summary", "send", "weekly", "--date", "2026-11-29");
        assertThat(sent.exit()).as(sent.err()).isZero();
        assertThat(sent.out())
                .contains("enqueued weekly-2026-11-23..2026-11-29-manual-")
                .contains("for ops@example.com, boss@example.com")
                .contains("subject: edm weekly summary 2026-11-23 to 2026-11-29: 0 out of stock, 0 low stock, "
                        + "0 units sold");

        CliRun list = edm(to, "notify", "list", "--status", "pending");
        assertThat(list.out().lines().filter(l -> l.contains(" summary ")))
                .hasSize(2)
                .anySatisfy(l -> assertThat(l).contains("ops@example.com"))
                .anySatisfy(l -> assertThat(l).contains("boss@example.com"));
    }

    @Test
    void mistakesAreReported() throws Exception {
        CliRun nobody = edm(Map.of(), "summary", "send", "daily");
        assertThat(nobody.exit()).isEqualTo(1);
        assertThat(nobody.err()).contains("nobody receives summaries");

        CliRun kind = edm(Map.of(), "summary", "send", "monthly");
        assertThat(kind.exit()).isEqualTo(2);

        CliRun bad = edm(Map.of("EDM_SUMMARY_DAILY", "25:00"), "summary", "send", "daily");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().strip())
                .isEqualTo("edm: configuration error: EDM_SUMMARY_DAILY: must be HH:MM (e.g. 08:00) or off, got 25:00");
    }
}
