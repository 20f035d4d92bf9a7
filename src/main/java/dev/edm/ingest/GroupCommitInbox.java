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
 *
 * <p>Requests wait for their future without a timer of their own (a timed wait costs every request a task on
 * the virtual-thread scheduler's timer); instead one watchdog fails, with {@link StorageException} (503: the
 * platform retries), every request that has waited longer than the commit limit, queued or being committed. A
 * commit that finishes after that still stores the delivery: the platform's retry is then a duplicate.
 */
final class GroupCommitInbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitInbox.class);
    private static final int MAX_BATCH = 256;
    /** How long a request waits for its commit before it is answered 503. */
    static final long COMMIT_LIMIT_MILLIS = 4_000;

    private final long limitNanos;
    private final Database.Pinned db;
    private final IngestMetrics metrics;
    private final Runnable afterCommit;
    private final JournalInbox journal; // null: every group is committed to the database
    private final BurstShare share;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(20_000);
    private final Thread writer;
    private final Thread watchdog;
    private volatile boolean closing;
    /** The group the writer is committing, and since when (System.nanoTime); null between commits. */
    private volatile List<Pending> committing;

    private volatile long committingSince;

    private record Pending(NewDelivery delivery, CompletableFuture<IngestResult> result, long queuedNanos) {}

    GroupCommitInbox(Database db, IngestMetrics metrics, Runnable afterCommit, JournalInbox journal, BurstShare share) {
        this(db, metrics, afterCommit, journal, share, COMMIT_LIMIT_MILLIS);
    }

    /** As above, with another commit limit (tests). */
    GroupCommitInbox(
            Database db,
            IngestMetrics metrics,
            Runnable afterCommit,
            JournalInbox journal,
            BurstShare share,
            long limitMillis) {
        this.limitNanos = TimeUnit.MILLISECONDS.toNanos(limitMillis);
        this.db = db.pin();
        this.metrics = metrics;
        this.afterCommit = afterCommit;
        this.journal = journal;
        this.share = share;
        this.writer = Thread.ofPlatform().name("edm-inbox-writer").unstarted(this::run);
        writer.start();
        this.watchdog = Thread.ofPlatform()
                .name("edm-inbox-watchdog")
                .daemon()
                .start(() -> watch(Math.max(10, Math.min(250, limitMillis / 4))));
    }

    /** Queues a delivery; the future completes with Accepted or Duplicate once committed. */
    CompletableFuture<IngestResult> submit(NewDelivery delivery) {
        if (closing) {
            return CompletableFuture.failedFuture(new StorageException("shutting down", null));
        }
        Pending pending = new Pending(delivery, new CompletableFuture<>(), System.nanoTime());
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

    /** Fails the requests that waited longer than the limit, every {@code everyMillis}, until closed. */
    private void watch(long everyMillis) {
        while (!closing || writer.isAlive()) {
            try {
                Thread.sleep(everyMillis);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            int failed = 0;
            List<Pending> group = committing;
            if (group != null && now - committingSince > limitNanos) {
                for (Pending p : group) {
                    failed += fail(p) ? 1 : 0;
                }
            }
            Pending oldest = queue.peek();
            if (oldest != null && now - oldest.queuedNanos() > limitNanos) {
                for (Pending p : queue) { // oldest first: stop at the first that may still wait
                    if (now - p.queuedNanos() <= limitNanos) {
                        break;
                    }
                    failed += fail(p) ? 1 : 0;
                }
            }
            if (failed > 0) {
                log.warn(
                        "{} deliveries answered 503: their inbox commit did not finish within {} ms",
                        failed,
                        TimeUnit.NANOSECONDS.toMillis(limitNanos));
            }
        }
    }

    private boolean fail(Pending p) {
        return p.result()
                .completeExceptionally(new StorageException(
                        "inbox commit did not finish within " + TimeUnit.NANOSECONDS.toMillis(limitNanos) + " ms",
                        null));
    }

    private void commit(List<Pending> batch) {
        long start = System.nanoTime();
        committingSince = start;
        committing = List.copyOf(batch); // the writer reuses its list; the watchdog may still be reading this
        try {
            commitGroup(batch, start);
        } finally {
            committing = null;
        }
    }

    private void commitGroup(List<Pending> batch, long start) {
        boolean journaled = journal != null && journal.takes(batch.size());
        List<NewDelivery> deliveries = new ArrayList<>(batch.size());
        batch.forEach(p -> deliveries.add(p.delivery()));
        List<IngestResult> results;
        try {
            if (journaled) {
                results = journal.append(deliveries);
            } else {
                results = db.transaction(s -> insertAll(s, deliveries), true);
                if (journal != null) {
                    journal.committedDirectly(deliveries);
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

    private static List<IngestResult> insertAll(Session s, List<NewDelivery> deliveries) throws SQLException {
        List<IngestResult> results = new ArrayList<>(deliveries.size());
        for (NewDelivery d : deliveries) {
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
            watchdog.interrupt();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }
}
