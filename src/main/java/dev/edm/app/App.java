package dev.edm.app;

import dev.edm.config.Config;
import dev.edm.event.Platform;
import dev.edm.ingest.Ingest;
import dev.edm.ingest.TopicClassifier;
import dev.edm.platform.WebhookAdapter;
import dev.edm.platform.shopify.ShopifyWebhooks;
import dev.edm.storage.Database;
import dev.edm.web.HttpApi;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the database, ingest pipeline and HTTP server from {@link Config}, and
 * shuts them down in order (stop accepting, commit in-flight deliveries, stop processing, close the
 * database). Tests build the same App.
 */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final Database db;
    private final Ingest ingest;
    private final HttpApi http;
    private boolean closed;

    private App(Database db, Ingest ingest, HttpApi http) {
        this.db = db;
        this.ingest = ingest;
        this.http = http;
    }

    /** Starts everything; throws {@link dev.edm.config.ConfigException} or a StorageException on failure. */
    public static App start(Config config, Clock clock) {
        config.prepareDirectories();
        Database db = Database.open(config.database());
        try {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            Map<Platform, WebhookAdapter> adapters =
                    Map.of(Platform.SHOPIFY, new ShopifyWebhooks(config.shopify(), config.debugMode()));
            String instanceId = UUID.randomUUID().toString();
            Ingest ingest = Ingest.start(
                    db,
                    adapters,
                    new TopicClassifier(adapters),
                    registry,
                    clock,
                    new Ingest.Settings(config.maxBodyBytes(), config.verifyFailuresPerMinute(), instanceId));
            HttpApi http = HttpApi.start(
                    config.host(),
                    config.port(),
                    ingest.service(),
                    ingest.log(),
                    new Health(db, config),
                    registry::scrape);
            if (config.debugMode()) {
                log.warn("DEBUG_MODE=true: unsigned webhooks are accepted. Never run production like this.");
            }
            if (!config.shopify().anySecret()) {
                log.warn(
                        "no Shopify webhook secret is configured (SHOPIFY_WEBHOOK_SECRET): signed Shopify deliveries are answered 503");
            }
            log.info(
                    "edm listening on {}:{} ({} database)",
                    config.host(),
                    http.port(),
                    config.database().kind().name().toLowerCase());
            return new App(db, ingest, http);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public int port() {
        return http.port();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("edm shutting down");
        http.close();
        ingest.close();
        db.close();
        log.info("edm stopped");
    }
}
