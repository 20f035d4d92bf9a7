package dev.edm.summary;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/** The days a summary covers: one day (daily) or seven days ending on {@code to} (weekly), inclusive. */
public record Period(Kind kind, LocalDate from, LocalDate to) {
    /** Daily or weekly. */
    public enum Kind {
        DAILY,
        WEEKLY;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Period {
        Objects.requireNonNull(kind, "kind");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("period from " + from + " is after " + to);
        }
    }

    /** The period of a kind that ends on {@code last}. */
    public static Period ending(Kind kind, LocalDate last) {
        return new Period(kind, kind == Kind.DAILY ? last : last.minusDays(6), last);
    }

    /** The idempotency key: {@code daily-2026-11-27}, {@code weekly-2026-11-21..2026-11-27}. */
    public String key() {
        return kind == Kind.DAILY ? "daily-" + to : "weekly-" + from + ".." + to;
    }

    /** How a person reads it: {@code 2026-11-27} or {@code 2026-11-21 to 2026-11-27}. */
    public String label() {
        return kind == Kind.DAILY ? to.toString() : from + " to " + to;
    }
}
