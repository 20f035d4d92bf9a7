package dev.edm.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alert lifecycle settings: the low-stock resolve margin ({@code EDM_RESOLVE_MARGIN}), the repeat interval
 * ({@code EDM_REPEAT_INTERVAL}) and a fixed feed staleness ({@code EDM_FEED_STALE_HOURS}, empty = derived
 * from each store's usual delivery rate).
 */
public record AlertSettings(Margin resolveMargin, Duration repeatInterval, Optional<Duration> feedStale) {
    public static final AlertSettings DEFAULTS =
            new AlertSettings(new Margin(2, 20), Duration.ofHours(24), Optional.empty());

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(s|m|min|h|d)?");

    /**
     * How far above the threshold stock must rise before a low-stock alert resolves: the larger of
     * {@code units} and {@code ceil(percent% of the threshold)} (either may be 0).
     */
    public record Margin(int units, int percent) {
        public Margin {
            if (units < 0 || percent < 0) {
                throw new IllegalArgumentException("margin must not be negative: " + units + ", " + percent + "%");
            }
        }

        public int above(int threshold) {
            long pct = ((long) Math.max(0, threshold) * percent + 99) / 100;
            return (int) Math.max(units, pct);
        }

        @Override
        public String toString() {
            return units + " units or " + percent + "%";
        }
    }

    /** Reads the three variables through {@code read(name, default)}, reporting each bad value to {@code problems}. */
    public static AlertSettings read(BiFunction<String, String, String> read, Consumer<ConfigException> problems) {
        Margin margin = DEFAULTS.resolveMargin();
        try {
            margin = margin(read.apply("EDM_RESOLVE_MARGIN", "2,20%"));
        } catch (IllegalArgumentException e) {
            problems.accept(new ConfigException("EDM_RESOLVE_MARGIN", e.getMessage()));
        }
        Duration repeat = DEFAULTS.repeatInterval();
        try {
            repeat = duration(read.apply("EDM_REPEAT_INTERVAL", "24h"));
            if (repeat.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("must be at least 1m, got " + repeat);
            }
        } catch (IllegalArgumentException e) {
            problems.accept(new ConfigException("EDM_REPEAT_INTERVAL", e.getMessage()));
        }
        Optional<Duration> stale = Optional.empty();
        String hours = read.apply("EDM_FEED_STALE_HOURS", null);
        if (hours != null) {
            try {
                int h = Integer.parseInt(hours.strip());
                if (h < 1 || h > 24 * 365) {
                    throw new NumberFormatException();
                }
                stale = Optional.of(Duration.ofHours(h));
            } catch (NumberFormatException e) {
                problems.accept(new ConfigException(
                        "EDM_FEED_STALE_HOURS",
                        "must be whole hours between 1 and 8760 (unset: derived from each store's rate), got \"" + hours
                                + "\""));
            }
        }
        return new AlertSettings(margin, repeat, stale);
    }

    /** {@code 2} (units), {@code 20%}, or both comma-separated ({@code 2,20%}: the larger applies). */
    public static Margin margin(String value) {
        int units = 0;
        int percent = 0;
        boolean any = false;
        for (String part : value.split(",")) {
            String p = part.strip();
            try {
                if (p.endsWith("%")) {
                    percent = Integer.parseInt(p.substring(0, p.length() - 1).strip());
                } else {
                    units = Integer.parseInt(p);
                }
                any = true;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(badMargin(value), e);
            }
        }
        if (!any || units < 0 || percent < 0 || percent > 1000) {
            throw new IllegalArgumentException(badMargin(value));
        }
        return new Margin(units, percent);
    }

    private static String badMargin(String value) {
        return "must be units (2), a percentage of the threshold (20%) or both (2,20%), got \"" + value + "\"";
    }

    /** {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d} or an ISO-8601 duration ({@code PT2H}); positive. */
    public static Duration duration(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        Duration d;
        Matcher m = DURATION.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            d = switch (unit) {
                case "m", "min" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofSeconds(n);
            };
        } else {
            try {
                d = Duration.parse(value.strip().toUpperCase(Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "must be a duration like 90s, 30m, 2h, 1d or PT2H, got \"" + value + "\"", e);
            }
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("must be a positive duration, got \"" + value + "\"");
        }
        return d;
    }
}
