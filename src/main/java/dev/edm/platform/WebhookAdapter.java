package dev.edm.platform;

import dev.edm.event.CanonicalEvent;
import dev.edm.event.Platform;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
}
