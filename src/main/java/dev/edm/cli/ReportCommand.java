package dev.edm.cli;

import dev.edm.reports.Reports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edm report NAME}: writes a report file (CSV or JSON) under the output folder or to --out. */
@Command(
        name = "report",
        description = "Write a report: low-stock, out-of-stock, no-sales, inventory, skus (per-channel stock), sales,"
                + " top-sellers, sell-through, velocity, abc, dead-stock or inventory-value.",
        mixinStandardHelpOptions = true)
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "the report name (see above)")
    String name;

    @Option(names = "--format", description = "csv or json (default: csv)", defaultValue = "csv")
    String format;

    @Option(names = "--out", description = "write to this file instead of EDM_OUTPUT_DIR/{report}_{timestamp}.{ext}")
    Path out;

    @Option(names = "--shop", description = "only this store (platform:id, or a bare Shopify domain)")
    String shop;

    @Option(names = "--from", description = "sales from this day (yyyy-mm-dd, UTC)")
    String from;

    @Option(names = "--to", description = "sales up to this day (yyyy-mm-dd, UTC)")
    String to;

    @Option(names = "--channel", description = "only this platform: shopify, amazon, ebay, woocommerce, ...")
    String channel;

    @Option(names = "--period", description = "sales per day, week or month (default: day)")
    String period;

    @Option(names = "--limit", description = "top-sellers: how many per ranking (default: 10)")
    String limit;

    @Option(names = "--days", description = "dead-stock: no sale for more than this many days (default: NO_SALES_DAYS)")
    String days;

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
        Map<String, String> raw = new LinkedHashMap<>();
        put(raw, "shop", shop);
        put(raw, "from", from);
        put(raw, "to", to);
        put(raw, "channel", channel);
        put(raw, "period", period);
        put(raw, "limit", limit);
        put(raw, "days", days);
        Reports.Filter filter;
        try {
            filter = Reports.Filter.parse(raw);
        } catch (IllegalArgumentException e) {
            System.err.println("edm: --" + e.getMessage());
            return 2;
        }
        return Offline.run(core -> {
            try {
                Path written = core.reports().write(name, format, filter, Optional.ofNullable(out));
                System.out.println(written);
                return 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (IllegalArgumentException e) {
                System.err.println("edm: " + e.getMessage());
                return 2;
            }
        });
    }

    private static void put(Map<String, String> raw, String key, String value) {
        if (value != null) {
            raw.put(key, value);
        }
    }
}
