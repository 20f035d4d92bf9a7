package dev.edm.testing;

import dev.edm.signing.StandardWebhookScheme;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Standard Webhooks requests as a sender builds them (BigCommerce keys with its client secret's UTF-8 bytes). */
public final class SignedRequests {
    private SignedRequests() {}

    /** Content-Type plus webhook-id, webhook-timestamp and webhook-signature under the key. */
    public static Map<String, String> headers(StandardWebhookScheme key, String messageId, Instant at, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        key.headers(messageId, at, body).forEach(h::put);
        return h;
    }

    /** A whsec_ secret of a key made from a readable seed. */
    public static String whsec(String seed) {
        return "whsec_"
                + java.util.Base64.getEncoder()
                        .encodeToString(("key-" + seed + "-0123456789abcdef").getBytes(StandardCharsets.UTF_8));
    }

    public static StandardWebhookScheme bigCommerceKey(String clientSecret) {
        return StandardWebhookScheme.fromRawKey(clientSecret.getBytes(StandardCharsets.UTF_8));
    }
}
