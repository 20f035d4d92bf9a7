package dev.edm.platform.amazon;

import static dev.edm.platform.JsonFields.text;
import static dev.edm.platform.JsonFields.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edm.platform.JsonFields;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;

/**
 * One SP-API notification, bare or inside an EventBridge event ({@code detail}), in either spelling: every key
 * is read in lower case, so {@code NotificationType} and {@code notificationType} are the same field.
 *
 * @param type the notification type, or null when the body has none
 * @param envelope the notification (without the EventBridge event around it) with lower-case keys
 * @param payload its payload, or null
 * @param sellerId the seller the notification is about (see {@link #sellerOf}), or null
 */
record Notification(
        String type,
        String notificationId,
        String eventBridgeId,
        String eventTime,
        String payloadVersion,
        JsonNode envelope,
        JsonNode payload,
        String sellerId) {

    private static final String MERCHANT_ACCOUNT = "amzn1.merchant.o.";
    private static final int SEARCH_DEPTH = 4;

    /**
     * Reads a body.
     *
     * @throws dev.edm.platform.UnreadablePayloadException when it is not a JSON object
     */
    static Notification parse(byte[] body) {
        JsonNode root = lowerKeys(JsonFields.parse(body));
        JsonNode n = root;
        String eventBridgeId = null;
        String detailType = null;
        if (root.path("detail").isObject() && (root.has("detail-type") || root.has("source"))) {
            eventBridgeId = text(root, "id");
            detailType = text(root, "detail-type");
            n = root.get("detail");
        }
        String type = text(n, "notificationtype");
        JsonNode metadata = n.path("notificationmetadata");
        JsonNode payload = n.path("payload").isObject() ? n.get("payload") : null;
        return new Notification(
                type != null ? type : detailType,
                metadata.isObject() ? text(metadata, "notificationid") : null,
                eventBridgeId,
                text(n, "eventtime"),
                text(n, "payloadversion"),
                n,
                payload,
                payload == null ? null : sellerOf(payload));
    }

    /**
     * When it happened: EventTime, else the metadata's PublishTime, else when it was received.
     *
     * @throws dev.edm.platform.UnreadablePayloadException when a time is not ISO-8601
     */
    Instant at(Instant receivedAt) {
        Instant event = time(envelope, "eventtime");
        if (event != null) {
            return event;
        }
        Instant published = time(envelope.path("notificationmetadata"), "publishtime");
        return published == null ? receivedAt : published;
    }

    /**
     * The seller a payload is about: the nearest {@code SellerId} (ORDER_CHANGE, ANY_OFFER_CHANGED: inside the
     * named notification object; FBA_INVENTORY_AVAILABILITY_CHANGES, LISTINGS_ITEM_*, PRICING_HEALTH: at the
     * top of the payload), else the seller in a merchant {@code accountId} ({@code amzn1.merchant.o.SELLER};
     * feed, report and item event notifications), else a vendor {@code accountId}, else a
     * {@code merchantId}/{@code merchantToken}. Nearest first, so sellers of competing offers are not taken.
     */
    static String sellerOf(JsonNode payload) {
        for (String key : new String[] {"sellerid", "accountid", "merchantid", "merchanttoken"}) {
            String found = nearest(payload, key);
            if (found != null) {
                return found.startsWith(MERCHANT_ACCOUNT) ? found.substring(MERCHANT_ACCOUNT.length()) : found;
            }
        }
        return null;
    }

    private static String nearest(JsonNode root, String key) {
        Deque<Map.Entry<JsonNode, Integer>> queue = new ArrayDeque<>();
        queue.add(Map.entry(root, 0));
        while (!queue.isEmpty()) {
            Map.Entry<JsonNode, Integer> next = queue.poll();
            JsonNode node = next.getKey();
            if (node.isObject()) {
                JsonNode value = node.get(key);
                if (value != null && value.isTextual() && !value.asText().isBlank()) {
                    return value.asText().strip();
                }
            }
            if (next.getValue() < SEARCH_DEPTH && node.isContainerNode()) {
                node.forEach(child -> queue.add(Map.entry(child, next.getValue() + 1)));
            }
        }
        return null;
    }

    /** A copy of the tree whose object keys are lower case (the first of two keys that differ in case wins). */
    static JsonNode lowerKeys(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                copy.putIfAbsent(field.getKey().toLowerCase(Locale.ROOT), lowerKeys(field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(item -> copy.add(lowerKeys(item)));
            return copy;
        }
        return node;
    }
}
