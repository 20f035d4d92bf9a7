package dev.edm.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edm.testing.ChildEdm;
import dev.edm.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edm import catalog}, {@code edm report} with analytics filters and {@code edm purge}, as users run them. */
class AnalyticsCliIT {
    @TempDir
    Path dir;

    CliRun edm(String... args) throws Exception {
        Process p = ChildEdm.run(dir, ChildEdm.isolatedEnv(dir, "unused-default"), args);
        return CliRun.of(p);
    }

    @Test
    void catalogImportIsAllOrNothingAndFeedsInventoryValue() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "sku,cost,currency\nA,1.00,USD\nB,x,USD\n");
        CliRun refused = edm("import", "catalog", bad.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err())
                .contains("was not imported")
                .contains("line 3: column cost, value \"x\": must be a decimal number like 12.50");

        Path good = Files.writeString(
                dir.resolve("good.csv"), "sku,threshold,cost,currency,supplier\nA,4,1.00,USD,Acme\nB,,2.50,EUR,\n");
        CliRun imported = edm("import", "catalog", good.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("2 lines, 2 SKUs with cost/lead time/supplier, 1 thresholds");
        assertThat(edm("threshold", "list").out()).contains("A");

        Path out = dir.resolve("value.csv");
        CliRun report = edm("report", "inventory-value", "--out", out.toString());
        assertThat(report.exit()).as(report.err()).isZero();
        assertThat(Files.readString(out))
                .startsWith("shop,platform,sku,variant_id,title,available,unit_cost,currency,value\r\n");
    }

    @Test
    void replayRefusesWhenBodiesWerePurgedUnlessAllowed() throws Exception {
        CliRun nothing = edm("purge", "--dry-run");
        assertThat(nothing.exit()).as(nothing.err()).isZero();
        assertThat(nothing.out()).contains("would purge 0 delivery bodies").contains("EDM_RETENTION_DAYS=90");
        try (Connection c =
                DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data").resolve("edm.db"))) {
            c.createStatement()
                    .executeUpdate("INSERT INTO delivery (platform, store, topic, received_at, signed, headers, "
                            + "status, body_purged_at) VALUES ('shopify', 's.myshopify.com', 'products/update', "
                            + "1759320000000, 1, '{}', 'processed', 1767000000000)");
            c.createStatement()
                    .executeUpdate("INSERT INTO delivery_body (delivery_id, body) VALUES (last_insert_rowid(), x'')");
        }
        CliRun refused = edm("replay");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err())
                .contains("1 deliveries have had their bodies purged (EDM_RETENTION_DAYS), the newest received "
                        + "2025-10-01T12:00:00Z")
                .contains("--allow-purged");
        assertThat(edm("replay", "--since", "2025-10-02T00:00:00Z").exit()).isZero();
        CliRun allowed = edm("replay", "--allow-purged");
        assertThat(allowed.exit()).as(allowed.err()).isZero();
        assertThat(allowed.err()).contains("warning: 1 deliveries have no body any more");
        assertThat(allowed.out()).contains("replayed 0 deliveries");
    }

    @Test
    void badReportFiltersAreRefusedWithTheirReason() throws Exception {
        CliRun period = edm("report", "sales", "--period", "year");
        assertThat(period.exit()).isEqualTo(2);
        assertThat(period.err()).contains("--period must be day, week or month, got \"year\"");
        CliRun range = edm("report", "velocity", "--from", "2026-11-30", "--to", "2026-11-01");
        assertThat(range.exit()).isEqualTo(2);
        assertThat(range.err()).contains("from 2026-11-30 is after to 2026-11-01");
    }
}
