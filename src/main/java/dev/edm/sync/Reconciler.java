package dev.edm.sync;

import dev.edm.config.SyncSettings;
import dev.edm.event.DeliveryEvents;
import dev.edm.event.Platform;
import dev.edm.event.StoreKey;
import dev.edm.fetch.bigcommerce.BigCommerceApi;
import dev.edm.inventory.Inventory;
import dev.edm.inventory.KnownState;
import dev.edm.platform.UnreadablePayloadException;
import dev.edm.platform.WebhookAdapter;
import dev.edm.storage.Database;
import dev.edm.storage.Session;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one store: reads it from its platform's API, interprets each resource with the platform's own
 * adapter, compares the meaning with the derived state ({@link Differences}), and stores only what differs as a
 * delivery of topic {@code edm/sync/...} (headers {@code edm-source: reconciliation}), which processing then
 * applies like a webhook. Counts differences in {@code edm_sync_differences_total{platform,kind}} and records
 * the run per store in {@code sync_state}.
 */
public final class Reconciler {
    /** Forgets the store's reconciliation record (a platform's request to erase a shop). */
    public static void eraseStore(Session session, String store) throws SQLException {
        SyncStates.erase(session.connection(), store);
    }

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final Database db;
    private final Inventory inventory;
    private final Map<Platform, WebhookAdapter> adapters;
    private final UnaryOperator<List<DeliveryEvents>> skuRewrite;
    private final Map<Platform, StoreReader> readers;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Runnable afterStore;

    /** Where reconciliation reads each platform, and with which credentials. */
    public record Sources(
            SyncSettings settings,
            Function<String, Optional<String>> shopifyTokens,
            Function<String, Optional<String>> wooCommerceTokens,
            BigCommerceApi bigcommerce) {}

    /** Reconciliation of Shopify, WooCommerce and BigCommerce stores. */
    public static Reconciler create(
            Database db,
            Inventory inventory,
            Map<Platform, WebhookAdapter> adapters,
            UnaryOperator<List<DeliveryEvents>> skuRewrite,
            Sources sources,
            MeterRegistry registry,
            Clock clock,
            WaitPolicy waits,
            Runnable afterStore) {
        Map<Platform, StoreReader> readers = Map.of(
                Platform.SHOPIFY,
                new ShopifyReader(
                        sources.settings(), sources.shopifyTokens(), new ApiClient("shopify", registry, waits)),
                Platform.WOOCOMMERCE,
                new WooCommerceReader(
                        sources.settings(), sources.wooCommerceTokens(), new ApiClient("woocommerce", registry, waits)),
                Platform.BIGCOMMERCE,
                new BigCommerceReader(sources.bigcommerce(), clock));
        return new Reconciler(db, inventory, adapters, skuRewrite, readers, registry, clock, afterStore);
    }

    Reconciler(
            Database db,
            Inventory inventory,
            Map<Platform, WebhookAdapter> adapters,
            UnaryOperator<List<DeliveryEvents>> skuRewrite,
            Map<Platform, StoreReader> readers,
            MeterRegistry registry,
            Clock clock,
            Runnable afterStore) {
        this.db = db;
        this.inventory = inventory;
        this.adapters = Map.copyOf(adapters);
        this.skuRewrite = skuRewrite;
        this.readers = Map.copyOf(readers);
        this.registry = registry;
        this.clock = clock;
        this.afterStore = afterStore;
        for (Platform p : this.readers.keySet()) {
            for (DifferenceKind k : DifferenceKind.values()) {
                counter(p, k); // shown at 0 before the first difference
            }
        }
    }

    /** The platforms edm can reconcile. */
    public Set<Platform> platforms() {
        return readers.keySet();
    }

    /** Whether edm has credentials to read this store. */
    public boolean canRead(StoreKey store) {
        StoreReader reader = readers.get(store.platform());
        return reader != null && reader.canRead(store.store());
    }

    /**
     * Reads the store: products changed since {@code since} (empty = the whole catalog, also finding deleted
     * products), the stock of every item known, and the orders of the last {@code ordersDays} days (updated
     * since {@code ordersUpdatedSince}, if given).
     */
    public SyncSummary run(
            StoreKey store, Optional<Instant> since, Optional<Instant> ordersUpdatedSince, int ordersDays) {
        StoreReader reader = readers.get(store.platform());
        if (reader == null) {
            throw new IllegalArgumentException(
                    "edm cannot reconcile " + store.platform().id() + " stores");
        }
        Instant started = clock.instant();
        KnownState known = KnownState.load(db, inventory, store.id());
        ReadWindow window = new ReadWindow(
                since, started.minus(Duration.ofDays(ordersDays)), ordersUpdatedSince, known.inventoryItems());
        SyncRun run = new SyncRun(db, adapters.get(store.platform()), skuRewrite, clock, store, started, known);
        Optional<String> error = Optional.empty();
        try {
            reader.read(store.store(), window, run);
            if (window.wholeCatalog()) {
                run.deleting = true;
                for (String productId : known.liveProducts()) {
                    if (!run.seenProducts.contains(productId)) {
                        run.accept(reader.unlisted(store.store(), productId, started));
                    }
                }
            }
        } catch (SyncException e) {
            error = Optional.of(e.getMessage());
        } catch (UnreadablePayloadException | IllegalArgumentException | java.io.UncheckedIOException e) {
            error = Optional.of("unexpected answer: " + e.getMessage());
        }
        run.flush();
        SyncSummary summary = new SyncSummary(
                store.id(),
                started,
                run.pages,
                run.read.get(DifferenceKind.PRODUCT),
                run.read.get(DifferenceKind.STOCK),
                run.read.get(DifferenceKind.ORDER),
                run.differences,
                run.stored,
                error);
        Optional<String> failure = error;
        db.transaction(c -> {
            SyncStates.record(
                    c,
                    store.id(),
                    store.platform().id(),
                    started,
                    failure.isEmpty(),
                    failure.orElse(null),
                    summary.line());
            return null;
        });
        summary.differences()
                .forEach((kind, n) -> counter(store.platform(), kind).increment(n));
        if (error.isPresent()) {
            log.warn("reconciliation of {} stopped: {}", store, summary.line());
        } else {
            log.info("reconciliation of {}", summary.line());
        }
        if (run.stored > 0) {
            afterStore.run();
        }
        return summary;
    }

    private Counter counter(Platform platform, DifferenceKind kind) {
        return Counter.builder("edm.sync.differences")
                .description("Differences between a platform's API and edm's state found by reconciliation "
                        + "(webhooks that were missed), applied as reconciliation deliveries")
                .tag("platform", platform.id())
                .tag("kind", kind.label())
                .register(registry);
    }
}
