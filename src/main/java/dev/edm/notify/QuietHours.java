package dev.edm.notify;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/** A daily span (may cross midnight, e.g. 22:00-07:00) when a receiver hears no non-critical message. */
public record QuietHours(LocalTime from, LocalTime to) {
    /** Parses {@code HH:MM-HH:MM}. */
    static QuietHours parse(String text) {
        String[] parts = text.strip().split("-", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("quiet must be HH:MM-HH:MM, got " + text);
        }
        try {
            LocalTime from = LocalTime.parse(parts[0].strip());
            LocalTime to = LocalTime.parse(parts[1].strip());
            if (from.equals(to)) {
                throw new IllegalArgumentException("quiet hours " + text + " are empty");
            }
            return new QuietHours(from, to);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("quiet must be HH:MM-HH:MM, got " + text);
        }
    }

    boolean contains(LocalTime t) {
        return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
    }

    /** The instant itself when outside quiet hours, else the end of the quiet span that holds it. */
    Instant release(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        if (!contains(local.toLocalTime())) {
            return at;
        }
        ZonedDateTime end = local.with(to);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return end.toInstant();
    }

    @Override
    public String toString() {
        return from + "-" + to;
    }
}
