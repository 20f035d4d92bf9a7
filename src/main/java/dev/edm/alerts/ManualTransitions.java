package dev.edm.alerts;

import dev.edm.storage.Session;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Acknowledge, snooze and resolve by hand. Acknowledged alerts are not repeated and still resolve by themselves;
 * a snooze returns to firing when it runs out (with a notice); a manual resolve of a condition that still holds
 * keeps it resolved until the condition clears and breaches again.
 */
final class ManualTransitions {
    private final Notices notices;

    ManualTransitions(Notices notices) {
        this.notices = notices;
    }

    Transition acknowledge(Session s, long id, String by, Instant now) throws SQLException {
        Optional<Alert> found = AlertRows.byId(s, id);
        if (found.isEmpty()) {
            return new Transition.NotFound(id);
        }
        Alert a = found.get();
        if (!a.open()) {
            return new Transition.Conflict("alert " + id + " is resolved; only an open alert can be acknowledged");
        }
        if (Alert.ACKNOWLEDGED.equals(a.state())) {
            return new Transition.Conflict("alert " + id + " is already acknowledged (by " + a.acknowledgedBy() + ")");
        }
        s.update(
                "UPDATE alert SET state = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?, snoozed_until = NULL, "
                        + "notice_owed = 0 WHERE id = ?",
                now.toEpochMilli(),
                by,
                id);
        return new Transition.Changed(AlertRows.byId(s, id).orElseThrow());
    }

    Transition snooze(Session s, long id, Instant until, Instant now) throws SQLException {
        Optional<Alert> found = AlertRows.byId(s, id);
        if (found.isEmpty()) {
            return new Transition.NotFound(id);
        }
        if (!found.get().open()) {
            return new Transition.Conflict("alert " + id + " is resolved; only an open alert can be snoozed");
        }
        if (!until.isAfter(now)) {
            throw new IllegalArgumentException("a snooze must end in the future, got " + until);
        }
        // when the snooze runs out the alert fires again and is notified (REPEAT, or FIRING if it never was)
        s.update(
                "UPDATE alert SET state = 'snoozed', snoozed_until = ?, notice_owed = 1 WHERE id = ?",
                until.toEpochMilli(),
                id);
        return new Transition.Changed(AlertRows.byId(s, id).orElseThrow());
    }

    Transition resolve(Session s, long id, String by, Instant now) throws SQLException {
        Optional<Alert> found = AlertRows.byId(s, id);
        if (found.isEmpty()) {
            return new Transition.NotFound(id);
        }
        if (!found.get().open()) {
            return new Transition.Conflict("alert " + id + " is already resolved");
        }
        s.update(
                "UPDATE alert SET status = 'resolved', state = 'resolved', resolved_at = ?, resolve_reason = ?, "
                        + "snoozed_until = NULL, notice_owed = 0, reopen_blocked = 1 WHERE id = ?",
                now.toEpochMilli(),
                "resolved manually by " + by,
                id);
        Alert after = AlertRows.byId(s, id).orElseThrow();
        notices.resolved(s, after, now);
        return new Transition.Changed(after);
    }
}
