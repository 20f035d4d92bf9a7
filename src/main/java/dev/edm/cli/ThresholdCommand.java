package dev.edm.cli;

import dev.edm.alerts.Threshold;
import dev.edm.alerts.ThresholdCsv;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edm threshold set|unset|list|import}: per-SKU (and per-location) low-stock thresholds. */
@Command(
        name = "threshold",
        description = "Manage low-stock threshold overrides per SKU (and per location).",
        mixinStandardHelpOptions = true,
        subcommands = {
            ThresholdCommand.Set.class,
            ThresholdCommand.Unset.class,
            ThresholdCommand.ListAll.class,
            ThresholdCommand.Import.class
        })
final class ThresholdCommand implements Runnable {
    @Override
    public void run() {
        System.err.println("edm: threshold needs a subcommand: set, unset, list or import");
    }

    /** Where an override applies. */
    static final class Scope {
        @Option(
                names = {"--store", "--shop"},
                description = "only this store or channel (e.g. amazon:A1SELLER or shop-a.myshopify.com for Shopify)")
        String shop;

        @Option(names = "--location", description = "this location's level instead of the total")
        String location;

        String store() {
            if (shop == null || shop.isBlank()) {
                return "";
            }
            return shop.contains(":") ? shop : "shopify:" + shop;
        }
    }

    @Command(name = "set", description = "Set the threshold of a SKU: low stock when available <= N.")
    static final class Set implements Callable<Integer> {
        @Parameters(index = "0", description = "the SKU")
        String sku;

        @Parameters(index = "1", description = "the threshold in units (>= 0)")
        int threshold;

        @picocli.CommandLine.Mixin
        Scope scope = new Scope();

        @Override
        public Integer call() {
            if (threshold < 0) {
                System.err.println("edm: threshold must be >= 0");
                return 2;
            }
            return Offline.run(core -> {
                core.alerts().setThreshold(new Threshold(scope.store(), sku, scope.location, threshold));
                System.out.println("threshold for " + sku + describe(scope) + " set to " + threshold);
                return 0;
            });
        }
    }

    @Command(name = "unset", description = "Remove a SKU's override (the default LOW_STOCK_THRESHOLD applies again).")
    static final class Unset implements Callable<Integer> {
        @Parameters(index = "0", description = "the SKU")
        String sku;

        @picocli.CommandLine.Mixin
        Scope scope = new Scope();

        @Override
        public Integer call() {
            return Offline.run(core -> {
                boolean removed = core.alerts().removeThreshold(scope.store(), sku, scope.location);
                System.out.println(
                        removed
                                ? "removed the override for " + sku + describe(scope)
                                : "no override for " + sku + describe(scope));
                return removed ? 0 : 1;
            });
        }
    }

    @Command(name = "list", description = "List the overrides.")
    static final class ListAll implements Callable<Integer> {
        @Override
        public Integer call() {
            return Offline.run(core -> {
                List<Threshold> all = core.alerts().thresholds();
                System.out.printf(
                        "default (LOW_STOCK_THRESHOLD): %d%n", core.config().lowStockThreshold());
                for (Threshold t : all) {
                    System.out.printf(
                            "%-24s %6d  %s%s%n",
                            t.sku(),
                            t.threshold(),
                            t.store().isEmpty() ? "all stores" : t.store(),
                            t.locationId().isEmpty() ? "" : ", location " + t.locationId());
                }
                return 0;
            });
        }
    }

    @Command(
            name = "import",
            description = "Import overrides from CSV (columns sku,threshold[,location][,shop]); all or nothing.")
    static final class Import implements Callable<Integer> {
        @Parameters(index = "0", description = "the CSV file")
        Path file;

        @Override
        public Integer call() {
            return CsvImport.run(file, ThresholdCsv::read, (core, thresholds) -> {
                core.alerts().importThresholds(thresholds);
                return "imported " + thresholds.size() + " thresholds from " + file;
            });
        }
    }

    private static String describe(Scope scope) {
        return (scope.store().isEmpty() ? "" : " in " + scope.store())
                + (scope.location == null ? "" : " at location " + scope.location);
    }
}
