package dev.edm.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edm.testing.ChildEdm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edm import catalog}, {@code edm report} with analytics filters and {@code edm purge}, as users run them. */
class AnalyticsCliIT {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    Run edm(String... args) throws Exception {
        Process p = ChildEdm.run(dir, ChildEdm.isolatedEnv(dir, "unused-default"), args);
        return new Run(
                p.exitValue(),
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void catalogImportIsAllOrNothingAndFeedsInventoryValue() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "sku,cost,currency\nA,1.00,USD\nB,x,USD\n");
        Run refused = edm("import", "catalog", bad.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err())
                .contains("was not imported")
                .contains("line 3: column cost, value \"x\": must be a decimal number like 12.50");

        Path good = Files.writeString(
                dir.resolve("good.csv"), "sku,threshold,cost,currency,supplier\nA,4,1.00,USD,Acme\nB,,2.50,EUR,\n");
        Run imported = edm("import", "catalog", good.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("2 lines, 2 SKUs with cost/lead time/supplier, 1 thresholds");
        assertThat(edm("threshold", "list").out()).contains("A");

        Path out = dir.resolve("value.csv");
        Run report = edm("report", "inventory-value", "--out", out.toString());
        assertThat(report.exit()).as(report.err()).isZero();
        assertThat(Files.readString(out))
                .startsWith("shop,platform,sku,variant_id,title,available,unit_cost,currency,value\r\n");
    }

    @Test
    void badReportFiltersAreRefusedWithTheirReason() throws Exception {
        Run period = edm("report", "sales", "--period", "year");
        assertThat(period.exit()).isEqualTo(2);
        assertThat(period.err()).contains("--period must be day, week or month, got \"year\"");
        Run range = edm("report", "velocity", "--from", "2026-11-30", "--to", "2026-11-01");
        assertThat(range.exit()).isEqualTo(2);
        assertThat(range.err()).contains("from 2026-11-30 is after to 2026-11-01");
    }
}
