package dev.edm.sync;

import dev.edm.storage.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The sync_state table: per store, when it was last read completely, and the last attempt and its outcome. */
final class SyncStates {
    /** A store's row. */
    record State(Optional<Instant> lastSyncedAt, Instant lastAttemptAt) {}

    private SyncStates() {}

    static List<StoreSyncState> list(Connection c) throws SQLException {
        return Sql.query(
                c,
                "SELECT store, platform, last_synced_at, last_attempt_at, last_error, last_summary FROM sync_state "
                        + "ORDER BY store",
                rs -> new StoreSyncState(
                        rs.getString(1),
                        rs.getString(2),
                        Optional.ofNullable(Sql.getLong(rs, 3)).map(Instant::ofEpochMilli),
                        Instant.ofEpochMilli(rs.getLong(4)),
                        Optional.ofNullable(rs.getString(5)),
                        rs.getString(6)));
    }

    /** Forgets the store's record. */
    static void erase(Connection c, String store) throws SQLException {
        Sql.update(c, "DELETE FROM sync_state WHERE store = ?", store);
    }

    static void record(
            Connection c,
            String store,
            String platform,
            Instant attemptAt,
            boolean complete,
            String error,
            String summary)
            throws SQLException {
        Sql.update(
                c,
                "INSERT INTO sync_state (store, platform, last_synced_at, last_attempt_at, last_error, last_summary) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (store) DO UPDATE SET "
                        + "last_synced_at = COALESCE(excluded.last_synced_at, sync_state.last_synced_at), "
                        + "last_attempt_at = excluded.last_attempt_at, last_error = excluded.last_error, "
                        + "last_summary = excluded.last_summary",
                store,
                platform,
                complete ? attemptAt.toEpochMilli() : null,
                attemptAt.toEpochMilli(),
                error,
                summary);
    }

    static Map<String, State> all(Connection c) throws SQLException {
        Map<String, State> out = new HashMap<>();
        for (Map.Entry<String, State> e :
                Sql.query(c, "SELECT store, last_synced_at, last_attempt_at FROM sync_state", rs -> {
                    Long synced = Sql.getLong(rs, "last_synced_at");
                    return Map.entry(
                            rs.getString(1),
                            new State(
                                    Optional.ofNullable(synced).map(Instant::ofEpochMilli),
                                    Instant.ofEpochMilli(rs.getLong(3))));
                })) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }
}
