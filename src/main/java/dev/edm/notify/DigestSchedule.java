package dev.edm.notify;

import dev.edm.config.NotifySettings;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** When a held (warning or info) notice goes out: at the next digest time, moved past the receiver's quiet hours. */
record DigestSchedule(NotifySettings.Digest digest, ZoneId zone) {
    Instant due(Instant at, Optional<QuietHours> quiet) {
        ZonedDateTime local = at.atZone(zone);
        ZonedDateTime next;
        if (digest.hourly()) {
            next = local.truncatedTo(ChronoUnit.HOURS).plusHours(1);
        } else {
            next = local.with(digest.at()).truncatedTo(ChronoUnit.MINUTES);
            if (!next.isAfter(local)) {
                next = next.plusDays(1);
            }
        }
        Instant due = next.toInstant();
        return quiet.map(q -> q.release(due, zone)).orElse(due);
    }
}
