package dev.edm.platform;

/** The outcome of checking a delivery's signature and headers. */
public sealed interface Verification {
    /** Authentic and well-formed. */
    record Verified(DeliveryMeta meta) implements Verification {}

    /** The signature is missing or wrong (401). */
    record Unauthorized(String message) implements Verification {}

    /** Unusable: a required header is missing or the body is malformed (400), or of the wrong media type (415). */
    record Invalid(Problem problem, String message) implements Verification {}

    /** We cannot verify because no secret is configured (503, so the platform retries later). */
    record NotConfigured(String message) implements Verification {}

    /**
     * A platform's connection check (e.g. WooCommerce's unsigned creation ping): answered 200 with
     * {@code {"status": status}}, and nothing is stored.
     */
    record Acknowledged(String status) implements Verification {}

    /**
     * We cannot verify now because something we verify with is out of reach, e.g. the platform's public-key
     * endpoint is down or does not know the key yet (503, so the platform retries later).
     */
    record Unavailable(String message) implements Verification {}

    /** Why an authentic delivery cannot be used. */
    enum Problem {
        MISSING_HEADER,
        MALFORMED,
        /** The body's media type is not one the platform sends for this kind of request (415). */
        UNSUPPORTED_MEDIA_TYPE
    }
}
