package dev.edm.app;

import dev.edm.alerts.AlertSink;
import dev.edm.alerts.Alerts;
import dev.edm.config.AmazonSettings;
import dev.edm.config.BigCommerceSettings;
import dev.edm.config.Config;
import dev.edm.config.DatabaseSettings;
import dev.edm.config.ShopifySettings;
import dev.edm.config.StandardWebhookSettings;
import dev.edm.event.Platform;
import dev.edm.fetch.FetchRequestingHandler;
import dev.edm.ingest.DeliveryHandler;
import dev.edm.ingest.ErasingHandler;
import dev.edm.ingest.Ingest;
import dev.edm.ingest.InterpretingHandler;
import dev.edm.ingest.Replay;
import dev.edm.inventory.Inventory;
import dev.edm.notify.Notifications;
import dev.edm.platform.WebhookAdapter;
import dev.edm.platform.amazon.AmazonNotifications;
import dev.edm.platform.bigcommerce.BigCommerceWebhooks;
import dev.edm.platform.ebay.EbayWebhooks;
import dev.edm.platform.shopify.ShopifyWebhooks;
import dev.edm.platform.standard.StandardWebhooks;
import dev.edm.platform.woocommerce.WooCommerceWebhooks;
import dev.edm.reports.Reports;
import dev.edm.storage.Database;
import dev.edm.storage.Session;
import dev.edm.stores.SkuMap;
import dev.edm.stores.StoreRegistry;
import dev.edm.summary.Summaries;
import dev.edm.sync.Reconciler;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The features over one database, without the HTTP server: what {@link App} serves and what the command
 * line's offline commands (report, alerts, threshold, check, replay) use.
 */
public final class Core implements AutoCloseable {
    private final Config config;
    private final Clock clock;
    private final Database db;
    private final Map<Platform, WebhookAdapter> adapters;
    private final AmazonNotifications amazon;
    private final Inventory inventory;
    private final Alerts alerts;
    private final Reports reports;
    private final Notifications notifications;
    private final Summaries summaries;
    private final StoreRegistry stores;
    private final SkuMap skuMap;
    private final BigCommerceSettings bigcommerce;

    private Core(Config config, Clock clock, Database db, Optional<AlertSink> alertSink) {
        this.config = config;
        this.clock = clock;
        this.db = db;
        this.stores = new StoreRegistry(db, config.secretStore(), clock);
        this.skuMap = new SkuMap(db, clock);
        BigCommerceSettings bc = config.bigcommerce();
        this.bigcommerce = new BigCommerceSettings(
                bc.clientSecrets().withRegistry(stores.webhookSecrets(Platform.BIGCOMMERCE)),
                bc.tokens().withRegistry(stores.apiTokens(Platform.BIGCOMMERCE)),
                bc.apiBase(),
                bc.authHeader());
        this.amazon = new AmazonNotifications(
                new AmazonSettings(
                        config.amazon().forwardSecrets().withRegistry(stores.webhookSecrets(Platform.AMAZON)),
                        config.amazon().queue()),
                config.debugMode());
        ShopifySettings shopify = config.shopify();
        this.adapters = Map.of(
                Platform.SHOPIFY,
                new ShopifyWebhooks(
                        new ShopifySettings(
                                shopify.secrets().withRegistry(stores.webhookSecrets(Platform.SHOPIFY)),
                                shopify.store(),
                                shopify.token()),
                        config.debugMode()),
                Platform.AMAZON,
                amazon,
                Platform.WOOCOMMERCE,
                new WooCommerceWebhooks(
                        config.woocommerce().withRegistry(stores.webhookSecrets(Platform.WOOCOMMERCE)),
                        config.debugMode()),
                Platform.STANDARD,
                new StandardWebhooks(
                        new StandardWebhookSettings(config.standardWebhooks()
                                .secrets()
                                .withRegistry(stores.webhookSecrets(Platform.STANDARD))),
                        config.debugMode(),
                        clock),
                Platform.BIGCOMMERCE,
                new BigCommerceWebhooks(bigcommerce, config.debugMode(), clock),
                Platform.EBAY,
                new EbayWebhooks(config.ebay(), config.debugMode(), clock));
        this.inventory = new Inventory(db);
        this.notifications = Notifications.open(db, clock, config.email(), config.notifications());
        this.alerts = new Alerts(
                db,
                clock,
                config.lowStockThreshold(),
                config.noSalesDays(),
                config.alerting(),
                alertSink.orElse(notifications.sink()));
        this.reports = new Reports(inventory, alerts, clock, config.outputDir(), config.noSalesDays());
        this.summaries = new Summaries(
                reports,
                alerts,
                notifications,
                config.summary(),
                config.notifications().zone(),
                clock);
    }

    /**
     * Prepares folders and opens (and migrates) the database; alert notices go to the notification outbox, so
     * command-line changes (a manual resolve, {@code edm check}) are notified too, by the server's worker.
     */
    public static Core open(Config config, Clock clock) {
        return open(config, clock, Optional.empty());
    }

    /** Opens the features with alert notices going to {@code alertSink} instead of the outbox (tests). */
    public static Core open(Config config, Clock clock, AlertSink alertSink) {
        return open(config, clock, Optional.of(alertSink));
    }

    private static Core open(Config config, Clock clock, Optional<AlertSink> alertSink) {
        config.prepareDirectories();
        Database db = Database.open(config.database());
        try {
            return new Core(config, clock, db, alertSink);
        } catch (RuntimeException e) { // e.g. a bad routes file
            db.close();
            throw e;
        }
    }

    public Config config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public Database database() {
        return db;
    }

    public Map<Platform, WebhookAdapter> adapters() {
        return adapters;
    }

    /** The Amazon adapter, which also marks messages from our own SQS queue as authentic. */
    AmazonNotifications amazon() {
        return amazon;
    }

    /** The stores configured with {@code edm stores}. */
    public StoreRegistry stores() {
        return stores;
    }

    /** The per-channel SKU mapping of {@code edm sku}. */
    public SkuMap skuMap() {
        return skuMap;
    }

    /** BigCommerce settings with the registry's secrets and tokens. */
    BigCommerceSettings bigcommerce() {
        return bigcommerce;
    }

    public Inventory inventory() {
        return inventory;
    }

    public Alerts alerts() {
        return alerts;
    }

    public Reports reports() {
        return reports;
    }

    /** The scheduled daily and weekly summary emails. */
    public Summaries summaries() {
        return summaries;
    }

    /** Alert delivery: the outbox sink for the alerts, its worker, list and resend. */
    public Notifications notifications() {
        return notifications;
    }

    /**
     * The live processing step: interpret, apply to inventory, evaluate alerts, and ask for the resources thin
     * deliveries name to be read from the platform (replay never asks: it reads the stored documents).
     */
    DeliveryHandler liveHandler() {
        return new FetchRequestingHandler(
                adapters,
                new ErasingHandler(
                        adapters,
                        this::eraseStore,
                        new InterpretingHandler(adapters, new StateUpdater(inventory, alerts, skuMap, true, null))),
                clock);
    }

    /** Rebuilds state from stored deliveries (all, or received since a time), then runs a full alert check. */
    public Replay.Result replay(Optional<Instant> since) {
        return replay(since, Replay.BATCH);
    }

    /** The inbox journal's folder (SQLite with {@code EDM_INBOX_JOURNAL} on), or empty. */
    public Optional<Path> inboxJournalDir() {
        return config.inboxJournal() && config.database().kind() == DatabaseSettings.Kind.SQLITE
                ? Optional.of(config.dataDir().resolve("inbox-journal"))
                : Optional.empty();
    }

    /** {@link #replay(Optional)} in transactions of {@code batch} deliveries (tests: several batches). */
    Replay.Result replay(Optional<Instant> since, int batch) {
        // deliveries acknowledged from the journal but not imported when the server stopped (a crash) count too
        // (a running server holds the folder and imports them itself; it also holds the lease replay needs)
        inboxJournalDir().ifPresent(dir -> Ingest.importJournal(db, dir));
        Replay.Result result = Replay.run(
                db,
                new ErasingHandler(
                        adapters,
                        this::eraseStore,
                        new InterpretingHandler(
                                adapters, new StateUpdater(inventory, alerts, skuMap, false, new Inventory.Carry()))),
                clock,
                since,
                Inventory::clearDerivedState,
                batch);
        alerts.checkAllQuietly(); // replay rebuilds state; it never re-notifies
        return result;
    }

    /** Everything derived for a store, its alerts, overrides and SKU mappings (Shopify's shop/redact). */
    private void eraseStore(Session session, String store) throws SQLException {
        Inventory.eraseStore(session, store);
        Alerts.eraseStore(session, store);
        skuMap.unmapStore(session.connection(), store);
        Notifications.eraseStore(session, store);
        Reconciler.eraseStore(session, store);
    }

    @Override
    public void close() {
        notifications.close();
        db.close();
    }
}
