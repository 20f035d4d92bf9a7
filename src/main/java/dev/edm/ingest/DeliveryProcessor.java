package dev.edm.ingest;

import dev.edm.storage.Database;
import dev.edm.storage.Leases;
import dev.edm.storage.Session;
import dev.edm.storage.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    private final int batch;
    private final long budgetNanos;
    private static final long LEASE_TTL_MILLIS = 30_000;
    private static final long IDLE_WAIT_MILLIS = 1_000;
    private final Database db;
    private final Database.Pinned pinned;
    private final DeliveryHandler handler;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final String owner;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;
    private final BurstShare share;
    /** Replay only: reads and prepares the next batch while the current one is written. */
    private ExecutorService readAhead;
    /** The next batch, being read ahead; null when none. Used by the processing thread only. */
    private CompletableFuture<List<StoredDelivery>> ahead;

    private long oldestPendingMillis = Long.MAX_VALUE; // received time of the first delivery of the last batch

    /** Live processing: small transactions (at most 100 deliveries) so webhook commits wait little. */
    DeliveryProcessor(
            Database db, DeliveryHandler handler, IngestMetrics metrics, Clock clock, String owner, BurstShare share) {
        this(db, handler, metrics, clock, owner, 100, 5_000_000L, share);
    }

    /** Replay: very large transactions (every row a batch touches is written once), the fastest way through a backlog when nothing else writes. */
    static DeliveryProcessor forReplay(
            Database db, DeliveryHandler handler, IngestMetrics metrics, Clock clock, String owner, int batch) {
        DeliveryProcessor replay =
                new DeliveryProcessor(db, handler, metrics, clock, owner, batch, 5_000_000L, new BurstShare(clock));
        replay.readAhead = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("edm-replay-read-ahead").daemon().factory());
        return replay;
    }

    DeliveryProcessor(
            Database db,
            DeliveryHandler handler,
            IngestMetrics metrics,
            Clock clock,
            String owner,
            int batch,
            long budgetNanos,
            BurstShare share) {
        this.batch = batch;
        this.budgetNanos = budgetNanos;
        this.db = db;
        this.pinned = db.pin();
        this.handler = handler;
        this.metrics = metrics;
        this.clock = clock;
        this.owner = owner;
        this.share = share;
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
                long started = System.nanoTime();
                int done = processBatch();
                backoff = IDLE_WAIT_MILLIS;
                if (done > 0) {
                    yieldToIngest(System.nanoTime() - started);
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

    /** See {@link BurstShare}: acknowledging webhooks comes first while they keep arriving. */
    private void yieldToIngest(long batchNanos) {
        try {
            share.pause(batchNanos, oldestPendingMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
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

    /**
     * Processes one batch in one transaction, committed without waiting for the disk: if it is lost, its
     * deliveries are still pending and are processed again. Returns how many deliveries it handled, or -1
     * when another instance holds the lease.
     */
    int processBatch() {
        try {
            return processBatch(false);
        } catch (HandlerFailed e) {
            // one delivery threw: redo the batch with a savepoint around each, so only that one fails
            ahead = null;
            return processBatch(true);
        }
    }

    /** A handler threw while processing without savepoints; the whole batch is rolled back and redone. */
    private static final class HandlerFailed extends RuntimeException {
        HandlerFailed(Throwable cause) {
            super(cause);
        }
    }

    /**
     * Reads the oldest pending deliveries after {@code afterId} and lets the handler prepare them: before
     * taking the writer, so webhook commits do not wait for the parsing.
     */
    private List<StoredDelivery> readPending(long afterId, boolean prepare) {
        List<StoredDelivery> pending = db.read(c -> {
            try (Session s = new Session(c)) {
                return DeliveryLog.pending(s, afterId, batch);
            }
        });
        if (prepare) {
            handler.prepare(pending);
        }
        return pending;
    }

    /** The batch read ahead (replay; never there when redoing a batch one by one), or a fresh read. */
    private List<StoredDelivery> nextPending(boolean oneByOne) {
        CompletableFuture<List<StoredDelivery>> next = ahead;
        ahead = null;
        if (next != null) {
            try {
                return next.join();
            } catch (CompletionException e) {
                log.debug("read-ahead failed, reading again: {}", e.getCause().toString());
            }
        }
        return readPending(0, !oneByOne);
    }

    private int processBatch(boolean oneByOne) {
        List<StoredDelivery> pending = nextPending(oneByOne);
        oldestPendingMillis =
                pending.isEmpty() ? Long.MAX_VALUE : pending.get(0).receivedAt().toEpochMilli();
        if (readAhead != null && !oneByOne && pending.size() == batch) {
            // the next batch is read and parsed on other cores while this one is written; it is used only if
            // this one commits whole (see below), and its deliveries are checked to be still pending anyway
            long last = pending.get(pending.size() - 1).id();
            ahead = CompletableFuture.supplyAsync(() -> readPending(last, true), readAhead);
        }
        List<StoredDelivery> done = new ArrayList<>();
        List<DeliveryHandler.Outcome> outcomes = new ArrayList<>();
        int handled = pinned.transaction(
                session -> {
                    long now = clock.millis();
                    if (!Leases.tryAcquire(session, LEASE, owner, now, LEASE_TTL_MILLIS)) {
                        return -1;
                    }
                    if (!DeliveryLog.allPending(session, pending)) {
                        return 0; // another instance processed some of them meanwhile: read again
                    }
                    if (oneByOne) {
                        long started = System.nanoTime();
                        for (StoredDelivery delivery : pending) {
                            outcomes.add(handleIsolated(session, delivery));
                            done.add(delivery);
                            if (System.nanoTime() - started > budgetNanos) {
                                break; // the rest stay pending for the next transaction
                            }
                        }
                    } else {
                        outcomes.addAll(handleFast(session, pending));
                        done.addAll(pending);
                    }
                    DeliveryLog.markProcessed(session, done, outcomes, clock.millis());
                    return done.size();
                },
                false);
        if (handled != pending.size()) {
            ahead = null; // read after deliveries that are not all processed: read again from the oldest
        }
        for (int i = 0; i < done.size(); i++) {
            metrics.processed(done.get(i).platform(), outcomes.get(i).status());
        }
        return handled;
    }

    private List<DeliveryHandler.Outcome> handleFast(Session session, List<StoredDelivery> deliveries) {
        try {
            return handler.handleAll(session, deliveries);
        } catch (SQLException | RuntimeException e) {
            throw new HandlerFailed(e);
        }
    }

    /** Processes until nothing is pending (for replay, with no background thread running); returns the count. */
    long drain() {
        long total = 0;
        int n;
        while ((n = processBatch()) > 0) {
            total += n;
        }
        if (n < 0) {
            throw new IllegalStateException("another edm instance is processing deliveries; stop it before replaying");
        }
        return total;
    }

    private DeliveryHandler.Outcome handleIsolated(Session session, StoredDelivery delivery) throws SQLException {
        Connection c = session.connection();
        Savepoint savepoint = c.setSavepoint();
        try {
            DeliveryHandler.Outcome outcome =
                    handler.handleAll(session, List.of(delivery)).get(0);
            c.releaseSavepoint(savepoint);
            return outcome;
        } catch (SQLException | RuntimeException e) {
            session.rollback(savepoint);
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
        if (readAhead != null) {
            readAhead.shutdownNow();
        }
        pinned.close();
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
