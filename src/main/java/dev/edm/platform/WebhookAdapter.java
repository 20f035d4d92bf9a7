package dev.edm.platform;

import dev.edm.event.CanonicalEvent;
import dev.edm.event.Platform;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One platform's webhook rules: accepted media types, signature scheme and topic meaning. */
public interface WebhookAdapter {
    Platform platform();

    /** Whether a request with this Content-Type (may be null) can be a delivery of this platform. */
    boolean acceptsContentType(String contentType);

    /** Whether the request carries a signature at all (headers keyed in lower case). */
    boolean hasSignature(Map<String, String> headers);

    /** Checks signature, required headers and body syntax over the raw bytes. */
    Verification verify(Map<String, String> headers, byte[] body);

    /** Whether processing has anything to do for this topic; unknown topics are recorded as ignored. */
    boolean handlesTopic(String topic);

    /**
     * The canonical events a stored delivery of a handled topic means.
     *
     * @throws UnreadablePayloadException when the payload cannot be understood
     */
    List<CanonicalEvent> interpret(String topic, String store, byte[] body, Instant receivedAt);

    /**
     * The adapter for another receiving path of this platform ({@code /webhook/<platform>/<channel>}), e.g.
     * eBay's legacy Platform Notifications; empty when the platform has no such channel.
     */
    default Optional<WebhookAdapter> channel(String name) {
        return Optional.empty();
    }

    /** The answer to the platform's endpoint-ownership check (a GET with these query parameters), if it has one. */
    default Optional<Challenge> answerChallenge(Map<String, String> query) {
        return Optional.empty();
    }

    /** How this platform's stored deliveries name people and how to forget them, if it asks us to. */
    default Optional<PersonalDataRules> personalData() {
        return Optional.empty();
    }
}
