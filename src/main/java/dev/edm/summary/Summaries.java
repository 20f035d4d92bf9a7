package dev.edm.summary;

import dev.edm.alerts.Alerts;
import dev.edm.config.SummarySettings;
import dev.edm.notify.Notifications;
import dev.edm.notify.Summary;
import dev.edm.reports.Reports;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled summary emails: {@link #runDue()} enqueues the summaries that are due and not enqueued yet (one
 * outbox row per period and recipient, unique key, so restarts and several instances never enqueue twice);
 * {@link #send} enqueues one now. The notification worker sends them with its usual retries.
 */
public final class Summaries {
    private static final Logger log = LoggerFactory.getLogger(Summaries.class);
    private final Content content;
    private final Notifications notifications;
    private final SummarySettings settings;
    private final Schedule schedule;
    private final Clock clock;

    /** What was enqueued: the period, the outbox key, the subject and the recipients it was new for. */
    public record Enqueued(Period period, String key, String subject, List<String> recipients) {}

    public Summaries(
            Reports reports,
            Alerts alerts,
            Notifications notifications,
            SummarySettings settings,
            ZoneId zone,
            Clock clock) {
        this.content = new Content(reports, alerts);
        this.notifications = notifications;
        this.settings = settings;
        this.schedule = new Schedule(settings, zone);
        this.clock = clock;
    }

    /** Whether anything is scheduled (a time is set and someone receives it). */
    public boolean scheduled() {
        return !settings.recipients().isEmpty()
                && (settings.daily().isPresent() || settings.weekly().isPresent());
    }

    /** Enqueues the summaries due now that were not enqueued before; returns what was new. */
    public List<Enqueued> runDue() {
        List<Enqueued> out = new ArrayList<>();
        if (settings.recipients().isEmpty()) {
            return out;
        }
        for (Period p : schedule.due(clock.instant())) {
            if (notifications.summaryEnqueued(p.key(), settings.recipients())) {
                continue;
            }
            Enqueued e = enqueue(p, p.key());
            if (!e.recipients().isEmpty()) {
                log.info(
                        "summary {} enqueued for {} recipient(s): {}",
                        e.key(),
                        e.recipients().size(),
                        e.subject());
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Enqueues one summary now (the period ending on {@code last}, default yesterday), under a key of its own so
     * it never stands in for the scheduled one; throws IllegalStateException when nobody would receive it.
     */
    public Enqueued send(Period.Kind kind, Optional<LocalDate> last) {
        if (settings.recipients().isEmpty()) {
            throw new IllegalStateException(
                    "nobody receives summaries: set EDM_SUMMARY_RECIPIENTS or EMAIL_RECIPIENTS");
        }
        Period p = last.map(d -> Period.ending(kind, d)).orElse(schedule.latest(kind, clock.instant()));
        return enqueue(p, p.key() + "-manual-" + clock.millis());
    }

    private Enqueued enqueue(Period p, String key) {
        Summary s = content.build(p, key);
        return new Enqueued(p, key, s.subject(), notifications.enqueueSummary(s, settings.recipients()));
    }
}
