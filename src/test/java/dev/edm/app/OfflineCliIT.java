package dev.edm.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edm.ingest.JournalLeftovers;
import dev.edm.testing.ChildEdm;
import dev.edm.testing.CliRun;
import dev.edm.testing.ShopifyRequests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline commands as users run them, against the database a real server filled. */
class OfflineCliIT {
    static final String SECRET = "cli-secret";
    static final String SHOP = "cli.myshopify.com";

    @TempDir
    Path dir;

    Map<String, String> env() {
        return ChildEdm.isolatedEnv(dir, SECRET);
    }

    CliRun edm(String... args) throws Exception {
        Process p = ChildEdm.run(dir, env(), args);
        return CliRun.of(p);
    }

    @Test
    void thresholdsAlertsReportsCheckAndReplayFromTheCommandLine() throws Exception {
        try (ChildEdm server = ChildEdm.serve(dir, env())) {
            String product =
                    "{\"id\":1,\"title\":\"Mug\",\"status\":\"active\",\"updated_at\":\"2026-01-01T00:00:00Z\","
                            + "\"variants\":[{\"id\":11,\"title\":\"Blue\",\"sku\":\"MUG-B\",\"inventory_item_id\":111,"
                            + "\"inventory_quantity\":8,\"price\":\"9.50\"}]}";
            assertThat(server.http()
                            .signed(SECRET, "products/create", SHOP, "p1", product)
                            .statusCode())
                    .isEqualTo(200);
            ShopifyRequests http = server.http();
            long deadline = System.currentTimeMillis() + 10_000;
            while (!http.get("/api/events?status=processed").body().contains("\"p1\"")) {
                assertThat(System.currentTimeMillis()).isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(server.terminate()).isIn(0, 143);
        }

        CliRun none = edm("alerts");
        assertThat(none.exit()).isZero();
        assertThat(none.out()).contains("no open alerts");

        CliRun set = edm("threshold", "set", "MUG-B", "10");
        assertThat(set.exit()).as(set.err()).isZero();
        CliRun alerts = edm("alerts");
        assertThat(alerts.out()).contains("low_stock").contains("MUG-B").contains("8 available <= threshold 10");

        Path bad = Files.writeString(dir.resolve("bad.csv"), "sku,threshold\nMUG-B,3\nMUG-X,lots\n,4\n");
        CliRun rejected = edm("threshold", "import", bad.toString());
        assertThat(rejected.exit()).isEqualTo(2);
        assertThat(rejected.err())
                .contains("line 3: threshold must be a whole number")
                .contains("line 4:");
        assertThat(edm("threshold", "list").out())
                .as("nothing half-applied")
                .contains("MUG-B")
                .contains("10")
                .doesNotContain(" 3 ");

        Path good = Files.writeString(dir.resolve("good.csv"), "sku,threshold\nMUG-B,3\n");
        assertThat(edm("threshold", "import", good.toString()).exit()).isZero();
        assertThat(edm("alerts").out()).contains("no open alerts");
        assertThat(edm("alerts", "--status", "resolved").out()).contains("MUG-B");

        Path out = dir.resolve("inventory.json");
        CliRun report = edm("report", "inventory", "--format", "json", "--out", out.toString());
        assertThat(report.exit()).as(report.err()).isZero();
        assertThat(Files.readString(out)).contains("\"sku\" : \"MUG-B\"").contains("\"current_stock\" : 8");
        CliRun csv = edm("report", "low-stock");
        assertThat(csv.exit()).isZero();
        assertThat(csv.out().strip()).matches(".*low_stock_\\d{8}_\\d{6}_\\d{3}(_\\d+)?\\.csv");
        assertThat(edm("report", "bogus").exit()).isEqualTo(2);

        CliRun check = edm("check");
        assertThat(check.exit()).isZero();
        assertThat(check.out()).contains("checked 1 variants");

        // a delivery acknowledged from the inbox journal but not imported when the server died (kill -9):
        // replay imports it first, so the rebuilt state has it
        String leftover = "{\"id\":2,\"title\":\"Cup\",\"status\":\"active\",\"updated_at\":\"2026-01-02T00:00:00Z\","
                + "\"variants\":[{\"id\":22,\"title\":\"Red\",\"sku\":\"CUP-R\",\"inventory_item_id\":222,"
                + "\"inventory_quantity\":4,\"price\":\"4.00\"}]}";
        JournalLeftovers.writeShopify(
                dir.resolve("data").resolve("inbox-journal"),
                9_000_001,
                SHOP,
                "products/create",
                "p2",
                leftover,
                System.currentTimeMillis());
        CliRun replay = edm("replay");
        assertThat(replay.exit()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("replayed 2 deliveries").contains("state checksum");
        assertThat(edm("report", "inventory", "--format", "json", "--out", out.toString())
                        .exit())
                .isZero();
        assertThat(Files.readString(out)).contains("\"sku\" : \"CUP-R\"");
        assertThat(edm("replay", "--since", "yesterday").exit()).isEqualTo(2);
    }
}
