package dev.edm.sync;

import java.time.Duration;

/** How long edm really waits when a platform asks it to (tests wait nothing and record what was asked). */
@FunctionalInterface
public interface WaitPolicy {
    /** The milliseconds to wait for a wait of {@code asked}. */
    long millis(Duration asked);

    /** Waits what the platform asks, at most a minute at a time. */
    WaitPolicy REAL = asked -> Math.min(Math.max(0, asked.toMillis()), 60_000);
}
