package dev.edm.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edm.platform.SyncTopics;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Small helpers the readers share: JSON bytes, ids as text, query values. */
final class Documents {
    static final ObjectMapper JSON = new ObjectMapper();

    private Documents() {}

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An id as text (ids are parsed as long or BigInteger, never double), or null. */
    static String id(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String text = v.asText().strip();
        return text.isEmpty() ? null : text;
    }

    /** {@code {"id": ...}}: a product the API no longer lists (Shopify and WooCommerce delete webhooks' shape). */
    static SyncDocument deletedProduct(String productId) {
        return new SyncDocument(
                DifferenceKind.PRODUCT,
                productId,
                SyncTopics.PRODUCT_DELETED,
                bytes(JSON.createObjectNode().put("id", productId)));
    }

    static String query(Instant t) {
        return URLEncoder.encode(t.truncatedTo(ChronoUnit.SECONDS).toString(), StandardCharsets.UTF_8);
    }
}
