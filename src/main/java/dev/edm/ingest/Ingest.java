package dev.edm.ingest;

import dev.edm.event.Platform;
import dev.edm.platform.WebhookAdapter;
import dev.edm.storage.Database;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The ingest feature's entry point: wires the inbox writer, the verification rate limiter, the ingest
 * service and the background processor, and shuts them down in order.
 */
public final class Ingest implements AutoCloseable {
    private final IngestService service;
    private final DeliveryLog log;
    private final GroupCommitInbox inbox;
    private final DeliveryProcessor processor;
    private final JournalInbox journal; // null without a journal

    /**
     * Settings of the ingest pipeline; {@code journalDir}: the inbox journal's folder (SQLite only, see
     * {@link JournalInbox}), empty for none.
     */
    public record Settings(
            long maxBodyBytes, int verifyFailuresPerMinute, String instanceId, Optional<Path> journalDir) {}

    private Ingest(
            Database db,
            Map<Platform, WebhookAdapter> adapters,
            DeliveryHandler handler,
            MeterRegistry registry,
            Clock clock,
            Settings settings) {
        IngestMetrics metrics = new IngestMetrics(registry);
        this.log = new DeliveryLog(db);
        BurstShare share = new BurstShare(clock);
        this.processor = new DeliveryProcessor(db, handler, metrics, clock, settings.instanceId(), share);
        this.journal = settings.journalDir()
                .map(dir -> journal(db, dir, metrics, processor::wake, share))
                .orElse(null);
        this.inbox = new GroupCommitInbox(db, metrics, processor::wake, journal, share);
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

    /**
     * Imports into the database what a server left in the inbox journal folder, for commands run while no server
     * is (see {@link JournalInbox#importLeft}); false when a running server holds the folder.
     */
    public static boolean importJournal(Database db, Path dir) {
        return JournalInbox.importLeft(db, dir);
    }

    /** The inbox journal in {@code dir}, or null (every delivery committed to the database) when another holds it. */
    private static JournalInbox journal(
            Database db, Path dir, IngestMetrics metrics, Runnable afterImport, BurstShare share) {
        try {
            return new JournalInbox(db, dir, metrics, afterImport, share);
        } catch (InboxJournal.Busy e) {
            LoggerFactory.getLogger(Ingest.class)
                    .warn("{}: this one commits every delivery to the database before answering", e.getMessage());
            return null;
        }
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

    /**
     * The inbox journal's health: empty without a journal, "ok", or what has kept its deliveries from being
     * imported for a while.
     */
    public Optional<String> journalHealth() {
        return journal == null
                ? Optional.empty()
                : Optional.of(journal.problem().orElse("ok"));
    }

    /** Tells background processing that deliveries were committed outside the inbox writer. */
    public void wakeProcessing() {
        processor.wake();
    }

    /** Commits what is queued, imports what the journal holds (for a while), then stops processing. */
    @Override
    public void close() {
        inbox.close();
        if (journal != null) {
            journal.close();
        }
        processor.close();
    }
}
