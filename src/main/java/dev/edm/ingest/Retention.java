package dev.edm.ingest;

import dev.edm.storage.Database;
import dev.edm.storage.Sql;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Purges raw delivery bodies older than the retention period: the row, its metadata and status stay, the body
 * becomes empty and {@code body_purged_at} is set; the personal-data index entries of those deliveries go too.
 * Derived state is untouched. Pending deliveries are never purged (they have not been applied yet).
 */
public final class Retention {
    private static final int CHUNK = 5_000;
    private static final String PURGEABLE =
            "received_at < ? AND body_purged_at IS NULL AND status <> '" + DeliveryStatus.PENDING.id() + "'";

    private final Database db;
    private final Clock clock;
    private final int days;

    /** What a purge did (or, dry, would do): deliveries and body bytes, and the cut-off. */
    public record Result(long deliveries, long bytes, Instant cutoff) {}

    /** Deliveries whose bodies are gone, and the newest of them (replay cannot re-read them). */
    public record Purged(long deliveries, Optional<Instant> newestReceived) {}

    public Retention(Database db, Clock clock, int days) {
        this.db = db;
        this.clock = clock;
        this.days = days;
    }

    /** Purges (or only counts, when {@code dryRun}) bodies received before now minus the retention days. */
    public Result purge(boolean dryRun) {
        if (days == 0) {
            return new Result(0, 0, Instant.EPOCH);
        }
        Instant cutoff = clock.instant().minus(Duration.ofDays(days));
        long before = cutoff.toEpochMilli();
        long[] counts = db.read(c -> Sql.queryOne(
                        c,
                        "SELECT COUNT(*), COALESCE(SUM(length(b.body)), 0) FROM delivery d "
                                + "JOIN delivery_body b ON b.delivery_id = d.id WHERE " + PURGEABLE,
                        rs -> new long[] {rs.getLong(1), rs.getLong(2)},
                        before)
                .orElseThrow());
        if (dryRun || counts[0] == 0) {
            return new Result(counts[0], counts[1], cutoff);
        }
        long now = clock.millis();
        long purged = 0;
        for (int n = CHUNK; n == CHUNK; ) {
            n = db.transaction(c -> {
                String ids = "SELECT id FROM delivery WHERE " + PURGEABLE + " ORDER BY id LIMIT " + CHUNK;
                Sql.update(c, "DELETE FROM personal_ref WHERE delivery_id IN (" + ids + ")", before);
                Sql.update(
                        c, "UPDATE delivery_body SET body = ? WHERE delivery_id IN (" + ids + ")", new byte[0], before);
                return Sql.update(c, "UPDATE delivery SET body_purged_at = ? WHERE id IN (" + ids + ")", now, before);
            });
            purged += n;
        }
        return new Result(purged, counts[1], cutoff);
    }

    /** How many deliveries received at or after {@code since} (all when empty) have no body any more. */
    public static Purged purged(Database db, Optional<Instant> since) {
        long from = since.map(Instant::toEpochMilli).orElse(Long.MIN_VALUE);
        return db.read(c -> Sql.queryOne(
                        c,
                        "SELECT COUNT(*), MAX(received_at) FROM delivery WHERE body_purged_at IS NOT NULL "
                                + "AND received_at >= ?",
                        rs -> new Purged(
                                rs.getLong(1),
                                Optional.ofNullable(Sql.getLong(rs, 2)).map(Instant::ofEpochMilli)),
                        from)
                .orElseThrow());
    }
}
