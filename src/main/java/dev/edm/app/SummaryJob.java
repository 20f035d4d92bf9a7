package dev.edm.app;

import dev.edm.summary.Summaries;
import java.time.Duration;

/**
 * Checks every minute, under a lease (one instance at a time), whether a daily or weekly summary is due; the
 * outbox's unique key per period and recipient makes a second run or instance enqueue nothing. Without an SMTP
 * server (EMAIL_SMTP_SERVER) nothing is scheduled.
 */
final class SummaryJob {
    private SummaryJob() {}

    static void schedule(Scheduler scheduler, Core core) {
        Summaries summaries = core.summaries();
        if (!summaries.scheduled() || core.config().email().smtpServer().isEmpty()) {
            return;
        }
        scheduler.every("summary", Duration.ofMinutes(1), Duration.ofSeconds(20), summaries::runDue);
    }
}
