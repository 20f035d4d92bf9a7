package dev.edm.ingest;

import java.time.Duration;

/** What became of a delivery; the web layer maps each case to a status code. */
public sealed interface IngestResult {
    /** Committed to the inbox for the first time. */
    record Accepted(long deliveryId) implements IngestResult {}

    /** Already in the inbox (same delivery id); nothing new was stored. */
    record Duplicate(long deliveryId) implements IngestResult {}

    /** Answered without storing anything: a platform's connection check (e.g. WooCommerce's creation ping). */
    record Acknowledged(String status) implements IngestResult {}

    /** Not stored, for the given reason. */
    record Rejected(Rejection reason, String message, Duration retryAfter) implements IngestResult {
        public Rejected(Rejection reason, String message) {
            this(reason, message, null);
        }
    }

    /** Why a delivery was not stored. */
    enum Rejection {
        UNAUTHORIZED,
        RATE_LIMITED,
        MISSING_HEADER,
        MALFORMED,
        UNSUPPORTED_MEDIA_TYPE,
        TOO_LARGE,
        NOT_CONFIGURED,
        /** Verification needs something out of reach now (e.g. the platform's key endpoint); retry later. */
        UNAVAILABLE;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
