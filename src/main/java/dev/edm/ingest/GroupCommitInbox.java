package dev.edm.ingest;

import dev.edm.storage.Database;
import dev.edm.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * per request. A request's future completes only after its commit.
 */
final class GroupCommitInbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitInbox.class);
    private static final int MAX_BATCH = 256;
    private static final String INSERT =
            "INSERT INTO delivery (platform, store, topic, webhook_id, event_id, triggered_at, "
                    + "api_version, received_at, signed, headers, body, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (platform, webhook_id) DO NOTHING RETURNING id";
    private static final String FIND = "SELECT id FROM delivery WHERE platform = ? AND webhook_id = ?";

    private final Database db;
    private final IngestMetrics metrics;
    private final Runnable afterCommit;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(20_000);
    private final Thread writer;
    private volatile boolean closing;

    private record Pending(NewDelivery delivery, CompletableFuture<IngestResult> result) {}

    GroupCommitInbox(Database db, IngestMetrics metrics, Runnable afterCommit) {
        this.db = db;
        this.metrics = metrics;
        this.afterCommit = afterCommit;
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
        List<IngestResult> results;
        try {
            results = db.transaction(c -> insertAll(c, batch));
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
        afterCommit.run();
    }

    private static List<IngestResult> insertAll(Connection c, List<Pending> batch) throws SQLException {
        List<IngestResult> results = new ArrayList<>(batch.size());
        try (PreparedStatement insert = c.prepareStatement(INSERT);
                PreparedStatement find = c.prepareStatement(FIND)) {
            for (Pending p : batch) {
                NewDelivery d = p.delivery();
                var m = d.meta();
                insert.setString(1, d.platform().id());
                insert.setString(2, m.store());
                insert.setString(3, m.topic());
                insert.setString(4, m.webhookId());
                insert.setString(5, m.eventId());
                insert.setString(6, m.triggeredAt());
                insert.setString(7, m.apiVersion());
                insert.setLong(8, d.receivedAtMillis());
                insert.setInt(9, m.signed() ? 1 : 0);
                insert.setString(10, d.headersJson());
                insert.setBytes(11, d.body());
                insert.setString(12, DeliveryStatus.PENDING.id());
                try (ResultSet rs = insert.executeQuery()) {
                    if (rs.next()) {
                        results.add(new IngestResult.Accepted(rs.getLong(1)));
                        continue;
                    }
                }
                find.setString(1, d.platform().id());
                find.setString(2, m.webhookId());
                try (ResultSet rs = find.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("delivery " + m.webhookId() + " conflicted but cannot be found");
                    }
                    results.add(new IngestResult.Duplicate(rs.getLong(1)));
                }
            }
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
    }
}
