package dev.edm.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edm.alerts.Rule;
import dev.edm.config.ConfigException;
import dev.edm.config.EmailSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutesFileTest {
    @TempDir
    Path dir;

    Routes load(String yaml) throws Exception {
        Path f = dir.resolve("routes.yml");
        Files.writeString(f, yaml);
        return Routes.load(
                Optional.of(f), Notices.noEmail(), Notices.settings(Optional.empty(), List.of(), 10, "daily"));
    }

    String problem(String yaml) {
        try {
            load(yaml);
        } catch (ConfigException e) {
            assertThat(e.variable()).isEqualTo("EDM_ROUTES_FILE");
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a ConfigException");
    }

    @Test
    void routesPickReceiversByStoreRuleAndSeverity() throws Exception {
        Routes routes = load("""
                receivers:
                  - name: ops
                    email: [ops@example.com, boss@example.com]
                    quiet: "22:00-07:00"
                  - name: oncall
                    sms: "+15551234567"
                  - name: shop-b-team
                    slack: https://hooks.slack.com/services/T0/B0/x
                routes:
                  - receivers: [ops]
                  - rules: [out-of-stock]
                    receivers: [oncall]
                  - stores: [shopify:shop-b.myshopify.com]
                    severities: [warning]
                    receivers: [shop-b-team, ops]
                """);
        var outA = Notices.firing(1, Rule.OUT_OF_STOCK, "A", 0, Instant.EPOCH).alert();
        assertThat(routes.select(outA)).extracting(Receiver::name).containsExactly("ops", "oncall");
        var low = Notices.firing(2, Rule.LOW_STOCK, "B", 1, Instant.EPOCH).alert();
        var lowB = new dev.edm.alerts.Alert(
                2,
                Rule.LOW_STOCK,
                "warning",
                "shopify:shop-b.myshopify.com",
                "v",
                "",
                "B",
                "t",
                "open",
                Instant.EPOCH,
                null,
                "r",
                null,
                1,
                5,
                "firing",
                null,
                null,
                null,
                null);
        assertThat(routes.select(low)).extracting(Receiver::name).containsExactly("ops");
        assertThat(routes.select(lowB)).extracting(Receiver::name).containsExactly("ops", "shop-b-team");
        Receiver ops = routes.receiver("ops").orElseThrow();
        assertThat(ops.quiet()).contains(new QuietHours(java.time.LocalTime.of(22, 0), java.time.LocalTime.of(7, 0)));
        assertThat(routes.receiver("oncall").orElseThrow().criticalOnly()).isTrue();
    }

    @Test
    void withoutAFileEverythingGoesToEmailRecipients() {
        EmailSettings email = new EmailSettings(
                Optional.of("smtp.example.com"),
                465,
                Optional.of("edm@example.com"),
                Optional.of("pw"),
                List.of("a@example.com"));
        Routes routes =
                Routes.load(Optional.empty(), email, Notices.settings(Optional.empty(), List.of(), 10, "daily"));
        assertThat(routes.select(
                        Notices.firing(1, Rule.NO_SALES, "A", 0, Instant.EPOCH).alert()))
                .singleElement()
                .satisfies(r -> assertThat(r.addresses()).containsExactly("a@example.com"));
        assertThat(Routes.load(
                                Optional.empty(),
                                Notices.noEmail(),
                                Notices.settings(Optional.empty(), List.of(), 10, "daily"))
                        .receivers())
                .isEmpty();
    }

    @Test
    void badFilesAreRejectedWithOneLineSayingWhere() {
        assertThat(problem("receivers: [")).startsWith("EDM_ROUTES_FILE: ").contains("cannot be read");
        assertThat(problem("just text")).contains("must be a mapping");
        String ok = "receivers:\n  - name: ops\n    email: ops@example.com\n";
        assertThat(problem(ok + "routes:\n  - receivers: [nobody]\n")).contains("routes[0]: unknown receiver nobody");
        assertThat(problem(ok + "routes:\n  - receivers: [ops]\n    rules: [low_stok]\n"))
                .contains("unknown rule low_stok");
        assertThat(problem(ok + "routes:\n  - receivers: [ops]\n    severities: [urgent]\n"))
                .contains("severity must be");
        assertThat(problem(ok + "routes:\n  - receivers: [ops]\n    shops: [x]\n"))
                .contains("unknown key shops");
        assertThat(problem("receivers:\n  - name: p\n    sms: 5551234\nroutes:\n  - receivers: [p]\n"))
                .contains("receiver p: phone numbers must be E.164");
        assertThat(problem("receivers:\n  - name: p\n    email: a@x.io\n    slack: https://x.io\nroutes: []\n"))
                .contains("exactly one of email, slack, sms, webhook");
        assertThat(
                        problem(
                                "receivers:\n  - name: w\n    webhook: https://x.io\n    secret: plain\nroutes:\n  - receivers: [w]\n"))
                .contains("starts with whsec_");
        assertThat(problem(
                        "receivers:\n  - name: q\n    email: a@x.io\n    quiet: 22-7\nroutes:\n  - receivers: [q]\n"))
                .contains("quiet must be HH:MM-HH:MM");
        assertThat(problem(ok)).contains("routes: must be a non-empty list");
    }

    @Test
    void aMissingFileIsNamed() {
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                ConfigException.class,
                () -> Routes.load(
                        Optional.of(dir.resolve("nope.yml")),
                        Notices.noEmail(),
                        Notices.settings(Optional.empty(), List.of(), 10, "daily")));
        assertThat(e.getMessage())
                .isEqualTo("EDM_ROUTES_FILE: " + dir.resolve("nope.yml") + ": cannot be read (no such file)");
        assertThatThrownBy(() -> QuietHours.parse("07:00-07:00")).hasMessageContaining("empty");
    }
}
