package dev.edm.app;

import dev.edm.storage.Database;
import dev.edm.storage.Leases;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs periodic jobs on every instance, each under a database lease as long as its interval, so that with
 * several instances a job runs once per interval (and another instance takes over when one dies).
 */
final class Scheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("edm-scheduler").daemon().factory());
    private final Database db;
    private final Clock clock;
    private final String owner;

    Scheduler(Database db, Clock clock, String owner) {
        this.db = db;
        this.clock = clock;
        this.owner = owner;
    }

    void every(String name, Duration interval, Duration firstDelay, Runnable job) {
        executor.scheduleWithFixedDelay(
                () -> runOnce(name, interval, job), firstDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runOnce(String name, Duration interval, Runnable job) {
        try {
            // keep the lease a little shorter than the interval, so this instance can renew it next time
            long ttl = Math.max(1_000, interval.toMillis() - 1_000);
            boolean mine = db.transaction(c -> Leases.tryAcquire(c, "job:" + name, owner, clock.millis(), ttl));
            if (mine) {
                job.run();
            }
        } catch (RuntimeException e) {
            log.warn("scheduled job {} failed: {}", name, e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
