package dev.edm.config;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Scheduled summary emails: the daily time ({@code EDM_SUMMARY_DAILY}), the weekly day and time
 * ({@code EDM_SUMMARY_WEEKLY}), both in {@code EDM_TIMEZONE}, and who gets them ({@code EDM_SUMMARY_RECIPIENTS},
 * default {@code EMAIL_RECIPIENTS}).
 *
 * @param daily when the daily summary goes out; empty: off
 * @param weekly when the weekly summary goes out; empty: off
 */
public record SummarySettings(Optional<LocalTime> daily, Optional<Weekly> weekly, List<String> recipients) {
    public SummarySettings {
        recipients = List.copyOf(recipients);
    }

    /** A weekday and a local time. */
    public record Weekly(DayOfWeek day, LocalTime at) {
        @Override
        public String toString() {
            return day.name().substring(0, 3).toLowerCase(Locale.ROOT) + "@" + at;
        }
    }

    /** Reads the settings; each bad value is reported to {@code problems} naming its variable. */
    static SummarySettings read(
            Function<String, String> vars, List<String> emailRecipients, Consumer<ConfigException> problems) {
        Optional<LocalTime> daily = Optional.empty();
        String d = Optional.ofNullable(vars.apply("EDM_SUMMARY_DAILY"))
                .orElse("08:00")
                .strip();
        if (!d.equalsIgnoreCase("off")) {
            daily = time(d);
            if (daily.isEmpty()) {
                problems.accept(
                        new ConfigException("EDM_SUMMARY_DAILY", "must be HH:MM (e.g. 08:00) or off, got " + d));
            }
        }
        Optional<Weekly> weekly = Optional.empty();
        String w = Optional.ofNullable(vars.apply("EDM_SUMMARY_WEEKLY"))
                .orElse("mon@08:00")
                .strip();
        if (!w.equalsIgnoreCase("off")) {
            weekly = weekly(w);
            if (weekly.isEmpty()) {
                problems.accept(new ConfigException(
                        "EDM_SUMMARY_WEEKLY", "must be DAY@HH:MM (e.g. mon@08:00) or off, got " + w));
            }
        }
        List<String> recipients = emailRecipients;
        String r = vars.apply("EDM_SUMMARY_RECIPIENTS");
        if (r != null) {
            recipients = new ArrayList<>();
            for (String a : r.split(",")) {
                String address = a.strip();
                if (address.isEmpty()) {
                    continue;
                }
                if (!address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                    problems.accept(
                            new ConfigException("EDM_SUMMARY_RECIPIENTS", "not an email address: \"" + address + "\""));
                } else {
                    recipients.add(address);
                }
            }
        }
        return new SummarySettings(daily, weekly, recipients);
    }

    private static Optional<LocalTime> time(String value) {
        try {
            return Optional.of(LocalTime.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Weekly> weekly(String value) {
        int at = value.indexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        String day = value.substring(0, at).strip().toLowerCase(Locale.ROOT);
        for (DayOfWeek dow : DayOfWeek.values()) {
            String name = dow.name().toLowerCase(Locale.ROOT);
            if (day.length() >= 3 && name.startsWith(day)) {
                return time(value.substring(at + 1).strip()).map(t -> new Weekly(dow, t));
            }
        }
        return Optional.empty();
    }
}
