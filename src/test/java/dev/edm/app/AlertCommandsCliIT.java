package dev.edm.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edm.testing.ChildEdm;
import dev.edm.testing.CliRun;
import dev.edm.testing.RunningApp;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edm alerts ack|snooze|resolve} and {@code edm silence} as users run them, on a database a server filled. */
class AlertCommandsCliIT {
    static final String SECRET = "cli-secret";
    static final String SHOP = "cli-life.myshopify.com";

    @TempDir
    Path dir;

    CliRun edm(String... args) throws Exception {
        Process p = ChildEdm.run(dir, ChildEdm.isolatedEnv(dir, SECRET), args);
        return CliRun.of(p);
    }

    @Test
    void acknowledgeSnoozeResolveAndSilencesFromTheCommandLine() throws Exception {
        try (RunningApp app = RunningApp.start(dir, null, Map.of("SHOPIFY_WEBHOOK_SECRET", SECRET))) {
            String product =
                    "{\"id\":1,\"title\":\"Mug\",\"status\":\"active\",\"updated_at\":\"2026-01-01T00:00:00Z\","
                            + "\"variants\":[{\"id\":11,\"title\":\"Blue\",\"sku\":\"MUG-B\",\"inventory_item_id\":111,"
                            + "\"inventory_quantity\":2,\"price\":\"9.50\"}]}";
            assertThat(app.http()
                            .signed(
                                    SECRET,
                                    "products/create",
                                    SHOP,
                                    UUID.randomUUID().toString(),
                                    product)
                            .statusCode())
                    .isEqualTo(200);
            app.awaitCount(0, 10_000, "SELECT count(*) FROM delivery WHERE status = 'pending'");
        }
        CliRun list = edm("alerts", "--rule", "low_stock");
        assertThat(list.exit()).as(list.err()).isZero();
        Matcher m =
                Pattern.compile("(?m)^(\\d+)\\s+low_stock\\s+warning\\s+firing").matcher(list.out());
        assertThat(m.find()).as(list.out()).isTrue();
        String id = m.group(1);

        CliRun ack = edm("alerts", "ack", id, "--by", "sam");
        assertThat(ack.exit()).as(ack.err()).isZero();
        assertThat(ack.out()).contains("alert " + id + " acknowledged");
        CliRun again = edm("alerts", "ack", id);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("already acknowledged (by sam)");

        CliRun badFor = edm("alerts", "snooze", id, "--for", "a while");
        assertThat(badFor.exit()).isEqualTo(2);
        assertThat(badFor.err()).contains("duration");
        CliRun snooze = edm("alerts", "snooze", id, "--for", "2h");
        assertThat(snooze.exit()).as(snooze.err()).isZero();
        assertThat(snooze.out()).contains("snoozed until");
        assertThat(edm("alerts").out()).contains("snoozed");

        CliRun resolve = edm("alerts", "resolve", id);
        assertThat(resolve.exit()).as(resolve.err()).isZero();
        assertThat(resolve.out()).contains("alert " + id + " resolved");
        assertThat(edm("alerts", "resolve", id).exit()).isEqualTo(1);
        CliRun unknown = edm("alerts", "ack", "424242");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no alert with id 424242");

        CliRun add =
                edm("silence", "add", "--sku", "MUG-B", "--store", SHOP, "--for", "1d", "--comment", "discontinued");
        assertThat(add.exit()).as(add.err()).isZero();
        Matcher sm = Pattern.compile("silence (\\d+) until").matcher(add.out());
        assertThat(sm.find()).as(add.out()).isTrue();
        assertThat(edm("silence", "add", "--until", "2001-01-01T00:00:00Z").exit())
                .isEqualTo(2);
        assertThat(edm("silence", "add", "--rule", "bogus", "--for", "1h").exit())
                .isEqualTo(2);
        CliRun silences = edm("silence", "list");
        assertThat(silences.out()).contains("shopify:" + SHOP).contains("MUG-B").contains("discontinued");
        assertThat(edm("silence", "remove", sm.group(1)).exit()).isZero();
        assertThat(edm("silence", "remove", sm.group(1)).exit()).isEqualTo(1);
        assertThat(edm("silence", "list").out()).contains("no silences");
    }
}
