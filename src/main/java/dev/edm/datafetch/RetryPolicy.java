package dev.edm.datafetch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How failed calls are repeated: up to {@code retries} times, waiting {@code base}, then twice as long each time
 * (1 s, 2 s, 4 s by default), or what {@code Retry-After} asks for, at most {@code maxRetryAfter}.
 */
public record RetryPolicy(int retries, Duration base, Duration maxRetryAfter) {
    /** Three retries after 1 s, 2 s and 4 s; a Retry-After is honoured up to 60 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(60));

    public RetryPolicy {
        if (retries < 0 || base.isNegative() || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("retry policy values must not be negative");
        }
    }

    /** The wait before retry number {@code retry} (1-based) when the server says nothing. */
    public Duration backoff(int retry) {
        return base.multipliedBy(1L << Math.min(retry - 1, 20));
    }

    /** The wait before retry {@code retry}: {@code Retry-After} (seconds or an HTTP date) when given, capped. */
    public Duration wait(int retry, Optional<String> retryAfter, Instant now) {
        return retryAfter
                .flatMap(value -> retryAfter(value, now))
                .map(d -> d.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : d)
                .orElseGet(() -> backoff(retry));
    }

    private static Optional<Duration> retryAfter(String value, Instant now) {
        String v = value.strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration d = Duration.between(now, at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
