package dev.edm.ingest;

import dev.edm.event.Platform;
import dev.edm.storage.Database;
import dev.edm.storage.InLists;
import dev.edm.storage.Session;
import dev.edm.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read access to the inbox: recent deliveries with their processing status, one delivery with its body. */
public final class DeliveryLog {
    private static final String SUMMARY_COLUMNS = "d.id, d.platform, d.store, d.topic, d.webhook_id, d.event_id, "
            + "d.triggered_at, d.api_version, d.received_at, d.signed, d.headers, length(b.body) AS body_size, d.status, "
            + "d.status_reason, d.processed_at";
    /** Deliveries with their bodies (kept in their own table, written once). */
    private static final String FROM = " FROM delivery d LEFT JOIN delivery_body b ON b.delivery_id = d.id";

    private final Database db;

    public DeliveryLog(Database db) {
        this.db = db;
    }

    /** The latest deliveries, newest first, optionally filtered; bodies are not loaded. */
    public List<StoredDelivery> latest(int limit, Optional<Platform> platform, Optional<DeliveryStatus> status) {
        StringBuilder sql = new StringBuilder("SELECT " + SUMMARY_COLUMNS + FROM + " WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        platform.ifPresent(p -> {
            sql.append(" AND d.platform = ?");
            params.add(p.id());
        });
        status.ifPresent(s -> {
            sql.append(" AND d.status = ?");
            params.add(s.id());
        });
        sql.append(" ORDER BY d.id DESC LIMIT ?");
        params.add(limit);
        return db.read(c -> Sql.query(c, sql.toString(), rs -> map(rs, false), params.toArray()));
    }

    /** One delivery with its raw body. */
    public Optional<StoredDelivery> find(long id) {
        return db.read(c -> Sql.queryOne(
                c, "SELECT " + SUMMARY_COLUMNS + ", b.body" + FROM + " WHERE d.id = ?", rs -> map(rs, true), id));
    }

    /** How many deliveries wait for processing. */
    public long pendingCount() {
        return db.read(c -> Sql.queryOne(
                        c,
                        "SELECT count(*) FROM delivery WHERE status = ?",
                        rs -> rs.getLong(1),
                        DeliveryStatus.PENDING.id())
                .orElse(0L));
    }

    /** The oldest pending deliveries after the given id (0: all), in arrival order, with bodies. */
    static List<StoredDelivery> pending(Session s, long afterId, int limit) throws SQLException {
        return s.query(
                "SELECT " + SUMMARY_COLUMNS + ", b.body" + FROM
                        + " WHERE d.status = ? AND d.id > ? ORDER BY d.id LIMIT ?",
                rs -> map(rs, true),
                DeliveryStatus.PENDING.id(),
                afterId,
                limit);
    }

    private static final int ID_CHUNK = 256;

    /** Whether every one of these deliveries is still pending (checked in chunks of ids). */
    static boolean allPending(Session session, List<StoredDelivery> deliveries) throws SQLException {
        String sql = "SELECT count(*) FROM delivery WHERE status = 'pending' AND id IN ("
                + InLists.placeholders(ID_CHUNK) + ")";
        List<Long> ids = deliveries.stream().map(StoredDelivery::id).toList();
        List<Object[]> chunks = InLists.chunks(ids, ID_CHUNK);
        for (int c = 0; c < chunks.size(); c++) {
            long expected = Math.min(ID_CHUNK, ids.size() - (long) c * ID_CHUNK);
            if (session.queryOne(sql, rs -> rs.getLong(1), chunks.get(c)).orElse(0L) != expected) {
                return false;
            }
        }
        return true;
    }

    /**
     * Records each delivery's outcome (the lists run in parallel): one statement per chunk of deliveries that
     * share an outcome (most do: "processed, 1 event"), not one per delivery.
     */
    static void markProcessed(
            Session session, List<StoredDelivery> deliveries, List<DeliveryHandler.Outcome> outcomes, long nowMillis)
            throws SQLException {
        Map<DeliveryHandler.Outcome, List<Long>> byOutcome = new LinkedHashMap<>();
        for (int i = 0; i < deliveries.size(); i++) {
            byOutcome
                    .computeIfAbsent(outcomes.get(i), k -> new ArrayList<>())
                    .add(deliveries.get(i).id());
        }
        String sql = "UPDATE delivery SET status = ?, status_reason = ?, processed_at = ? WHERE id IN ("
                + InLists.placeholders(ID_CHUNK) + ")";
        for (Map.Entry<DeliveryHandler.Outcome, List<Long>> e : byOutcome.entrySet()) {
            DeliveryHandler.Outcome outcome = e.getKey();
            for (Object[] params :
                    InLists.chunks(e.getValue(), ID_CHUNK, outcome.status().id(), outcome.reason(), nowMillis)) {
                session.update(sql, params);
            }
        }
    }

    /** A body row is written with its delivery; were one missing, processing fails the delivery, not the batch. */
    private static byte[] body(byte[] stored) {
        return stored == null ? new byte[0] : stored;
    }

    /**
     * Maps a row of {@link #SUMMARY_COLUMNS} (and the body after them, when selected) by column position: a
     * lookup by name costs SQLite's driver a scan of the column names for every cell, and pending batches are
     * read tens of thousands of rows at a time.
     */
    private static StoredDelivery map(ResultSet rs, boolean withBody) throws SQLException {
        long processedAt = rs.getLong(15);
        boolean processed = !rs.wasNull();
        return new StoredDelivery(
                rs.getLong(1),
                Platform.fromId(rs.getString(2)).orElseThrow(),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                Instant.ofEpochMilli(rs.getLong(9)),
                rs.getInt(10) == 1,
                rs.getString(11),
                withBody ? body(rs.getBytes(16)) : null,
                rs.getInt(12),
                DeliveryStatus.fromId(rs.getString(13)).orElseThrow(),
                rs.getString(14),
                processed ? Instant.ofEpochMilli(processedAt) : null);
    }
}
