package dev.edm.app;

import dev.edm.ingest.Retention;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Schedules the hourly purge of raw delivery bodies older than EDM_RETENTION_DAYS (one instance per hour). */
final class RetentionJob {
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private RetentionJob() {}

    static void schedule(Scheduler scheduler, Core core) {
        int days = core.config().retention().retentionDays();
        if (days == 0) {
            return;
        }
        Retention retention = new Retention(core.database(), core.clock(), days);
        scheduler.every("retention-purge", Duration.ofHours(1), Duration.ofMinutes(2), () -> {
            Retention.Result r = retention.purge(false);
            if (r.deliveries() > 0) {
                log.info("retention: purged {} delivery bodies received before {}", r.deliveries(), r.cutoff());
            }
        });
    }
}
