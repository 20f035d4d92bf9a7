package dev.edm.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;

/** Amazon SP-API sample notifications for tests: as published, re-spelled, in an EventBridge event, with new ids. */
public final class AmazonFixtures {
    public static final ObjectMapper JSON = new ObjectMapper();

    private AmazonFixtures() {}

    /** A fixture from {@code src/test/resources/fixtures/amazon}; the FBA payload comes wrapped in a notification. */
    public static ObjectNode notification(String name) {
        if (name.equals("FBA_INVENTORY_AVAILABILITY_CHANGES")) {
            ObjectNode n = JSON.createObjectNode();
            n.put("NotificationVersion", "1.0")
                    .put("NotificationType", "FBA_INVENTORY_AVAILABILITY_CHANGES")
                    .put("PayloadVersion", "1.0")
                    .put("EventTime", "2026-11-01T10:00:00Z");
            n.set("Payload", load("FBA_INVENTORY_AVAILABILITY_CHANGES.payload_only"));
            n.putObject("NotificationMetadata")
                    .put("ApplicationId", "amzn1.sellerapps.app.test")
                    .put("SubscriptionId", "subscription-test")
                    .put("PublishTime", "2026-11-01T10:00:01Z")
                    .put("NotificationId", UUID.randomUUID().toString());
            return n;
        }
        return load(name);
    }

    public static ObjectNode load(String file) {
        try (InputStream in = AmazonFixtures.class.getResourceAsStream("/fixtures/amazon/" + file + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + file);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same notification with every key's first letter in lower case (camel) or upper case (Pascal). */
    public static JsonNode respelled(JsonNode node, boolean camel) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String key = field.getKey();
                String first = key.substring(0, 1);
                copy.set(
                        (camel ? first.toLowerCase(java.util.Locale.ROOT) : first.toUpperCase(java.util.Locale.ROOT))
                                + key.substring(1),
                        respelled(field.getValue(), camel));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(item -> copy.add(respelled(item, camel)));
            return copy;
        }
        return node;
    }

    /** The notification as an EventBridge event delivers it (API destination without input transformer, or SQS). */
    public static ObjectNode eventBridge(JsonNode notification, String eventId) {
        ObjectNode e = JSON.createObjectNode();
        String type = notification.has("NotificationType")
                ? notification.get("NotificationType").asText()
                : notification.path("notificationType").asText();
        e.put("version", "0")
                .put("id", eventId)
                .put("detail-type", type)
                .put("source", "aws.partner/sellingpartnerapi.amazon.com/123456789012/amzn1.sellerapps.app.test")
                .put("account", "123456789012")
                .put("time", "2026-11-01T10:00:02Z")
                .put("region", "us-east-1");
        e.putArray("resources");
        e.set("detail", notification);
        return e;
    }

    /** Gives the notification a fresh NotificationId (the published samples share theirs); returns it. */
    public static String freshId(ObjectNode notification) {
        String id = UUID.randomUUID().toString();
        metadata(notification).put(notification.has("NotificationMetadata") ? "NotificationId" : "notificationId", id);
        return id;
    }

    private static ObjectNode metadata(ObjectNode n) {
        JsonNode m = n.has("NotificationMetadata") ? n.get("NotificationMetadata") : n.get("notificationMetadata");
        return (ObjectNode) m;
    }
}
