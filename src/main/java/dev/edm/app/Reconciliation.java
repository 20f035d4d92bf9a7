package dev.edm.app;

import dev.edm.config.Config;
import dev.edm.event.Platform;
import dev.edm.event.StoreKey;
import dev.edm.fetch.bigcommerce.BigCommerceApi;
import dev.edm.ingest.PendingDrain;
import dev.edm.platform.shopify.ShopifyWebhooks;
import dev.edm.sync.Reconciler;
import dev.edm.sync.StoreSyncState;
import dev.edm.sync.SyncSchedule;
import dev.edm.sync.SyncSummary;
import dev.edm.sync.WaitPolicy;
import dev.edm.web.SyncControl;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires reconciliation over {@link Core}: the {@link Reconciler} with each platform's credentials (environment
 * and store registry), its schedule in the server (own thread, every minute: initial imports and stores due by
 * {@code EDM_SYNC_INTERVAL}), and a run for {@code edm sync}.
 */
public final class Reconciliation implements SyncControl, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    private final Scheduler scheduler;
    private final SyncSchedule schedule;
    private final String owner;
    private final ExecutorService onDemand = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("edm-sync").daemon().factory());

    private Reconciliation(Scheduler scheduler, SyncSchedule schedule, String owner) {
        this.scheduler = scheduler;
        this.schedule = schedule;
        this.owner = owner;
    }

    /** Starts the schedule (none when {@code EDM_SYNC_INTERVAL} is off; {@code /api/sync} still works). */
    static Reconciliation start(Core core, MeterRegistry registry, String owner, Runnable afterStore) {
        Config config = core.config();
        Scheduler scheduler = new Scheduler(core.database(), core.clock(), owner);
        SyncSchedule schedule = schedule(core, reconciler(core, registry, WaitPolicy.REAL, afterStore));
        if (config.sync().scheduled()) {
            Duration interval = config.sync().interval();
            scheduler.every("sync", Duration.ofMinutes(1), Duration.ofMinutes(1), () -> {
                for (SyncSummary s : schedule.runDue(interval, owner)) {
                    log.debug("scheduled reconciliation: {}", s.line());
                }
            });
        }
        return new Reconciliation(scheduler, schedule, owner);
    }

    @Override
    public List<String> start(Platform platform, Optional<String> store) {
        List<StoreKey> stores = schedule.stores(platform);
        if (store.isPresent()) {
            stores = stores.stream().filter(k -> k.store().equals(store.get())).toList();
            if (stores.isEmpty()) {
                StoreKey named = new StoreKey(platform, store.get());
                stores = schedule.canRead(named) ? List.of(named) : List.of();
            }
        }
        for (StoreKey key : stores) {
            onDemand.execute(() -> {
                try {
                    schedule.runNow(key, owner)
                            .ifPresentOrElse(
                                    s -> log.debug("requested reconciliation: {}", s.line()),
                                    () -> log.info("reconciliation of {} is already running", key));
                } catch (RuntimeException e) {
                    log.warn("reconciliation of {} failed: {}", key, e.toString());
                }
            });
        }
        return stores.stream().map(StoreKey::id).toList();
    }

    @Override
    public List<Map<String, Object>> states() {
        return schedule.states().stream().map(Reconciliation::json).toList();
    }

    private static Map<String, Object> json(StoreSyncState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("store", s.store());
        m.put("platform", s.platform());
        m.put("last_synced_at", s.lastSyncedAt().map(Instant::toString).orElse(null));
        m.put("last_attempt_at", s.lastAttemptAt().toString());
        m.put("last_error", s.lastError().orElse(null));
        m.put("last_summary", s.lastSummary());
        return m;
    }

    /** A reconciler over the core's database, adapters and credentials. */
    public static Reconciler reconciler(Core core, MeterRegistry registry, WaitPolicy waits, Runnable afterStore) {
        Config config = core.config();
        Function<String, List<String>> shopifyRegistry = core.stores().apiTokens(Platform.SHOPIFY);
        Function<String, List<String>> wooRegistry = core.stores().apiTokens(Platform.WOOCOMMERCE);
        Function<String, Optional<String>> shopifyTokens = shop -> {
            String s = shop.toLowerCase(Locale.ROOT);
            if (s.equals(ShopifyWebhooks.LEGACY_DEFAULT_SHOP)) {
                return Optional.empty();
            }
            Optional<String> own = shopifyRegistry.apply(s).stream().findFirst();
            boolean defaultShop = config.shopify().store().map(s::equals).orElse(true);
            return own.or(() -> defaultShop ? config.shopify().token() : Optional.empty());
        };
        Function<String, Optional<String>> wooTokens = host ->
                wooRegistry.apply(host.toLowerCase(Locale.ROOT)).stream().findFirst();
        BigCommerceApi bigcommerce =
                new BigCommerceApi(core.bigcommerce(), registry, BigCommerceApi.RetryPolicy.DEFAULT);
        return Reconciler.create(
                core.database(),
                core.inventory(),
                core.adapters(),
                core.skuMap()::rewrite,
                new Reconciler.Sources(config.sync(), shopifyTokens, wooTokens, bigcommerce),
                registry,
                core.clock(),
                waits,
                afterStore);
    }

    /** Which stores to reconcile: those that sent deliveries, are registered, or are configured by variables. */
    public static SyncSchedule schedule(Core core, Reconciler reconciler) {
        Config config = core.config();
        Function<Platform, Set<String>> configured = platform -> {
            Set<String> ids = new HashSet<>();
            core.stores().list().stream()
                    .filter(s -> s.key().platform() == platform)
                    .forEach(s -> ids.add(s.key().store()));
            switch (platform) {
                case SHOPIFY -> config.shopify().store().ifPresent(ids::add);
                case WOOCOMMERCE ->
                    config.sync().wooUrl().ifPresent(u -> ids.add(u.getHost().toLowerCase(Locale.ROOT)));
                case BIGCOMMERCE ->
                    ids.addAll(config.bigcommerce().tokens().storeSecrets().keySet());
                default -> {}
            }
            return ids;
        };
        return new SyncSchedule(
                core.database(), reconciler, configured, config.sync().ordersDays(), core.clock());
    }

    /**
     * What {@code edm sync} did: the run (empty when another run of the store holds its lease), and how many
     * pending deliveries it then processed (empty: a running server processes them).
     */
    public record CommandResult(Optional<SyncSummary> summary, OptionalLong processed) {}

    /** Reconciles one store now, then processes what it stored (unless a running server processes deliveries). */
    public static CommandResult syncNow(Core core, StoreKey store, Optional<Instant> since, int ordersDays) {
        Reconciler reconciler = reconciler(core, new SimpleMeterRegistry(), WaitPolicy.REAL, () -> {});
        Optional<SyncSummary> summary =
                schedule(core, reconciler).run(store, since, since, ordersDays, "cli-" + UUID.randomUUID());
        OptionalLong processed = PendingDrain.run(core.database(), core.liveHandler(), core.clock());
        return new CommandResult(summary, processed);
    }

    /** The stores {@code edm sync PLATFORM} reads when no {@code --store} is given. */
    public static List<StoreKey> stores(Core core, Platform platform) {
        Reconciler reconciler = reconciler(core, new SimpleMeterRegistry(), WaitPolicy.REAL, () -> {});
        return schedule(core, reconciler).stores(platform);
    }

    @Override
    public void close() {
        scheduler.close();
        onDemand.shutdownNow();
        try {
            onDemand.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
