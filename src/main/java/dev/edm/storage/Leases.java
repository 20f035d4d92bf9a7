package dev.edm.storage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Database leases: a named singleton job (delivery processing, schedules) runs on one instance at a time.
 * Acquiring also renews, so the holder calls it inside each unit of work to fence out a stale holder.
 */
public final class Leases {
    private static final String ACQUIRE = "INSERT INTO lease (name, owner, expires_at) VALUES (?, ?, ?) "
            + "ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at "
            + "WHERE lease.owner = excluded.owner OR lease.expires_at < ?";

    private Leases() {}

    /** Takes or renews the lease; true when {@code owner} holds it until {@code now + ttlMillis}. */
    public static boolean tryAcquire(Connection c, String name, String owner, long now, long ttlMillis)
            throws SQLException {
        return Sql.update(c, ACQUIRE, name, owner, now + ttlMillis, now) == 1;
    }

    /** The same, through a session's statement cache. */
    public static boolean tryAcquire(Session s, String name, String owner, long now, long ttlMillis)
            throws SQLException {
        return s.update(ACQUIRE, name, owner, now + ttlMillis, now) == 1;
    }

    /** Gives the lease up so another instance can take it at once. */
    public static void release(Connection c, String name, String owner) throws SQLException {
        Sql.update(c, "DELETE FROM lease WHERE name = ? AND owner = ?", name, owner);
    }
}
