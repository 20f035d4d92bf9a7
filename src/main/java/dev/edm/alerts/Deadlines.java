package dev.edm.alerts;

import dev.edm.config.AlertSettings;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads "until a time" for snoozes and silences: {@code --until T} (ISO-8601 with offset) or {@code --for D}. */
public final class Deadlines {
    private Deadlines() {}

    /**
     * The end time from exactly one of {@code until} (e.g. {@code 2026-11-28T08:00:00Z}) and {@code forDuration}
     * (e.g. {@code 2h}, {@code 30m}, {@code 1d}, {@code PT2H}); it must be in the future.
     *
     * @throws IllegalArgumentException with a message fit for the user
     */
    public static Instant end(Optional<String> until, Optional<String> forDuration, Instant now) {
        if (until.isPresent() == forDuration.isPresent()) {
            throw new IllegalArgumentException("give exactly one of until (a time) and for (a duration such as 2h)");
        }
        Instant end;
        if (until.isPresent()) {
            try {
                end = OffsetDateTime.parse(until.get().strip()).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "until must be an ISO-8601 time with offset, e.g. 2026-11-28T08:00:00Z, got \"" + until.get()
                                + "\"",
                        e);
            }
        } else {
            try {
                end = now.plus(AlertSettings.duration(forDuration.get()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("for " + e.getMessage(), e);
            }
        }
        if (!end.isAfter(now)) {
            throw new IllegalArgumentException("until must be in the future, got " + end);
        }
        return end;
    }
}
