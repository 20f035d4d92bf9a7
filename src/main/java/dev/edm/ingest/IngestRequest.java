package dev.edm.ingest;

import dev.edm.event.Platform;
import java.io.InputStream;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * A delivery as it arrives, free of any HTTP framework type.
 *
 * @param headers header values keyed by lower-case name
 * @param contentLength the declared length, when the sender declared one
 * @param body opens the unread request body (not touched when the request is refused early)
 * @param clientAddress the peer address, used only to rate-limit failed verifications
 * @param channel the platform's other receiving path (e.g. eBay's {@code platform}), null for the main one
 */
public record IngestRequest(
        Platform platform,
        Map<String, String> headers,
        String contentType,
        OptionalLong contentLength,
        Supplier<InputStream> body,
        String clientAddress,
        String channel) {

    /** A delivery to the platform's main receiving path. */
    public IngestRequest(
            Platform platform,
            Map<String, String> headers,
            String contentType,
            OptionalLong contentLength,
            Supplier<InputStream> body,
            String clientAddress) {
        this(platform, headers, contentType, contentLength, body, clientAddress, null);
    }
}
