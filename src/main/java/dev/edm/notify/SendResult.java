package dev.edm.notify;

import java.time.Duration;
import java.util.Optional;

/** What happened to one send: it was delivered, or it failed (for now, or for good), saying exactly why. */
sealed interface SendResult {
    /** The peer accepted the message. */
    record Sent(String detail) implements SendResult {}

    /**
     * The peer did not take it.
     *
     * @param permanent retrying cannot help (e.g. 404, a rejected address): the message goes to dead letters
     * @param retryAfter the wait the peer asked for (429 Retry-After)
     */
    record Failed(String error, boolean permanent, Optional<Duration> retryAfter) implements SendResult {
        static Failed retry(String error) {
            return new Failed(error, false, Optional.empty());
        }
    }
}
