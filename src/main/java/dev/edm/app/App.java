package dev.edm.app;

import dev.edm.alerts.AlertSink;
import dev.edm.config.Config;
import dev.edm.event.Platform;
import dev.edm.fetch.DetailFetcher;
import dev.edm.fetch.bigcommerce.BigCommerceApi;
import dev.edm.ingest.Ingest;
import dev.edm.queue.SqsPoller;
import dev.edm.web.HttpApi;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the features, ingest pipeline, scheduler and HTTP server from {@link Config},
 * and shuts them down in order (stop accepting, commit in-flight deliveries, stop processing and jobs, close
 * the database). Tests build the same App.
 */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final Core core;
    private final Ingest ingest;
    private final Scheduler scheduler;
    private final DetailFetcher fetcher;
    private final HttpApi http;
    private final SqsPoller amazonQueue;
    private Reconciliation reconciliation;
    private boolean closed;

    private App(
            Core core, Ingest ingest, Scheduler scheduler, DetailFetcher fetcher, HttpApi http, SqsPoller amazonQueue) {
        this.core = core;
        this.ingest = ingest;
        this.scheduler = scheduler;
        this.fetcher = fetcher;
        this.http = http;
        this.amazonQueue = amazonQueue;
    }

    /** Starts everything; throws {@link dev.edm.config.ConfigException} or a StorageException on failure. */
    public static App start(Config config, Clock clock) {
        return start(Core.open(config, clock));
    }

    /** Starts everything with alert notices going to {@code alertSink} instead of the outbox (tests). */
    public static App start(Config config, Clock clock, AlertSink alertSink) {
        return start(Core.open(config, clock, alertSink));
    }

    private static App start(Core core) {
        Config config = core.config();
        Clock clock = core.clock();
        core.database().startBackgroundCheckpoints();
        Ingest ingest = null;
        Scheduler scheduler = null;
        DetailFetcher fetcher = null;
        SqsPoller amazonQueue = null;
        Reconciliation reconciliation = null;
        try {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            String instanceId = UUID.randomUUID().toString();
            ingest = Ingest.start(
                    core.database(),
                    core.adapters(),
                    core.liveHandler(),
                    registry,
                    clock,
                    new Ingest.Settings(
                            config.maxBodyBytes(),
                            config.verifyFailuresPerMinute(),
                            instanceId,
                            core.inboxJournalDir()));
            fetcher = DetailFetcher.start(
                    core.database(),
                    Map.of(
                            Platform.BIGCOMMERCE,
                            new BigCommerceApi(core.bigcommerce(), registry, BigCommerceApi.RetryPolicy.DEFAULT)),
                    registry,
                    clock,
                    instanceId,
                    ingest::wakeProcessing);
            scheduler = new Scheduler(core.database(), clock, instanceId);
            Duration interval = Duration.ofMinutes(config.checkIntervalMinutes());
            scheduler.every("alerts-check", interval, Duration.ofSeconds(30), () -> {
                var summary = core.alerts().checkAll();
                log.info(
                        "alert check: {} variants, {} opened, {} resolved, {} open",
                        summary.variants(),
                        summary.opened(),
                        summary.resolved(),
                        summary.open());
            });
            reconciliation = Reconciliation.start(core, registry, instanceId, ingest::wakeProcessing);
            RetentionJob.schedule(scheduler, core);
            SummaryJob.schedule(scheduler, core);
            AtomicReference<SqsPoller> queue = new AtomicReference<>(); // started once the API is up
            HttpApi http = HttpApi.start(
                    config.host(),
                    config.port(),
                    ingest.service(),
                    ingest.log(),
                    core.alerts(),
                    core.reports(),
                    new Health(
                            core.database(),
                            config,
                            ingest::journalHealth,
                            () -> Optional.ofNullable(queue.get())
                                    .map(q -> q.problem().orElse("ok"))),
                    registry::scrape,
                    core.notifications(),
                    reconciliation);
            core.notifications().start();
            if (config.amazon().queue().isPresent()) {
                amazonQueue = SqsPoller.start(
                        config.amazon().queue().get(), ingest.service(), Platform.AMAZON, core.amazon()::queueHeaders);
                queue.set(amazonQueue);
            }
            if (config.debugMode()) {
                log.warn("DEBUG_MODE=true: unsigned webhooks are accepted. Never run production like this.");
            }
            if (!config.shopify().anySecret()) {
                log.warn("no Shopify webhook secret is configured (SHOPIFY_WEBHOOK_SECRET): signed Shopify "
                        + "deliveries are answered 503 unless their shop is registered (edm stores add)");
            }
            if (config.bigcommerce().anySecret()
                    && !config.bigcommerce().tokens().anySecret()) {
                log.warn("BigCommerce webhooks are configured but no API token (BIGCOMMERCE_TOKENS): the orders and "
                        + "products they name cannot be read and wait, pending, until a token is set");
            }
            log.info(
                    "edm listening on {}:{} ({} database)",
                    config.host(),
                    http.port(),
                    config.database().kind().name().toLowerCase(Locale.ROOT));
            App app = new App(core, ingest, scheduler, fetcher, http, amazonQueue);
            app.reconciliation = reconciliation;
            return app;
        } catch (RuntimeException e) {
            if (amazonQueue != null) {
                amazonQueue.close();
            }
            if (scheduler != null) {
                scheduler.close();
            }
            if (reconciliation != null) {
                reconciliation.close();
            }
            if (fetcher != null) {
                fetcher.close();
            }
            if (ingest != null) {
                ingest.close();
            }
            core.close();
            throw e;
        }
    }

    public int port() {
        return http.port();
    }

    /** The features behind this server (tests read state through it). */
    public Core core() {
        return core;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("edm shutting down");
        http.close();
        if (reconciliation != null) {
            reconciliation.close();
        }
        if (amazonQueue != null) {
            amazonQueue.close();
        }
        fetcher.close();
        ingest.close();
        scheduler.close();
        core.close();
        log.info("edm stopped");
    }
}
