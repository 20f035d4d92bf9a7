package dev.edm.platform;

import java.util.Map;

/** The outcome of a platform's endpoint-ownership check (e.g. eBay's {@code challenge_code}). */
public sealed interface Challenge {
    /** Answer 200 with this JSON object. */
    record Answered(Map<String, String> body) implements Challenge {
        public Answered {
            body = Map.copyOf(body);
        }
    }

    /** The request is not a valid challenge (400). */
    record Invalid(String message) implements Challenge {}

    /** We cannot answer because the token or URL is not configured (503). */
    record NotConfigured(String message) implements Challenge {}
}
