package dev.edm.fetch;

import java.time.Duration;
import java.time.Instant;

/** Reads one resource of one store from a platform's API, as the document to store. */
public interface DetailSource {
    /** Never throws for an expected failure (network, HTTP status, missing token): returns {@link Failed}. */
    Result fetch(String store, String resource, String resourceId, Instant startedAt);

    /** What a read gave. */
    sealed interface Result {}

    /** The document to store as a delivery of this topic (a missing resource is a document too). */
    record Fetched(String topic, byte[] body) implements Result {}

    /** Not read this time; retried later, not before {@code retryAfter} when the platform said so. */
    record Failed(String reason, Duration retryAfter) implements Result {
        public Failed(String reason) {
            this(reason, Duration.ZERO);
        }
    }
}
