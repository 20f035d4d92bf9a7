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

    /** Why {@code action} cannot apply to alert {@code id}: unknown or already resolved; empty when it can. */
    private static Optional<Transition> refusal(Session s, long id, String action) throws SQLException {
        Optional<Alert> found = AlertRows.byId(s, id);
        if (found.isEmpty()) {
            return Optional.of(new Transition.NotFound(id));
        }
        if (!found.get().open()) {
            return Optional.of(new Transition.Conflict(
                    "alert " + id + " is already resolved; only an open alert can be " + action));
        }
        return Optional.empty();
    }

    Transition acknowledge(Session s, long id, String by, Instant now) throws SQLException {
        Optional<Transition> refused = refusal(s, id, "acknowledged");
        if (refused.isPresent()) {
            return refused.get();
        }
        Alert a = AlertRows.byId(s, id).orElseThrow();
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
        Optional<Transition> refused = refusal(s, id, "snoozed");
        if (refused.isPresent()) {
            return refused.get();
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
        Optional<Transition> refused = refusal(s, id, "resolved");
        if (refused.isPresent()) {
            return refused.get();
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
