package dev.edm.summary;

import dev.edm.config.SummarySettings;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Which summaries are due: the daily one from its time of day on (covering yesterday), the weekly one from its
 * time on its weekday (covering the seven days before), both in the configured zone. Only the current day's
 * summaries are due, so a first start or a long outage does not send old ones.
 */
final class Schedule {
    private final SummarySettings settings;
    private final ZoneId zone;

    Schedule(SummarySettings settings, ZoneId zone) {
        this.settings = settings;
        this.zone = zone;
    }

    List<Period> due(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalDate today = local.toLocalDate();
        List<Period> out = new ArrayList<>();
        settings.daily()
                .filter(at -> !local.toLocalTime().isBefore(at))
                .ifPresent(at -> out.add(Period.ending(Period.Kind.DAILY, today.minusDays(1))));
        settings.weekly()
                .filter(w ->
                        local.getDayOfWeek() == w.day() && !local.toLocalTime().isBefore(w.at()))
                .ifPresent(w -> out.add(Period.ending(Period.Kind.WEEKLY, today.minusDays(1))));
        return out;
    }

    /** The last full period of a kind before now: yesterday, or the seven days up to yesterday. */
    Period latest(Period.Kind kind, Instant now) {
        return Period.ending(kind, now.atZone(zone).toLocalDate().minusDays(1));
    }
}
