package dev.edm.alerts;

import dev.edm.storage.Session;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Decides which alert changes become notices and hands them to the {@link AlertSink} in the caller's
 * transaction: FIRING when an alert opens (held back while silenced or inhibited, then sent once that ends),
 * REPEAT after the repeat interval or when a snooze or silence ends, RESOLVED for alerts that were notified.
 * A quiet instance (replay) changes alerts without any notice and records nothing as notified.
 */
final class Notices {
    private final AlertSink sink;
    private final Duration repeatInterval;
    private final boolean live;

    Notices(AlertSink sink, Duration repeatInterval, boolean live) {
        this.sink = sink;
        this.repeatInterval = repeatInterval;
        this.live = live;
    }

    Notices quiet() {
        return new Notices(AlertSink.NONE, repeatInterval, false);
    }

    /** A new alert opened: notify now, or owe the notice while it is muted. */
    void opened(Session s, Alert alert, Instant now) throws SQLException {
        if (!live) {
            return;
        }
        if (muted(s, alert, now)) {
            s.update("UPDATE alert SET notice_owed = 1 WHERE id = ?", alert.id());
        } else {
            send(s, alert, AlertNotice.Kind.FIRING, now);
        }
    }

    /** An owed notice of a firing alert goes out now unless the alert is still muted. */
    void release(Session s, Alert alert, Instant now) throws SQLException {
        if (live && !muted(s, alert, now)) {
            send(s, alert, alert.lastNotifiedAt() == null ? AlertNotice.Kind.FIRING : AlertNotice.Kind.REPEAT, now);
        }
    }

    /** An alert resolved (by itself or by hand): a RESOLVED notice if it was ever notified and is not silenced. */
    void resolved(Session s, Alert alert, Instant now) throws SQLException {
        if (live && alert.lastNotifiedAt() != null && !silenced(s, alert, now)) {
            sink.accept(s, new AlertNotice(AlertNotice.Kind.RESOLVED, alert, now));
        }
    }

    /**
     * The scheduled part: ends snoozes that ran out, sends owed notices whose muting ended, and repeats
     * still-firing alerts last notified more than the repeat interval ago. Acknowledged alerts never repeat.
     */
    void sweep(Session s, Instant now) throws SQLException {
        if (!live) {
            return;
        }
        long repeatBefore = now.minus(repeatInterval).toEpochMilli();
        List<Alert> candidates = s.query(
                "SELECT " + AlertRows.COLUMNS + " FROM alert WHERE status = 'open' AND state <> 'acknowledged' "
                        + "AND (notice_owed = 1 OR state = 'snoozed' OR last_notified_at <= ?) ORDER BY id",
                AlertRows::row,
                repeatBefore);
        for (Alert a : candidates) {
            boolean owed = s.queryOne("SELECT notice_owed FROM alert WHERE id = ?", rs -> rs.getInt(1), a.id())
                            .orElse(0)
                    == 1;
            if (Alert.SNOOZED.equals(a.state())) {
                if (a.snoozedUntil() != null && a.snoozedUntil().isAfter(now)) {
                    continue;
                }
                s.update("UPDATE alert SET state = 'firing', snoozed_until = NULL WHERE id = ?", a.id());
                owed = true;
            }
            boolean repeatDue = a.lastNotifiedAt() != null && a.lastNotifiedAt().toEpochMilli() <= repeatBefore;
            if (!owed && !repeatDue) {
                continue;
            }
            if (muted(s, a, now)) {
                // owe the notice only when the alert was ever notified or already owed one: a silence ending
                // then re-notifies at once instead of waiting for the next repeat
                s.update("UPDATE alert SET notice_owed = 1 WHERE id = ?", a.id());
                continue;
            }
            send(s, a, a.lastNotifiedAt() == null ? AlertNotice.Kind.FIRING : AlertNotice.Kind.REPEAT, now);
        }
    }

    private void send(Session s, Alert alert, AlertNotice.Kind kind, Instant now) throws SQLException {
        s.update("UPDATE alert SET last_notified_at = ?, notice_owed = 0 WHERE id = ?", now.toEpochMilli(), alert.id());
        Alert after = AlertRows.byId(s, alert.id()).orElseThrow();
        sink.accept(s, new AlertNotice(kind, after, now));
    }

    /** Silenced, or inhibited by a more important open alert. */
    static boolean muted(Session s, Alert a, Instant now) throws SQLException {
        return silenced(s, a, now) || inhibited(s, a);
    }

    static boolean silenced(Session s, Alert a, Instant now) throws SQLException {
        long t = now.toEpochMilli();
        return s.queryOne(
                        "SELECT id FROM alert_silence WHERE starts_at <= ? AND ends_at > ? "
                                + "AND (rule IS NULL OR rule = ?) AND (store IS NULL OR store = ?) "
                                + "AND (sku IS NULL OR sku = ?) LIMIT 1",
                        rs -> rs.getLong(1),
                        t,
                        t,
                        a.rule().id(),
                        a.store(),
                        a.sku() == null ? "" : a.sku())
                .isPresent();
    }

    /**
     * Out of stock inhibits low stock for the same variant; an integration-health alert (stale feed or failing
     * verification) inhibits the store's no-sales alerts.
     */
    static boolean inhibited(Session s, Alert a) throws SQLException {
        return switch (a.rule()) {
            case LOW_STOCK ->
                openExists(
                        s,
                        "rule = ? AND store = ? AND variant_id = ? AND location_id = ''",
                        Rule.OUT_OF_STOCK.id(),
                        a.store(),
                        a.variantId());
            case NO_SALES -> openExists(s, "rule = ? AND store = ?", Rule.INTEGRATION_HEALTH.id(), a.store());
            case OUT_OF_STOCK, INTEGRATION_HEALTH -> false;
        };
    }

    private static boolean openExists(Session s, String where, Object... params) throws SQLException {
        return s.queryOne(
                        "SELECT id FROM alert WHERE status = 'open' AND " + where + " LIMIT 1",
                        rs -> rs.getLong(1),
                        params)
                .isPresent();
    }
}
