package dev.edm.cli;

import dev.edm.catalog.CatalogCsv;
import dev.edm.catalog.CatalogImport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code edm import catalog FILE.csv}: per-SKU thresholds, costs, lead times, suppliers and channel SKUs. */
@Command(
        name = "import",
        description = "Import data from CSV files.",
        mixinStandardHelpOptions = true,
        subcommands = {ImportCommand.Catalog.class})
final class ImportCommand implements Runnable {
    @Override
    public void run() {
        System.err.println("edm: import needs a subcommand: catalog");
    }

    @Command(
            name = "catalog",
            description = "Import per-SKU data from CSV: a header with sku and any of threshold, cost, currency, "
                    + "lead_time_days, supplier, store, channel_sku. Every bad line is reported; nothing is applied "
                    + "unless all are valid.",
            mixinStandardHelpOptions = true)
    static final class Catalog implements Callable<Integer> {
        @Parameters(index = "0", description = "the CSV file")
        Path file;

        @Override
        public Integer call() {
            return CsvImport.run(file, CatalogCsv::read, (core, lines) -> {
                CatalogImport.Result r =
                        new CatalogImport(core.database(), core.alerts(), core.skuMap(), core.clock()).apply(lines);
                return "imported " + file + ": " + lines.size() + " lines, " + r.skus()
                        + " SKUs with cost/lead time/supplier, " + r.thresholds() + " thresholds, " + r.mappings()
                        + " channel SKU mappings";
            });
        }
    }
}
