package dev.edm.notify;

import dev.edm.storage.Database;
import dev.edm.storage.Session;
import dev.edm.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outbox table: rows are written in the caller's transaction, claimed by a worker for a while (rows of a
 * worker that died are claimed again after that: at most one duplicate), then marked sent, retried or dead.
 * On PostgreSQL claims skip rows another instance has locked; SQLite has one writer.
 */
final class Outbox {
    static final String HELD = "held";
    static final String DIGESTED = "digested";
    static final String PENDING = "pending";
    static final String SENT = "sent";
    static final String DEAD = "dead";

    private static final String INSERT = "INSERT INTO notification (message_key, store, alert_id, receiver, channel, "
            + "address, kind, severity, payload, status, attempts, next_attempt_at, created_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT (message_key) DO NOTHING";
    private static final String COLUMNS = "id, message_key, store, alert_id, receiver, channel, address, kind, "
            + "severity, status, attempts, next_attempt_at, last_error, created_at, sent_at, digest_id, payload";

    /** A row to write. */
    record NewRow(
            String key,
            String store,
            Long alertId,
            String receiver,
            ChannelKind channel,
            String address,
            String kind,
            String severity,
            String payload,
            String status,
            long dueAt) {}

    /** A claimed row with what sending needs. */
    record Claimed(Notification row, String payload) {}

    private final Database db;
    private final String lock;

    Outbox(Database db) {
        this.db = db;
        this.lock = db.kind() == dev.edm.config.DatabaseSettings.Kind.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
    }

    /** Deletes every notification of the store (digests that mixed stores are keyed "*" and stay). */
    static void eraseStore(Session s, String store) throws SQLException {
        s.update("DELETE FROM notification WHERE store = ?", store);
    }

    /** Writes a row in the caller's transaction; returns 1, or 0 when its key exists. */
    static int insert(Session s, NewRow r, long now) throws SQLException {
        return s.update(
                INSERT,
                r.key(),
                r.store(),
                r.alertId(),
                r.receiver(),
                r.channel().id(),
                r.address(),
                r.kind(),
                r.severity(),
                r.payload(),
                r.status(),
                r.dueAt(),
                now);
    }

    /** Writes rows in one transaction; returns the keys of those that were new (a known key is skipped). */
    List<String> insertNew(List<NewRow> rows, long now) {
        return db.transaction(c -> {
            Session s = new Session(c);
            try {
                List<String> added = new ArrayList<>();
                for (NewRow r : rows) {
                    if (insert(s, r, now) == 1) {
                        added.add(r.key());
                    }
                }
                return added;
            } finally {
                s.close();
            }
        });
    }

    /** Whether a row with this key exists. */
    boolean exists(String key) {
        return db.read(
                c -> Sql.queryOne(c, "SELECT id FROM notification WHERE message_key = ?", rs -> rs.getLong(1), key)
                        .isPresent());
    }

    /**
     * Turns the held items that are due into one digest row per receiver and address; returns how many digests.
     */
    int formDigests(long now) {
        return db.transaction(c -> {
            Session s = new Session(c);
            try {
                List<String[]> groups = s.query(
                        "SELECT DISTINCT receiver, address, channel FROM notification WHERE status = ? "
                                + "AND next_attempt_at <= ?",
                        rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)},
                        HELD,
                        now);
                int formed = 0;
                for (String[] g : groups) {
                    List<Claimed> items = s.query(
                            "SELECT " + COLUMNS + " FROM notification WHERE status = ? AND next_attempt_at <= ? "
                                    + "AND receiver = ? AND address = ? ORDER BY id" + lock,
                            Outbox::claimed,
                            HELD,
                            now,
                            g[0],
                            g[1]);
                    if (items.isEmpty()) {
                        continue;
                    }
                    formed += digest(s, g, items, now);
                }
                return formed;
            } finally {
                s.close();
            }
        });
    }

    private static int digest(Session s, String[] group, List<Claimed> items, long now) throws SQLException {
        List<Item> parsed = new ArrayList<>(items.size());
        String store = items.get(0).row().store();
        String severity = "info";
        for (Claimed it : items) {
            parsed.addAll(Item.listFromJson(it.payload()));
            if (!it.row().store().equals(store)) {
                store = "*";
            }
            if (Item.rank(it.row().severity()) < Item.rank(severity)) {
                severity = it.row().severity();
            }
        }
        String key = "digest-" + group[0] + (group[1].isEmpty() ? "" : "-" + group[1]) + "-"
                + items.get(0).row().id() + "-"
                + items.get(items.size() - 1).row().id();
        long id = s.query(
                        "INSERT INTO notification (message_key, store, alert_id, receiver, channel, address, kind, "
                                + "severity, payload, status, attempts, next_attempt_at, created_at) "
                                + "VALUES (?, ?, NULL, ?, ?, ?, 'digest', ?, ?, ?, 0, ?, ?) RETURNING id",
                        rs -> rs.getLong(1),
                        key,
                        store,
                        group[0],
                        group[2],
                        group[1],
                        severity,
                        Item.toJson(parsed),
                        PENDING,
                        now,
                        now)
                .get(0);
        List<Object[]> updates = new ArrayList<>(items.size());
        for (Claimed it : items) {
            updates.add(new Object[] {DIGESTED, id, it.row().id()});
        }
        s.batch("UPDATE notification SET status = ?, digest_id = ? WHERE id = ?", updates);
        return 1;
    }

    /** Claims up to {@code limit} due pending rows for {@code leaseMillis} for {@code owner}. */
    List<Claimed> claim(long now, int limit, long leaseMillis, String owner) {
        return db.transaction(c -> {
            List<Claimed> rows = Sql.query(
                    c,
                    "SELECT " + COLUMNS + " FROM notification WHERE status = ? AND next_attempt_at <= ? "
                            + "AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY next_attempt_at, id LIMIT ?"
                            + lock,
                    Outbox::claimed,
                    PENDING,
                    now,
                    now,
                    limit);
            for (Claimed r : rows) {
                Sql.update(
                        c,
                        "UPDATE notification SET claimed_until = ?, claimed_by = ? WHERE id = ?",
                        now + leaseMillis,
                        owner,
                        r.row().id());
            }
            return rows;
        });
    }

    /**
     * Renews this owner's claim on a row right before sending it; false when the claim ran out and another
     * worker took the row (or it is no longer pending), so it must not be sent here.
     */
    boolean renew(long id, String owner, long now, long leaseMillis) {
        return db.transaction(c -> Sql.update(
                        c,
                        "UPDATE notification SET claimed_until = ? WHERE id = ? AND claimed_by = ? AND status = ?",
                        now + leaseMillis,
                        id,
                        owner,
                        PENDING)
                == 1);
    }

    void markSent(long id, int attempts, long now) {
        update(
                "UPDATE notification SET status = ?, attempts = ?, sent_at = ?, claimed_until = NULL, last_error = NULL "
                        + "WHERE id = ?",
                SENT,
                attempts,
                now,
                id);
    }

    void retryLater(long id, int attempts, long nextAt, String error) {
        update(
                "UPDATE notification SET attempts = ?, next_attempt_at = ?, claimed_until = NULL, last_error = ? "
                        + "WHERE id = ?",
                attempts,
                nextAt,
                error,
                id);
    }

    void markDead(long id, int attempts, String error) {
        update(
                "UPDATE notification SET status = ?, attempts = ?, claimed_until = NULL, last_error = ? WHERE id = ?",
                DEAD,
                attempts,
                error,
                id);
    }

    /** Puts a row back without counting an attempt (its receiver's circuit is open). */
    void defer(long id, long nextAt, String why) {
        update(
                "UPDATE notification SET next_attempt_at = ?, claimed_until = NULL, last_error = ? WHERE id = ?",
                nextAt,
                why,
                id);
    }

    /** Makes a dead (or sent) message pending again with a fresh attempt count; false if no such message. */
    Optional<String> resend(long id, long now) {
        return db.transaction(c -> {
            Optional<String> status =
                    Sql.queryOne(c, "SELECT status FROM notification WHERE id = ?", rs -> rs.getString(1), id);
            if (status.isPresent() && (status.get().equals(DEAD) || status.get().equals(SENT))) {
                Sql.update(
                        c,
                        "UPDATE notification SET status = ?, attempts = 0, next_attempt_at = ?, claimed_until = NULL, "
                                + "last_error = NULL, sent_at = NULL WHERE id = ?",
                        PENDING,
                        now,
                        id);
            }
            return status;
        });
    }

    List<Notification> list(Optional<String> status, int limit) {
        return db.read(c -> Sql.query(
                c,
                "SELECT " + COLUMNS + " FROM notification" + (status.isPresent() ? " WHERE status = ?" : "")
                        + " ORDER BY id DESC LIMIT ?",
                rs -> claimed(rs).row(),
                status.isPresent() ? new Object[] {status.get(), limit} : new Object[] {limit}));
    }

    Optional<Claimed> find(long id) {
        return db.read(
                c -> Sql.queryOne(c, "SELECT " + COLUMNS + " FROM notification WHERE id = ?", Outbox::claimed, id));
    }

    private void update(String sql, Object... params) {
        db.transaction(c -> Sql.update(c, sql, params));
    }

    private static Claimed claimed(ResultSet rs) throws SQLException {
        String payload = rs.getString("payload");
        String kind = rs.getString("kind");
        int items = kind.equals("digest") ? Item.listFromJson(payload).size() : 1;
        return new Claimed(
                new Notification(
                        rs.getLong("id"),
                        rs.getString("message_key"),
                        rs.getString("store"),
                        Sql.getLong(rs, "alert_id"),
                        rs.getString("receiver"),
                        rs.getString("channel"),
                        rs.getString("address"),
                        kind,
                        rs.getString("severity"),
                        rs.getString("status"),
                        rs.getInt("attempts"),
                        rs.getLong("next_attempt_at"),
                        rs.getString("last_error"),
                        rs.getLong("created_at"),
                        Sql.getLong(rs, "sent_at"),
                        Sql.getLong(rs, "digest_id"),
                        items),
                payload);
    }
}
