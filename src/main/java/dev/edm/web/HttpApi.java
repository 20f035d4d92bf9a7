package dev.edm.web;

import dev.edm.alerts.Alerts;
import dev.edm.ingest.DeliveryLog;
import dev.edm.ingest.IngestService;
import dev.edm.notify.Notifications;
import dev.edm.reports.Reports;
import dev.edm.storage.StorageException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP server: webhook receivers, operations endpoints and the read-only API. */
public final class HttpApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    private final WebServer server;

    private HttpApi(WebServer server) {
        this.server = server;
    }

    /** Starts listening; port 0 picks a free port (see {@link #port()}). */
    public static HttpApi start(
            String host,
            int port,
            IngestService ingest,
            DeliveryLog deliveries,
            Alerts alerts,
            Reports reports,
            HealthCheck health,
            Supplier<String> metrics,
            Notifications notifications,
            SyncControl sync) {
        HttpRouting.Builder routing = HttpRouting.builder();
        new WebhookRoutes(ingest).register(routing);
        new OpsRoutes(health, metrics).register(routing);
        new EventsRoutes(deliveries).register(routing);
        new AlertsRoutes(alerts).register(routing);
        new AlertActionsRoutes(alerts).register(routing);
        new SilencesRoutes(alerts).register(routing);
        new ReportsRoutes(reports).register(routing);
        new SkusRoutes(reports).register(routing);
        new NotificationsRoutes(notifications).register(routing);
        new SyncRoutes(sync).register(routing);
        routing.error(StorageException.class, (req, res, e) -> {
            log.warn(
                    "{} {} answered 503: {}",
                    req.prologue().method().text(),
                    req.path().path(),
                    e.getMessage());
            res.header(HeaderNames.RETRY_AFTER, "5");
            Responses.error(res, 503, "storage unavailable, retry later");
        });
        routing.error(RuntimeException.class, (req, res, e) -> {
            log.error("{} {} failed", req.prologue().method().text(), req.path().path(), e);
            Responses.error(res, 500, "internal error");
        });
        WebServer server = WebServer.builder()
                .host(host)
                .port(port)
                .shutdownGracePeriod(Duration.ofSeconds(10))
                .routing(routing)
                .build()
                .start();
        return new HttpApi(server);
    }

    public int port() {
        return server.port();
    }

    /** Stops accepting connections and lets in-flight requests finish. */
    @Override
    public void close() {
        server.stop();
    }
}
