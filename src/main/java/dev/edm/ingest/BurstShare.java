package dev.edm.ingest;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * How background work (journal import, processing) shares the machine with acknowledging webhooks: while
 * webhooks keep arriving it pauses 19 times as long as each batch took (about 5% of the time, at most 250 ms
 * a pause), because answering the platforms comes first and the backlog drains once the burst is over; once
 * the oldest waiting delivery has waited 30 s, 3 times (a quarter, at most 50 ms), so a long burst never
 * starves it. Without arrivals in the last 100 ms it does not pause at all.
 */
final class BurstShare {
    private static final long BUSY_WINDOW_NANOS = 100_000_000L;
    private static final long YIELD_FACTOR = 19;
    private static final long MAX_PAUSE_MILLIS = 250;
    private static final long STALE_MILLIS = 30_000;
    private static final long STALE_YIELD_FACTOR = 3;
    private static final long STALE_MAX_PAUSE_MILLIS = 50;

    private final Clock clock;
    private volatile long lastArrivalNanos = System.nanoTime() - 2 * BUSY_WINDOW_NANOS;

    BurstShare(Clock clock) {
        this.clock = clock;
    }

    /** Webhooks were acknowledged just now. */
    void arrived() {
        lastArrivalNanos = System.nanoTime();
    }

    /** The pause after a batch that took {@code batchNanos}, given when the oldest waiting delivery arrived. */
    long pauseMillis(long batchNanos, long oldestWaitingMillis) {
        if (System.nanoTime() - lastArrivalNanos >= BUSY_WINDOW_NANOS) {
            return 0;
        }
        boolean stale = clock.millis() - oldestWaitingMillis > STALE_MILLIS;
        return stale
                ? Math.min(STALE_MAX_PAUSE_MILLIS, TimeUnit.NANOSECONDS.toMillis(STALE_YIELD_FACTOR * batchNanos))
                : Math.min(MAX_PAUSE_MILLIS, TimeUnit.NANOSECONDS.toMillis(YIELD_FACTOR * batchNanos));
    }

    /** Sleeps {@link #pauseMillis}. */
    void pause(long batchNanos, long oldestWaitingMillis) throws InterruptedException {
        long millis = pauseMillis(batchNanos, oldestWaitingMillis);
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
