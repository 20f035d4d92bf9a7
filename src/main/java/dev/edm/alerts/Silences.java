package dev.edm.alerts;

import dev.edm.storage.Database;
import dev.edm.storage.Filter;
import dev.edm.storage.Session;
import dev.edm.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Adds, lists and removes silences ({@code edm silence}, {@code /api/silences}). */
public final class Silences {
    private final Database db;
    private final Clock clock;

    Silences(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Adds a silence from now until {@code until} (which must be in the future). Open alerts it covers that were
     * already notified owe a notice, so they are re-notified as soon as the silence ends if they still fire.
     */
    public Silence add(
            Optional<Rule> rule, Optional<String> store, Optional<String> sku, Instant until, String comment) {
        Instant now = clock.instant();
        if (!until.isAfter(now)) {
            throw new IllegalArgumentException("the silence must end in the future, got " + until);
        }
        long id = db.transaction(c -> {
            try (Session s = new Session(c)) {
                long created = s.query(
                                "INSERT INTO alert_silence (rule, store, sku, starts_at, ends_at, comment, created_at) "
                                        + "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                rs -> rs.getLong(1),
                                rule.map(Rule::id).orElse(null),
                                store.orElse(null),
                                sku.orElse(null),
                                now.toEpochMilli(),
                                until.toEpochMilli(),
                                comment,
                                now.toEpochMilli())
                        .get(0);
                Filter covered = new Filter()
                        .eq("rule", rule.map(Rule::id))
                        .eq("store", store)
                        .eq("sku", sku);
                String where = covered.where();
                s.update(
                        "UPDATE alert SET notice_owed = 1"
                                + (where.isEmpty() ? " WHERE " : where + " AND ")
                                + "status = 'open' AND last_notified_at IS NOT NULL",
                        covered.params());
                return created;
            }
        });
        return find(id).orElseThrow();
    }

    /** Silences newest first; expired ones too when {@code all}. */
    public List<Silence> list(boolean all) {
        return db.read(c -> Sql.query(
                c,
                "SELECT id, rule, store, sku, starts_at, ends_at, comment, created_at FROM alert_silence"
                        + (all ? "" : " WHERE ends_at > ?") + " ORDER BY id DESC",
                Silences::row,
                all ? new Object[0] : new Object[] {clock.millis()}));
    }

    public Optional<Silence> find(long id) {
        return db.read(c -> Sql.queryOne(
                c,
                "SELECT id, rule, store, sku, starts_at, ends_at, comment, created_at FROM alert_silence WHERE id = ?",
                Silences::row,
                id));
    }

    /** Removes a silence; returns whether it existed. Alerts it held back are notified at the next check. */
    public boolean remove(long id) {
        return db.transaction(c -> {
                    try (Session s = new Session(c)) {
                        return s.update("DELETE FROM alert_silence WHERE id = ?", id);
                    }
                })
                > 0;
    }

    private static Silence row(ResultSet rs) throws SQLException {
        return new Silence(
                rs.getLong("id"),
                Optional.ofNullable(rs.getString("rule")).flatMap(Rule::fromId),
                Optional.ofNullable(rs.getString("store")),
                Optional.ofNullable(rs.getString("sku")),
                Instant.ofEpochMilli(rs.getLong("starts_at")),
                Instant.ofEpochMilli(rs.getLong("ends_at")),
                rs.getString("comment"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
