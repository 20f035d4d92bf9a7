package dev.edm.alerts;

import java.time.Instant;
import java.util.Objects;

/**
 * Something people should hear about an alert: it began firing, it is still firing after the repeat interval
 * (or a snooze or silence ended while it fired), or it resolved. The alert is the state after the change.
 */
public record AlertNotice(Kind kind, Alert alert, Instant at) {
    /** Why the notice exists. */
    public enum Kind {
        FIRING,
        REPEAT,
        RESOLVED
    }

    public AlertNotice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(at, "at");
    }

    /** A key that identifies this notice for idempotent delivery: alert id, kind and time. */
    public String key() {
        return "alert-" + alert.id() + "-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + at.toEpochMilli();
    }
}
