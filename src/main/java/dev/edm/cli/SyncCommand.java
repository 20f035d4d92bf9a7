package dev.edm.cli;

import dev.edm.app.Reconciliation;
import dev.edm.event.Platform;
import dev.edm.event.StoreKey;
import dev.edm.sync.SyncSummary;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edm sync PLATFORM [--store S] [--since T] [--orders-days N]}: reconciles stores with their platform's API. */
@Command(
        name = "sync",
        description = "Read stores back from their platform's API (shopify, woocommerce, bigcommerce) and apply "
                + "what webhooks missed, as reconciliation deliveries.",
        mixinStandardHelpOptions = true)
final class SyncCommand implements Callable<Integer> {
    private static final List<Platform> SUPPORTED =
            List.of(Platform.SHOPIFY, Platform.WOOCOMMERCE, Platform.BIGCOMMERCE);

    @Parameters(index = "0", paramLabel = "PLATFORM", description = "shopify, woocommerce or bigcommerce")
    String platform;

    @Option(
            names = "--store",
            description =
                    "one store (shop domain, store host or store hash); default: every store edm knows and can read")
    String store;

    @Option(
            names = "--since",
            converter = SinceOption.class,
            description =
                    "only products and orders updated since this time (ISO-8601, e.g. 2026-11-01T00:00:00Z); without it the whole catalog is read and deleted products are found")
    Instant since;

    @Option(
            names = "--orders-days",
            defaultValue = "-1",
            description = "days of orders to read (default EDM_SYNC_ORDERS_DAYS, 90)")
    int ordersDays;

    @Override
    public Integer call() {
        Optional<Platform> p =
                Platform.fromId(platform.toLowerCase(Locale.ROOT)).filter(SUPPORTED::contains);
        if (p.isEmpty()) {
            System.err.println("edm: PLATFORM must be shopify, woocommerce or bigcommerce, got " + platform);
            return 2;
        }
        Optional<Instant> from = Optional.ofNullable(since);
        if (ordersDays < -1 || ordersDays > 3650) {
            System.err.println("edm: --orders-days must be 0-3650");
            return 2;
        }
        return Offline.run(core -> {
            int days = ordersDays >= 0 ? ordersDays : core.config().sync().ordersDays();
            List<StoreKey> stores = store == null
                    ? Reconciliation.stores(core, p.get())
                    : List.of(new StoreKey(p.get(), store.toLowerCase(Locale.ROOT)));
            if (stores.isEmpty()) {
                System.err.println(
                        "edm: no " + p.get().id() + " store with API credentials is known (see edm stores add)");
                return 1;
            }
            int exit = 0;
            for (StoreKey key : stores) {
                Reconciliation.CommandResult r = Reconciliation.syncNow(core, key, from, days);
                if (r.summary().isEmpty()) {
                    System.out.println(key + ": a reconciliation of this store is already running elsewhere");
                    exit = 1;
                    continue;
                }
                SyncSummary s = r.summary().get();
                System.out.println(s.line());
                System.out.println(
                        r.processed().isPresent()
                                ? "  " + r.processed().getAsLong() + " pending deliveries processed"
                                : "  a running edm server applies the " + s.stored() + " stored deliveries");
                if (!s.complete()) {
                    exit = 1;
                }
            }
            return exit;
        });
    }
}
