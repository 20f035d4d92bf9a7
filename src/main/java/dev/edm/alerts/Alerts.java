package dev.edm.alerts;

import dev.edm.inventory.Inventory;
import dev.edm.inventory.VariantRef;
import dev.edm.storage.Database;
import dev.edm.storage.Filter;
import dev.edm.storage.Session;
import dev.edm.storage.Sql;
import java.sql.ResultSet;
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
    private final int defaultThreshold;

    /** What a full check changed. */
    public record CheckSummary(int variants, long opened, long resolved, long open) {}

    public Alerts(Database db, Clock clock, int defaultThreshold, int noSalesDays) {
        this.db = db;
        this.clock = clock;
        this.engine = new AlertEngine(defaultThreshold, noSalesDays);
        this.defaultThreshold = defaultThreshold;
    }

    /** Re-evaluates the changed variants inside the processing transaction. */
    public void onChange(Session session, Collection<VariantRef> changed, long deliveryId) throws SQLException {
        engine.evaluate(session, changed, clock.instant(), deliveryId);
    }

    /** Evaluates every rule for every variant (the schedule and {@code edm check}), in chunks. */
    public CheckSummary checkAll() {
        Instant started = clock.instant();
        List<VariantRef> all = db.transaction(c -> {
            try (Session s = new Session(c)) {
                return Inventory.allVariants(s);
            }
        });
        for (int from = 0; from < all.size(); from += CHECK_CHUNK) {
            List<VariantRef> chunk = all.subList(from, Math.min(all.size(), from + CHECK_CHUNK));
            db.transaction(c -> {
                try (Session s = new Session(c)) {
                    engine.evaluate(s, chunk, clock.instant(), null);
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
                engine.evaluate(s, refs, clock.instant(), null);
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
        return db.read(c -> Sql.query(
                c,
                "SELECT id, rule, severity, store, variant_id, location_id, sku, title, status, opened_at, resolved_at, "
                        + "reason, resolve_reason, current_value, threshold FROM alert" + f.where()
                        + " ORDER BY id DESC LIMIT ?",
                Alerts::row,
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

    private static Alert row(ResultSet rs) throws SQLException {
        Long resolved = Sql.getLong(rs, "resolved_at");

        return new Alert(
                rs.getLong("id"),
                Rule.fromId(rs.getString("rule")).orElseThrow(),
                rs.getString("severity"),
                rs.getString("store"),
                rs.getString("variant_id"),
                rs.getString("location_id"),
                rs.getString("sku"),
                rs.getString("title"),
                rs.getString("status"),
                Instant.ofEpochMilli(rs.getLong("opened_at")),
                resolved == null ? null : Instant.ofEpochMilli(resolved),
                rs.getString("reason"),
                rs.getString("resolve_reason"),
                Sql.getInt(rs, "current_value"),
                Sql.getInt(rs, "threshold"));
    }
}
