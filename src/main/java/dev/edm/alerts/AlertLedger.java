package dev.edm.alerts;

import dev.edm.storage.Session;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

    /**
     * Which of a variant's alerts are open or block a reopening, read in one query before its rules are
     * evaluated, so that a rule whose alert is neither (most rules of most variants) costs no statement.
     * Kept up to date by the ledger as it writes; {@link #UNKNOWN} makes every statement run.
     */
    static final class Known {
        static final Known UNKNOWN = new Known(null, null);

        private final Set<String> open;
        private final Set<String> blocked;

        private Known(Set<String> open, Set<String> blocked) {
            this.open = open;
            this.blocked = blocked;
        }

        private static String key(Rule rule, String location) {
            return rule.id() + "|" + location;
        }

        boolean mayBeOpen(Subject x) {
            return open == null || open.contains(key(x.rule(), x.locationId()));
        }

        private boolean mayBeBlocked(Subject x) {
            return blocked == null || blocked.contains(key(x.rule(), x.locationId()));
        }

        /** The locations with an open alert of this rule (not the variant-wide one). */
        List<String> openLocations(Rule rule) {
            String prefix = rule.id() + "|";
            return open.stream()
                    .filter(k -> k.startsWith(prefix) && k.length() > prefix.length())
                    .map(k -> k.substring(prefix.length()))
                    .sorted()
                    .toList();
        }

        private void opened(Subject x) {
            if (open != null) {
                open.add(key(x.rule(), x.locationId()));
            }
        }

        private void cleared(Subject x) {
            if (open != null) {
                open.remove(key(x.rule(), x.locationId()));
                blocked.remove(key(x.rule(), x.locationId()));
            }
        }
    }

    /** The variant's open and reopen-blocked alerts. */
    static Known known(Session s, String store, String variantId) throws SQLException {
        Set<String> open = new HashSet<>();
        Set<String> blocked = new HashSet<>();
        for (String[] row : s.query(
                "SELECT rule, location_id, status, reopen_blocked FROM alert WHERE store = ? AND variant_id = ? "
                        + "AND (status = 'open' OR reopen_blocked = 1)",
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)},
                store,
                variantId)) {
            String key = row[0] + "|" + row[1];
            if ("open".equals(row[2])) {
                open.add(key);
            }
            if ("1".equals(row[3])) {
                blocked.add(key);
            }
        }
        return new Known(open, blocked);
    }

    /** The condition holds: open an alert (unless blocked by a manual resolve) or refresh the open one's values. */
    void breached(Session s, Subject x, Instant now, Long deliveryId, Integer value, int threshold, String reason)
            throws SQLException {
        breached(s, x, now, deliveryId, value, threshold, reason, Known.UNKNOWN);
    }

    void breached(
            Session s,
            Subject x,
            Instant now,
            Long deliveryId,
            Integer value,
            int threshold,
            String reason,
            Known known)
            throws SQLException {
        if (known != Known.UNKNOWN && (known.mayBeOpen(x) || known.mayBeBlocked(x))) {
            held(s, x, value, threshold, known); // already open (refresh it), or blocked (nothing opens)
            return;
        }
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
            known.opened(x);
            notices.opened(s, latest(s, x, "open"), now);
        } else {
            held(s, x, value, threshold, known);
        }
    }

    /** Between breach and clear (the hysteresis band): an open alert stays open with fresh values. */
    void held(Session s, Subject x, Integer value, int threshold, Known known) throws SQLException {
        if (!known.mayBeOpen(x)) {
            return;
        }
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
        return cleared(s, x, now, why, Known.UNKNOWN);
    }

    boolean cleared(Session s, Subject x, Instant now, String why, Known known) throws SQLException {
        if (!known.mayBeOpen(x) && !known.mayBeBlocked(x)) {
            return false;
        }
        known.cleared(x);
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
    void releaseOwed(Session s, Subject x, Instant now, Known known) throws SQLException {
        if (!known.mayBeOpen(x)) {
            return;
        }
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
