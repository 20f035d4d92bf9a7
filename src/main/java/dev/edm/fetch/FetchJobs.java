package dev.edm.fetch;

import dev.edm.event.Platform;
import dev.edm.ingest.StoredDelivery;
import dev.edm.platform.DetailRequest;
import dev.edm.storage.Session;
import dev.edm.storage.Sql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** The fetch_job table: requests made by processing, claimed and settled by the fetcher. */
final class FetchJobs {
    private static final int MAX_KEY = 255;
    /** The pending requests for the claimed job's resource, made no later than its group's newest. */
    private static final String GROUP = "WHERE status = 'pending' AND platform = ? AND store = ? AND resource = ? "
            + "AND resource_id = ? AND id <= ?";

    /** A pending request; {@code groupMax} is the newest pending request for the same resource when claimed. */
    record Job(
            long id,
            Platform platform,
            String store,
            String resource,
            String resourceId,
            String key,
            long deliveryId,
            int attempts) {}

    private FetchJobs() {}

    /**
     * Records the requests of a delivery, idempotently: the key is the resource plus the delivery's dedupe key,
     * so processing the same delivery again asks for nothing new.
     */
    static int enqueue(Session s, StoredDelivery d, List<DetailRequest> requests, long now) throws SQLException {
        int added = 0;
        for (DetailRequest r : requests) {
            added += s.update(
                    "INSERT INTO fetch_job (platform, store, resource, resource_id, job_key, delivery_id, status, "
                            + "attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?) "
                            + "ON CONFLICT (platform, job_key) DO NOTHING",
                    d.platform().id(),
                    d.store(),
                    r.resource(),
                    r.resourceId(),
                    key(r, d),
                    d.id(),
                    now,
                    now);
        }
        return added;
    }

    /** {@code fetch:resource:id:<dedupe key of the delivery that asked>}, hashed when too long for the column. */
    static String key(DetailRequest r, StoredDelivery d) {
        String origin = d.webhookId() == null ? "delivery-" + d.id() : d.webhookId();
        String prefix = "fetch:" + r.resource() + ":" + r.resourceId() + ":";
        String key = prefix + origin;
        return key.length() <= MAX_KEY ? key : prefix + sha256(origin);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The oldest due request, if any. */
    static Optional<Job> nextDue(Connection c, long now) throws SQLException {
        return Sql.queryOne(
                c,
                "SELECT id, platform, store, resource, resource_id, job_key, delivery_id, attempts FROM fetch_job "
                        + "WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1",
                rs -> new Job(
                        rs.getLong(1),
                        Platform.fromId(rs.getString(2)).orElseThrow(),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getLong(7),
                        rs.getInt(8)),
                now);
    }

    /**
     * The newest pending request for the same resource. One read started after all of them were made answers
     * them all, so the fetcher settles the whole group with one API call.
     */
    static long groupMax(Connection c, Job job) throws SQLException {
        return Sql.queryOne(
                        c,
                        "SELECT max(id) FROM fetch_job WHERE status = 'pending' AND platform = ? AND store = ? "
                                + "AND resource = ? AND resource_id = ?",
                        rs -> Sql.getLong(rs, 1),
                        job.platform().id(),
                        job.store(),
                        job.resource(),
                        job.resourceId())
                .orElse(job.id());
    }

    /** Marks the group done, pointing at the delivery that holds the document. */
    static int complete(Session s, Job job, long groupMax, long resultDeliveryId, long now) throws SQLException {
        return s.update(
                "UPDATE fetch_job SET status = 'done', done_at = ?, result_delivery_id = ?, last_error = NULL " + GROUP,
                now,
                resultDeliveryId,
                job.platform().id(),
                job.store(),
                job.resource(),
                job.resourceId(),
                groupMax);
    }

    /** Counts a failed attempt for the group and sets when to try again. */
    static int fail(Connection c, Job job, long groupMax, String error, long nextAttemptAt) throws SQLException {
        return Sql.update(
                c,
                "UPDATE fetch_job SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? " + GROUP,
                error,
                nextAttemptAt,
                job.platform().id(),
                job.store(),
                job.resource(),
                job.resourceId(),
                groupMax);
    }

    static long pendingCount(Connection c) throws SQLException {
        return Sql.queryOne(c, "SELECT count(*) FROM fetch_job WHERE status = 'pending'", rs -> rs.getLong(1))
                .orElse(0L);
    }

    /** After a restart (e.g. a token was added), every pending request is due at once. */
    static int makeAllDue(Connection c, long now) throws SQLException {
        return Sql.update(
                c,
                "UPDATE fetch_job SET next_attempt_at = ? WHERE status = 'pending' AND next_attempt_at > ?",
                now,
                now);
    }
}
