package dev.edm.alerts;

import dev.edm.storage.Session;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Writes alert rows as conditions are evaluated: opens one alert per (rule, store, variant, location) when a
 * condition begins, updates its values while it holds, resolves it when it clears, and tells {@link Notices}.
 * An alert resolved by hand while its condition held blocks a new one until the condition has cleared once.
 */
final class AlertLedger {
    /** What an alert is about: its key plus the names shown with it. */
    record Subject(Rule rule, String store, String variantId, String locationId, String sku, String title) {}

    private static final String KEY = "rule = ? AND store = ? AND variant_id = ? AND location_id = ?";

    private final Notices notices;

    AlertLedger(Notices notices) {
        this.notices = notices;
    }

    /** The condition holds: open an alert (unless blocked by a manual resolve) or refresh the open one's values. */
    void breached(Session s, Subject x, Instant now, Long deliveryId, Integer value, int threshold, String reason)
            throws SQLException {
        int opened = s.update(
                "INSERT INTO alert (rule, severity, store, variant_id, location_id, sku, title, status, state, "
                        + "opened_at, reason, current_value, threshold, delivery_id) "
                        + "SELECT ?, ?, ?, ?, ?, ?, ?, 'open', 'firing', ?, ?, ?, ?, ? WHERE NOT EXISTS "
                        + "(SELECT 1 FROM alert WHERE " + KEY + " AND reopen_blocked = 1) ON CONFLICT DO NOTHING",
                x.rule().id(),
                x.rule().severity(),
                x.store(),
                x.variantId(),
                x.locationId(),
                x.sku(),
                x.title(),
                now.toEpochMilli(),
                reason,
                value,
                threshold,
                deliveryId,
                x.rule().id(),
                x.store(),
                x.variantId(),
                x.locationId());
        if (opened > 0) {
            notices.opened(s, latest(s, x, "open"), now);
        } else {
            held(s, x, value, threshold);
        }
    }

    /** Between breach and clear (the hysteresis band): an open alert stays open with fresh values. */
    void held(Session s, Subject x, Integer value, int threshold) throws SQLException {
        s.update(
                "UPDATE alert SET current_value = ?, threshold = ? WHERE " + KEY + " AND status = 'open'",
                value,
                threshold,
                x.rule().id(),
                x.store(),
                x.variantId(),
                x.locationId());
    }

    /** The condition cleared: resolve the open alert and lift a manual resolve's block; true if one resolved. */
    boolean cleared(Session s, Subject x, Instant now, String why) throws SQLException {
        int resolved = s.update(
                "UPDATE alert SET status = 'resolved', state = 'resolved', resolved_at = ?, resolve_reason = ?, "
                        + "snoozed_until = NULL, notice_owed = 0 WHERE " + KEY + " AND status = 'open'",
                now.toEpochMilli(),
                why,
                x.rule().id(),
                x.store(),
                x.variantId(),
                x.locationId());
        s.update(
                "UPDATE alert SET reopen_blocked = 0 WHERE " + KEY + " AND reopen_blocked = 1",
                x.rule().id(),
                x.store(),
                x.variantId(),
                x.locationId());
        if (resolved > 0) {
            notices.resolved(s, latest(s, x, "resolved"), now);
        }
        return resolved > 0;
    }

    /** Sends the notice an open alert owes, now that what held it back may have ended. */
    void releaseOwed(Session s, Subject x, Instant now) throws SQLException {
        Optional<Alert> owed = s.queryOne(
                "SELECT " + AlertRows.COLUMNS + " FROM alert WHERE " + KEY + " AND status = 'open' AND notice_owed = 1 "
                        + "AND state = 'firing'",
                AlertRows::row,
                x.rule().id(),
                x.store(),
                x.variantId(),
                x.locationId());
        if (owed.isPresent()) {
            notices.release(s, owed.get(), now);
        }
    }

    /** Resolves every open alert of a variant (product deleted, drafted or archived). */
    void clearedAll(Session s, String store, String variantId, Instant now, String why) throws SQLException {
        List<Alert> open = s.query(
                "SELECT " + AlertRows.COLUMNS + " FROM alert WHERE store = ? AND variant_id = ? AND status = 'open'",
                AlertRows::row,
                store,
                variantId);
        for (Alert a : open) {
            cleared(s, new Subject(a.rule(), store, variantId, a.locationId(), a.sku(), a.title()), now, why);
        }
    }

    /** The locations with an open alert of this rule for the variant. */
    static List<String> openLocations(Session s, Rule rule, String store, String variantId) throws SQLException {
        return s.query(
                "SELECT location_id FROM alert WHERE rule = ? AND store = ? AND variant_id = ? AND location_id <> '' "
                        + "AND status = 'open'",
                rs -> rs.getString(1),
                rule.id(),
                store,
                variantId);
    }

    private static Alert latest(Session s, Subject x, String status) throws SQLException {
        return s.queryOne(
                        "SELECT " + AlertRows.COLUMNS + " FROM alert WHERE " + KEY
                                + " AND status = ? ORDER BY id DESC LIMIT 1",
                        AlertRows::row,
                        x.rule().id(),
                        x.store(),
                        x.variantId(),
                        x.locationId(),
                        status)
                .orElseThrow();
    }
}
