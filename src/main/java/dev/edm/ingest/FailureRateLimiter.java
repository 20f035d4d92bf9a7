package dev.edm.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;

/**
 * Limits failed verifications per client address with a token bucket (N failures a minute, refilled
 * continuously). Correctly signed deliveries are never limited: only failures take tokens, and a limited
 * client's signed requests are still verified.
 */
final class FailureRateLimiter {
    private final double capacity;
    private final double refillPerMilli;
    private final Clock clock;
    private final Cache<String, Bucket> buckets;

    private static final class Bucket {
        double tokens;
        long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }
    }

    FailureRateLimiter(int failuresPerMinute, Clock clock) {
        this.capacity = failuresPerMinute;
        this.refillPerMilli = failuresPerMinute / 60_000.0;
        this.clock = clock;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterAccess(Duration.ofMinutes(10))
                .build();
    }

    /** When the client has no failure left: how long until it has one again. */
    synchronized Duration limitedFor(String client) {
        Bucket bucket = buckets.getIfPresent(client);
        if (bucket == null) {
            return Duration.ZERO;
        }
        refill(bucket);
        return bucket.tokens >= 1 ? Duration.ZERO : untilOneToken(bucket);
    }

    /** Records a failure; returns how long the client is now limited for (zero when it is not). */
    synchronized Duration recordFailure(String client) {
        Bucket bucket = buckets.get(client, k -> new Bucket(capacity, clock.millis()));
        refill(bucket);
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return Duration.ZERO;
        }
        return untilOneToken(bucket);
    }

    private void refill(Bucket bucket) {
        long now = clock.millis();
        bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedAt) * refillPerMilli);
        bucket.updatedAt = now;
    }

    private Duration untilOneToken(Bucket bucket) {
        long millis = (long) Math.ceil((1 - bucket.tokens) / refillPerMilli);
        return Duration.ofMillis(Math.max(1, millis));
    }
}
