package dev.edm.alerts;

import dev.edm.config.AlertSettings;
import dev.edm.inventory.Inventory;
import dev.edm.inventory.VariantRef;
import dev.edm.storage.Database;
import dev.edm.storage.Filter;
import dev.edm.storage.Session;
import dev.edm.storage.Sql;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The alerts feature's entry point: evaluates rules when state changes and on a schedule, keeps one open
 * alert per problem with its history, and manages threshold overrides.
 */
public final class Alerts {
    private static final int CHECK_CHUNK = 500;

    private final Database db;
    private final Clock clock;
    private final AlertEngine engine;
    private final FeedHealth feedHealth;
    private final AlertLedger ledger;
    private final AlertLedger quietLedger;
    private final Notices notices;
    private final ManualTransitions manual;
    private final Silences silences;
    private final int defaultThreshold;

    /** What a full check changed. */
    public record CheckSummary(int variants, long opened, long resolved, long open) {}

    /**
     * Alerts whose notices go to {@code sink} (called inside the transaction that changed the alert);
     * {@link AlertSink#NONE} means no notices and nothing recorded as notified.
     */
    public Alerts(
            Database db, Clock clock, int defaultThreshold, int noSalesDays, AlertSettings settings, AlertSink sink) {
        this.db = db;
        this.clock = clock;
        this.engine = new AlertEngine(defaultThreshold, noSalesDays, settings.resolveMargin());
        this.feedHealth = new FeedHealth(settings.feedStale());
        // with no sink nothing is recorded as notified, so a sink wired later starts from the truth
        this.notices = new Notices(sink, settings.repeatInterval(), sink != AlertSink.NONE);
        this.ledger = new AlertLedger(notices);
        this.quietLedger = new AlertLedger(notices.quiet());
        this.manual = new ManualTransitions(notices);
        this.silences = new Silences(db, clock);
        this.defaultThreshold = defaultThreshold;
    }

    /** Re-evaluates the changed variants inside the processing transaction. */
    public void onChange(Session session, Collection<VariantRef> changed, long deliveryId) throws SQLException {
        engine.evaluate(session, changed, clock.instant(), deliveryId, ledger);
    }

    /**
     * Evaluates every rule for every variant and store, in chunks, then sends what is due: owed notices whose
     * silence, inhibition or snooze ended, and repeats (the schedule and {@code edm check}).
     */
    public CheckSummary checkAll() {
        return check(ledger);
    }

    /** The check at the end of {@code edm replay}: alerts follow the rebuilt state, but no notice is sent. */
    public CheckSummary checkAllQuietly() {
        return check(quietLedger);
    }

    /** The clock alerts run on (snoozes and silences are relative to it). */
    public Clock clock() {
        return clock;
    }

    public Silences silences() {
        return silences;
    }

    /** Acknowledges an open alert: it is no longer repeated and still resolves by itself. */
    public Transition acknowledge(long id, String by) {
        return transition(s -> manual.acknowledge(s, id, by, clock.instant()));
    }

    /** Snoozes an open alert until a time; it fires (and is notified) again when the snooze runs out. */
    public Transition snooze(long id, Instant until) {
        return transition(s -> manual.snooze(s, id, until, clock.instant()));
    }

    /**
     * Resolves an open alert by hand. If its condition still holds it stays resolved: a new alert opens only
     * after the condition has cleared and breached again.
     */
    public Transition resolve(long id, String by) {
        return transition(s -> manual.resolve(s, id, by, clock.instant()));
    }

    public Optional<Alert> find(long id) {
        return db.read(c -> {
            try (Session s = new Session(c)) {
                return AlertRows.byId(s, id);
            }
        });
    }

    private interface SessionWork {
        Transition apply(Session s) throws SQLException;
    }

    private Transition transition(SessionWork work) {
        return db.transaction(c -> {
            try (Session s = new Session(c)) {
                return work.apply(s);
            }
        });
    }

    private CheckSummary check(AlertLedger ledger) {
        Instant started = clock.instant();
        List<VariantRef> all = db.transaction(c -> {
            try (Session s = new Session(c)) {
                return Inventory.allVariants(s);
            }
        });
        // stores first: a stale feed holds back the no-sales alerts the variants may open below
        db.transaction(c -> {
            try (Session s = new Session(c)) {
                feedHealth.evaluate(s, clock.instant(), ledger);
            }
            return null;
        });
        for (int from = 0; from < all.size(); from += CHECK_CHUNK) {
            List<VariantRef> chunk = all.subList(from, Math.min(all.size(), from + CHECK_CHUNK));
            db.transaction(c -> {
                try (Session s = new Session(c)) {
                    engine.evaluate(s, chunk, clock.instant(), null, ledger);
                }
                return null;
            });
        }
        if (ledger == this.ledger) {
            db.transaction(c -> {
                try (Session s = new Session(c)) {
                    notices.sweep(s, clock.instant());
                }
                return null;
            });
        }
        long since = started.toEpochMilli();
        return db.read(c -> new CheckSummary(
                all.size(),
                count(c, "SELECT count(*) FROM alert WHERE opened_at >= ?", since),
                count(c, "SELECT count(*) FROM alert WHERE resolved_at >= ?", since),
                count(c, "SELECT count(*) FROM alert WHERE status = 'open'")));
    }

    /** Re-evaluates the variants carrying this SKU (after a threshold change). */
    void reevaluateSku(String sku) {
        db.transaction(c -> {
            try (Session s = new Session(c)) {
                List<VariantRef> refs = s.query(
                        "SELECT store, variant_id FROM variant WHERE sku = ?",
                        rs -> new VariantRef(rs.getString(1), rs.getString(2)),
                        sku);
                engine.evaluate(s, refs, clock.instant(), null, ledger);
            }
            return null;
        });
    }

    /** Alerts newest first; status "open", "resolved" or empty for both. */
    public List<Alert> list(Optional<String> status, Optional<Rule> rule, Optional<String> store, int limit) {
        Filter f =
                new Filter().eq("status", status).eq("rule", rule.map(Rule::id)).eq("store", store);
        List<Object> params = new ArrayList<>(List.of(f.params()));
        params.add(limit);
        Instant now = clock.instant();
        return db.read(c -> Sql.query(
                c,
                "SELECT " + AlertRows.COLUMNS + " FROM alert" + f.where() + " ORDER BY id DESC LIMIT ?",
                rs -> AlertRows.row(rs).asOf(now),
                params.toArray()));
    }

    /** Sets (or replaces) a threshold override and re-evaluates the SKU at once. */
    public void setThreshold(Threshold threshold) {
        db.transaction(c -> {
            try (Session s = new Session(c)) {
                Thresholds.put(s, threshold, clock.millis());
            }
            return null;
        });
        reevaluateSku(threshold.sku());
    }

    /** Removes an override; returns whether one existed. */
    public boolean removeThreshold(String store, String sku, String locationId) {
        int removed = db.transaction(c -> {
            try (Session s = new Session(c)) {
                return Thresholds.remove(s, store, sku, locationId);
            }
        });
        reevaluateSku(sku);
        return removed > 0;
    }

    /** Every override with the default, for reports. */
    public ThresholdTable thresholdTable() {
        return new ThresholdTable(thresholds(), defaultThreshold);
    }

    public List<Threshold> thresholds() {
        return db.transaction(c -> {
            try (Session s = new Session(c)) {
                return Thresholds.all(s);
            }
        });
    }

    /** Applies a whole set of overrides in one transaction (all or nothing), then re-evaluates their SKUs. */
    public void importThresholds(List<Threshold> thresholds) {
        db.transaction(c -> {
            try (Session s = new Session(c)) {
                putThresholds(s, thresholds);
            }
            return null;
        });
        reevaluate(thresholds);
    }

    /** Deletes a store's alerts and its own threshold overrides (a platform's request to erase a shop). */
    public static void eraseStore(Session s, String store) throws SQLException {
        s.update("DELETE FROM alert WHERE store = ?", store);
        s.update("DELETE FROM threshold_override WHERE store = ?", store);
        s.update("DELETE FROM alert_silence WHERE store = ?", store);
        s.update("DELETE FROM store_verify_failure WHERE store = ?", store);
    }

    /** Writes overrides inside the caller's transaction (an import that changes more than thresholds). */
    public void putThresholds(Session s, List<Threshold> thresholds) throws SQLException {
        for (Threshold t : thresholds) {
            Thresholds.put(s, t, clock.millis());
        }
    }

    /** Re-evaluates the variants of the overrides' SKUs (after {@link #putThresholds} committed). */
    public void reevaluate(List<Threshold> thresholds) {
        thresholds.stream().map(Threshold::sku).distinct().forEach(this::reevaluateSku);
    }

    private static long count(java.sql.Connection c, String sql, Object... params) throws SQLException {
        return Sql.queryOne(c, sql, rs -> rs.getLong(1), params).orElse(0L);
    }
}
