package dev.edm.cli;

import dev.edm.reports.Reports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edm report NAME}: writes a report file (CSV or JSON) under the output folder or to --out. */
@Command(
        name = "report",
        description =
                "Write a report: low-stock, out-of-stock, no-sales, inventory, sales or skus (per-channel stock).",
        mixinStandardHelpOptions = true)
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "low-stock, out-of-stock, no-sales, inventory, sales or skus")
    String name;

    @Option(names = "--format", description = "csv or json (default: csv)", defaultValue = "csv")
    String format;

    @Option(names = "--out", description = "write to this file instead of EDM_OUTPUT_DIR/{report}_{timestamp}.{ext}")
    Path out;

    @Option(names = "--shop", description = "only this store")
    String shop;

    @Option(names = "--from", description = "sales from this day (yyyy-mm-dd, UTC)")
    String from;

    @Option(names = "--to", description = "sales up to this day (yyyy-mm-dd, UTC)")
    String to;

    @Override
    public Integer call() {
        if (!Reports.NAMES.contains(name)) {
            System.err.println("edm: unknown report " + name + "; one of " + Reports.NAMES);
            return 2;
        }
        if (!format.equals("csv") && !format.equals("json")) {
            System.err.println("edm: --format must be csv or json");
            return 2;
        }
        for (String day : new String[] {from, to}) {
            if (day != null) {
                try {
                    LocalDate.parse(day);
                } catch (DateTimeParseException e) {
                    System.err.println("edm: --from/--to must be dates like 2026-11-27, got " + day);
                    return 2;
                }
            }
        }
        Optional<String> store = Optional.ofNullable(shop).map(s -> s.contains(":") ? s : "shopify:" + s);
        return Offline.run(core -> {
            try {
                Path written = core.reports()
                        .write(
                                name,
                                format,
                                new Reports.Filter(store, Optional.ofNullable(from), Optional.ofNullable(to)),
                                Optional.ofNullable(out));
                System.out.println(written);
                return 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
