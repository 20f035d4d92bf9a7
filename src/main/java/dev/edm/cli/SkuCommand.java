package dev.edm.cli;

import dev.edm.csv.CsvFile;
import dev.edm.event.StoreKey;
import dev.edm.stores.SkuMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code edm sku map|unmap|list|import}: channel SKUs that mean a canonical SKU. */
@Command(
        name = "sku",
        description = "Map SKUs that differ per channel to the canonical SKU every channel is joined on.",
        mixinStandardHelpOptions = true,
        subcommands = {SkuCommand.Map.class, SkuCommand.Unmap.class, SkuCommand.ListAll.class, SkuCommand.Import.class})
final class SkuCommand implements Runnable {
    @Override
    public void run() {
        System.err.println("edm: sku needs a subcommand: map, unmap, list or import");
    }

    static StoreKey store(String store) {
        return StoreKey.parse(store.strip());
    }

    @Command(
            name = "map",
            description = "In STORE (platform:id, e.g. amazon:A1SELLER), CHANNEL_SKU means CANONICAL_SKU. Applies to "
                    + "deliveries processed from now on; run edm replay to apply it to what is stored.")
    static final class Map implements Callable<Integer> {
        @Parameters(index = "0", description = "the store, platform:id")
        String store;

        @Parameters(index = "1", description = "the SKU on that channel")
        String channelSku;

        @Parameters(index = "2", description = "the canonical SKU")
        String canonicalSku;

        @Override
        public Integer call() {
            return Offline.run(core -> {
                core.skuMap().map(List.of(new SkuMap.Mapping(store(store), channelSku, canonicalSku)));
                System.out.println(store + ": " + channelSku + " -> " + canonicalSku);
                return 0;
            });
        }
    }

    @Command(name = "unmap", description = "Remove a mapping.")
    static final class Unmap implements Callable<Integer> {
        @Parameters(index = "0", description = "the store, platform:id")
        String store;

        @Parameters(index = "1", description = "the SKU on that channel")
        String channelSku;

        @Override
        public Integer call() {
            return Offline.run(core -> {
                boolean removed = core.skuMap().unmap(store(store), channelSku);
                System.out.println(removed ? "removed " + store + ": " + channelSku : "no mapping for " + channelSku);
                return removed ? 0 : 1;
            });
        }
    }

    @Command(name = "list", description = "List the mappings.")
    static final class ListAll implements Callable<Integer> {
        @Override
        public Integer call() {
            return Offline.run(core -> {
                List<SkuMap.Mapping> all = core.skuMap().list();
                if (all.isEmpty()) {
                    System.out.println("no SKU mappings: every channel's SKU is the canonical SKU");
                }
                for (SkuMap.Mapping m : all) {
                    System.out.printf(
                            "%-24s <- %-24s %s%n",
                            m.canonicalSku(), m.channelSku(), m.store().id());
                }
                return 0;
            });
        }
    }

    @Command(
            name = "import",
            description = "Import mappings from CSV (columns store,channel_sku,canonical_sku); " + "all or nothing.")
    static final class Import implements Callable<Integer> {
        @Parameters(index = "0", description = "the CSV file")
        Path file;

        @Override
        public Integer call() {
            return CsvImport.run(file, Import::read, (core, mappings) -> {
                core.skuMap().map(mappings);
                return "imported " + mappings.size() + " SKU mappings from " + file;
            });
        }

        static List<SkuMap.Mapping> read(Path file) throws IOException {
            return CsvFile.read(file, List.of("store", "channel_sku", "canonical_sku"), List.of())
                    .map(row -> new SkuMap.Mapping(
                            store(row.cells().get("store")),
                            row.cells().get("channel_sku"),
                            row.cells().get("canonical_sku")));
        }
    }
}
