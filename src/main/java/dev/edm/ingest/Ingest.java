package dev.edm.ingest;

import dev.edm.event.Platform;
import dev.edm.platform.WebhookAdapter;
import dev.edm.storage.Database;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;

/**
 * The ingest feature's entry point: wires the inbox writer, the verification rate limiter, the ingest
 * service and the background processor, and shuts them down in order.
 */
public final class Ingest implements AutoCloseable {
    private final IngestService service;
    private final DeliveryLog log;
    private final GroupCommitInbox inbox;
    private final DeliveryProcessor processor;

    /** Settings of the ingest pipeline. */
    public record Settings(long maxBodyBytes, int verifyFailuresPerMinute, String instanceId) {}

    private Ingest(
            Database db,
            Map<Platform, WebhookAdapter> adapters,
            DeliveryHandler handler,
            MeterRegistry registry,
            Clock clock,
            Settings settings) {
        IngestMetrics metrics = new IngestMetrics(registry);
        this.log = new DeliveryLog(db);
        this.processor = new DeliveryProcessor(db, handler, metrics, clock, settings.instanceId());
        this.inbox = new GroupCommitInbox(db, metrics, processor::wake);
        this.service = new IngestService(
                adapters,
                inbox,
                new FailureRateLimiter(settings.verifyFailuresPerMinute(), clock),
                metrics,
                clock,
                settings.maxBodyBytes(),
                new VerifyFailures(db, clock));
        metrics.backlog(() -> {
            try {
                return log.pendingCount();
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        });
    }

    /** Builds the pipeline and starts background processing (which first drains what a crash left). */
    public static Ingest start(
            Database db,
            Map<Platform, WebhookAdapter> adapters,
            DeliveryHandler handler,
            MeterRegistry registry,
            Clock clock,
            Settings settings) {
        Ingest ingest = new Ingest(db, adapters, handler, registry, clock, settings);
        ingest.processor.start();
        return ingest;
    }

    public IngestService service() {
        return service;
    }

    public DeliveryLog log() {
        return log;
    }

    /** Tells background processing that deliveries were committed outside the inbox writer. */
    public void wakeProcessing() {
        processor.wake();
    }

    /** Commits what is queued, then stops processing. */
    @Override
    public void close() {
        inbox.close();
        processor.close();
    }
}
