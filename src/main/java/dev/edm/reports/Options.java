package dev.edm.reports;

import dev.edm.event.Platform;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses and checks report filters given as text (command-line options, URL query parameters): each bad value
 * is an {@link IllegalArgumentException} whose message names the option, the value and what is expected.
 */
final class Options {
    static final int MAX_LIMIT = 10_000;
    static final int MAX_DAYS = 3650;

    private Options() {}

    static Reports.Filter parse(Map<String, String> raw) {
        for (String key : raw.keySet()) {
            if (!Reports.FILTERS.contains(key)) {
                throw new IllegalArgumentException("unknown filter \"" + key + "\"; one of " + Reports.FILTERS);
            }
        }
        Optional<String> store = text(raw, "shop").map(s -> s.contains(":") ? s : "shopify:" + s);
        Optional<String> from = day(raw, "from");
        Optional<String> to = day(raw, "to");
        if (from.isPresent() && to.isPresent() && from.get().compareTo(to.get()) > 0) {
            throw new IllegalArgumentException("from " + from.get() + " is after to " + to.get());
        }
        Optional<String> channel = text(raw, "channel")
                .map(c -> Platform.fromId(c)
                        .map(Platform::id)
                        .orElseThrow(() -> new IllegalArgumentException("channel must be one of "
                                + Arrays.stream(Platform.values())
                                        .map(Platform::id)
                                        .toList() + ", got \"" + c + "\"")));
        Optional<String> period = text(raw, "period").map(p -> {
            String lower = p.toLowerCase(Locale.ROOT);
            if (!lower.equals("day") && !lower.equals("week") && !lower.equals("month")) {
                throw new IllegalArgumentException("period must be day, week or month, got \"" + p + "\"");
            }
            return lower;
        });
        Optional<Integer> limit = number(raw, "limit", MAX_LIMIT);
        Optional<Integer> days = number(raw, "days", MAX_DAYS);
        return new Reports.Filter(store, from, to, channel, period, limit, days);
    }

    private static Optional<String> text(Map<String, String> raw, String key) {
        String value = raw.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(key + " is empty");
        }
        return Optional.of(value.strip());
    }

    private static Optional<String> day(Map<String, String> raw, String key) {
        return text(raw, key).map(d -> {
            try {
                return LocalDate.parse(d).toString();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(key + " must be a date like 2026-11-27, got \"" + d + "\"");
            }
        });
    }

    private static Optional<Integer> number(Map<String, String> raw, String key, int max) {
        return text(raw, key).map(n -> {
            try {
                int value = Integer.parseInt(n);
                if (value >= 1 && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw new IllegalArgumentException(
                    key + " must be a whole number from 1 to " + max + ", got \"" + n + "\"");
        });
    }
}
