package dev.edm.ingest;

import dev.edm.storage.Database;
import dev.edm.storage.Leases;
import dev.edm.storage.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes committed deliveries in the background, in arrival order, under a database lease so that only
 * one instance processes at a time (order per store holds across instances). Each batch runs in one
 * transaction that first renews the lease; each delivery gets a savepoint, so a delivery that fails is
 * marked failed with its reason and does not block the ones after it. Pending deliveries left by a crash
 * are simply the next batch after restart.
 */
final class DeliveryProcessor implements AutoCloseable {
    static final String LEASE = "delivery-processor";
    private static final Logger log = LoggerFactory.getLogger(DeliveryProcessor.class);
    private static final int BATCH = 100;
    private static final long LEASE_TTL_MILLIS = 30_000;
    private static final long IDLE_WAIT_MILLIS = 1_000;

    private final Database db;
    private final DeliveryHandler handler;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final String owner;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;

    DeliveryProcessor(Database db, DeliveryHandler handler, IngestMetrics metrics, Clock clock, String owner) {
        this.db = db;
        this.handler = handler;
        this.metrics = metrics;
        this.clock = clock;
        this.owner = owner;
        this.thread = Thread.ofPlatform().name("edm-processor").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Tells the processor that new deliveries were committed. */
    void wake() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    private void run() {
        long backoff = IDLE_WAIT_MILLIS;
        while (running) {
            try {
                int done = processBatch();
                backoff = IDLE_WAIT_MILLIS;
                if (done == BATCH) {
                    continue;
                }
                await(done < 0 ? LEASE_TTL_MILLIS / 3 : IDLE_WAIT_MILLIS);
            } catch (StorageException e) {
                log.warn("delivery processing paused: {}", e.getMessage());
                await(backoff);
                backoff = Math.min(backoff * 2, 30_000);
            } catch (RuntimeException e) {
                log.error("delivery processing failed unexpectedly", e);
                await(backoff);
            }
        }
    }

    private void await(long millis) {
        try {
            wakeUp.tryAcquire(millis, TimeUnit.MILLISECONDS);
            wakeUp.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Processes one batch; returns how many deliveries it handled, or -1 when another instance holds the lease. */
    int processBatch() {
        return db.transaction(c -> {
            long now = clock.millis();
            if (!Leases.tryAcquire(c, LEASE, owner, now, LEASE_TTL_MILLIS)) {
                return -1;
            }
            List<StoredDelivery> batch = DeliveryLog.pending(c, BATCH);
            for (StoredDelivery delivery : batch) {
                DeliveryHandler.Outcome outcome = handleOne(c, delivery);
                DeliveryLog.markProcessed(c, delivery.id(), outcome, clock.millis());
                metrics.processed(delivery.platform(), outcome.status());
            }
            return batch.size();
        });
    }

    private DeliveryHandler.Outcome handleOne(Connection c, StoredDelivery delivery) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            DeliveryHandler.Outcome outcome = handler.handle(c, delivery);
            c.releaseSavepoint(savepoint);
            return outcome;
        } catch (SQLException | RuntimeException e) {
            c.rollback(savepoint);
            log.warn(
                    "delivery {} ({} {}) failed: {}",
                    delivery.id(),
                    delivery.platform().id(),
                    delivery.topic(),
                    e.toString());
            return DeliveryHandler.Outcome.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            db.transaction(c -> {
                Leases.release(c, LEASE, owner);
                return null;
            });
        } catch (StorageException e) {
            log.debug("lease not released: {}", e.getMessage());
        }
    }
}
