package dev.edm.ingest;

import dev.edm.storage.Database;
import dev.edm.storage.Session;
import dev.edm.storage.StorageException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable inbox writer. Concurrent requests queue their delivery; one writer thread commits whatever
 * has queued in one transaction (group commit), so durability costs one disk flush per group rather than
 * per request. A request's future completes only after its commit. With a {@link JournalInbox} (SQLite),
 * large groups, and all groups while journaled ones wait for import, are appended to the journal instead
 * and imported into the database in the background.
 */
final class GroupCommitInbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitInbox.class);
    private static final int MAX_BATCH = 256;
    private final Database.Pinned db;
    private final IngestMetrics metrics;
    private final Runnable afterCommit;
    private final JournalInbox journal; // null: every group is committed to the database
    private final BurstShare share;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(20_000);
    private final Thread writer;
    private volatile boolean closing;

    private record Pending(NewDelivery delivery, CompletableFuture<IngestResult> result) {}

    GroupCommitInbox(Database db, IngestMetrics metrics, Runnable afterCommit, JournalInbox journal, BurstShare share) {
        this.db = db.pin();
        this.metrics = metrics;
        this.afterCommit = afterCommit;
        this.journal = journal;
        this.share = share;
        this.writer = Thread.ofPlatform().name("edm-inbox-writer").unstarted(this::run);
        writer.start();
    }

    /** Queues a delivery; the future completes with Accepted or Duplicate once committed. */
    CompletableFuture<IngestResult> submit(NewDelivery delivery) {
        if (closing) {
            return CompletableFuture.failedFuture(new StorageException("shutting down", null));
        }
        Pending pending = new Pending(delivery, new CompletableFuture<>());
        if (!queue.offer(pending)) {
            return CompletableFuture.failedFuture(new StorageException("inbox queue is full", null));
        }
        return pending.result();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            Pending first;
            try {
                first = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                first = null;
            }
            if (first == null) {
                if (closing && queue.isEmpty()) {
                    return;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            commit(batch);
            batch.clear();
        }
    }

    private void commit(List<Pending> batch) {
        long start = System.nanoTime();
        boolean journaled = journal != null && journal.takes(batch.size());
        List<IngestResult> results;
        try {
            if (journaled) {
                List<NewDelivery> deliveries = new ArrayList<>(batch.size());
                batch.forEach(p -> deliveries.add(p.delivery()));
                results = journal.append(deliveries);
            } else {
                results = db.transaction(s -> insertAll(s, batch), true);
                if (journal != null) {
                    journal.committedDirectly();
                }
            }
        } catch (RuntimeException e) {
            StorageException failure =
                    e instanceof StorageException se ? se : new StorageException("inbox commit failed: " + e, e);
            log.warn("inbox commit of {} deliveries failed: {}", batch.size(), failure.getMessage());
            batch.forEach(p -> p.result().completeExceptionally(failure));
            return;
        }
        metrics.committed(System.nanoTime() - start, batch.size());
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(results.get(i));
        }
        share.arrived();
        if (!journaled) {
            afterCommit.run(); // journaled ones are processed once imported
        }
    }

    private static List<IngestResult> insertAll(Session s, List<Pending> batch) throws SQLException {
        List<IngestResult> results = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            NewDelivery d = p.delivery();
            results.add(InboxInsert.insert(s, d.platform(), d.meta(), d.headersJson(), d.body(), d.receivedAtMillis()));
        }
        return results;
    }

    /** Stops taking deliveries and commits what is queued before returning. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }
}
