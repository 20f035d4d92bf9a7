package dev.edm.platform.bigcommerce;

import static dev.edm.platform.JsonFields.decimal;
import static dev.edm.platform.JsonFields.id;
import static dev.edm.platform.JsonFields.integer;
import static dev.edm.platform.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edm.event.CanonicalEvent;
import dev.edm.event.CanonicalEvent.ProductDeleted;
import dev.edm.event.CanonicalEvent.ProductUpserted;
import dev.edm.event.CanonicalEvent.SaleRecorded;
import dev.edm.event.CanonicalEvent.SaleReversed;
import dev.edm.event.CanonicalEvent.Variant;
import dev.edm.event.Money;
import dev.edm.event.Platform;
import dev.edm.event.StoreKey;
import dev.edm.platform.JsonFields;
import dev.edm.platform.SyncTopics;
import dev.edm.platform.UnreadablePayloadException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The documents edm reads from the BigCommerce API for thin webhooks (a v3 catalog product with its variants;
 * a v2 order with its products and v3 refunds), wrapped with when they were read and stored as deliveries of
 * their own, and what they mean. Being stored, they give the same state again at replay without the network.
 */
public final class BigCommerceDocuments {
    public static final String PRODUCT_TOPIC = "edm/fetched/product";
    public static final String ORDER_TOPIC = "edm/fetched/order";
    static final Set<String> TOPICS = Set.of(PRODUCT_TOPIC, ORDER_TOPIC, SyncTopics.PRODUCT, SyncTopics.ORDER);
    private static final Map<String, String> TOPIC_OF_RESOURCE = Map.of("product", PRODUCT_TOPIC, "order", ORDER_TOPIC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final int INCOMPLETE = 0;
    private static final int REFUNDED = 4;
    private static final int CANCELLED = 5;
    private static final int DECLINED = 6;

    private BigCommerceDocuments() {}

    /** The delivery topic of a document read for this resource. */
    public static String topicOf(String resource) {
        String topic = TOPIC_OF_RESOURCE.get(resource);
        if (topic == null) {
            throw new IllegalArgumentException("not a BigCommerce resource edm reads: " + resource);
        }
        return topic;
    }

    /** A product as read (the v3 {@code data} object), or null when the API answered 404. */
    public static byte[] product(String productId, Instant fetchedAt, JsonNode product) {
        ObjectNode doc = envelope("product", productId, fetchedAt, product != null);
        if (product != null) {
            doc.set("product", product);
        }
        return bytes(doc);
    }

    /** An order (v2), its products (v2 array) and refunds (v3 {@code data} array); null order when 404. */
    public static byte[] order(String orderId, Instant fetchedAt, JsonNode order, JsonNode products, JsonNode refunds) {
        ObjectNode doc = envelope("order", orderId, fetchedAt, order != null);
        if (order != null) {
            doc.set("order", order);
            doc.set("products", products == null ? JSON.createArrayNode() : products);
            doc.set("refunds", refunds == null ? JSON.createArrayNode() : refunds);
        }
        return bytes(doc);
    }

    private static ObjectNode envelope(String resource, String id, Instant fetchedAt, boolean found) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("resource", resource).put("id", id).put("fetched_at", fetchedAt.toString());
        doc.put("found", found);
        return doc;
    }

    private static byte[] bytes(ObjectNode doc) {
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<CanonicalEvent> interpret(String topic, String store, byte[] body) {
        StoreKey key = new StoreKey(Platform.BIGCOMMERCE, store);
        JsonNode doc = JsonFields.parse(body);
        Instant fetchedAt = JsonFields.time(doc, "fetched_at");
        String id = required(id(doc, "id"), "id");
        if (fetchedAt == null) {
            throw new UnreadablePayloadException("missing fetched_at");
        }
        boolean found = doc.path("found").asBoolean(false);
        if (PRODUCT_TOPIC.equals(topic) || SyncTopics.PRODUCT.equals(topic)) {
            return found
                    ? List.of(product(key, id, object(doc, "product"), fetchedAt))
                    : List.of(new ProductDeleted(key, fetchedAt, id));
        }
        return found ? order(key, id, doc, fetchedAt) : List.of();
    }

    /**
     * Stock comes from {@code inventory_tracking}: "variant" uses each variant's level, "product" the product's
     * level for every variant, "none" means untracked (no quantity). Hidden products are not monitored.
     */
    private static ProductUpserted product(StoreKey store, String id, JsonNode p, Instant fetchedAt) {
        String name = text(p, "name");
        String tracking = text(p, "inventory_tracking");
        Integer productLevel = integer(p, "inventory_level");
        BigDecimal productPrice = decimal(p, "price");
        List<Variant> variants = new ArrayList<>();
        for (JsonNode v : p.path("variants")) {
            BigDecimal price = firstNonNull(decimal(v, "price"), decimal(v, "calculated_price"), productPrice);
            Integer quantity = switch (tracking == null ? "none" : tracking) {
                case "variant" -> integer(v, "inventory_level");
                case "product" -> productLevel;
                default -> null;
            };
            String sku = text(v, "sku");
            variants.add(new Variant(
                    required(id(v, "id"), "product.variants[].id"),
                    sku == null ? text(p, "sku") : sku,
                    variantTitle(name, v),
                    price == null ? null : new Money(price, null),
                    null,
                    quantity));
        }
        if (variants.isEmpty()) {
            throw new UnreadablePayloadException(
                    "product " + id + " has no variants (it must be read with include=variants)");
        }
        boolean visible = p.path("is_visible").asBoolean(true);
        return new ProductUpserted(store, fetchedAt, id, name, visible ? "active" : "hidden", variants);
    }

    /** "Name - Red / M" from the variant's option values, or the product name for a product without options. */
    private static String variantTitle(String name, JsonNode variant) {
        StringJoiner options = new StringJoiner(" / ");
        for (JsonNode option : variant.path("option_values")) {
            String label = text(option, "label");
            if (label != null) {
                options.add(label);
            }
        }
        if (options.length() == 0) {
            return name;
        }
        return name == null ? options.toString() : name + " - " + options;
    }

    /**
     * Every product line is a sale once (incomplete checkouts are not orders yet); refunds reverse their units;
     * a cancelled, declined or fully refunded order reverses all of its lines.
     */
    private static List<CanonicalEvent> order(StoreKey store, String orderId, JsonNode doc, Instant fetchedAt) {
        JsonNode order = object(doc, "order");
        Integer status = integer(order, "status_id");
        if (status == null) {
            throw new UnreadablePayloadException("order " + orderId + " has no status_id");
        }
        if (status == INCOMPLETE) {
            return List.of();
        }
        Instant soldAt = firstNonNull(time(order, "date_created"), fetchedAt);
        String currency = firstNonNull(text(order, "default_currency_code"), text(order, "currency_code"));
        List<CanonicalEvent> events = new ArrayList<>();
        for (JsonNode line : doc.path("products")) {
            Integer quantity = integer(line, "quantity");
            if (quantity == null || quantity <= 0) {
                continue;
            }
            String variantId = id(line, "variant_id");
            events.add(new SaleRecorded(
                    store,
                    soldAt,
                    orderId,
                    required(id(line, "id"), "products[].id"),
                    "0".equals(variantId) ? null : variantId,
                    text(line, "sku"),
                    quantity,
                    JsonFields.money(line, "price_ex_tax", currency)));
        }
        for (JsonNode refund : doc.path("refunds")) {
            String refundId = required(id(refund, "id"), "refunds[].id");
            Instant refundedAt = firstNonNull(time(refund, "created"), fetchedAt);
            for (JsonNode item : refund.path("items")) {
                Integer quantity = integer(item, "quantity");
                if ("PRODUCT".equalsIgnoreCase(text(item, "item_type")) && quantity != null && quantity > 0) {
                    String lineId = required(id(item, "item_id"), "refunds[].items[].item_id");
                    events.add(new SaleReversed(
                            store, refundedAt, orderId, lineId, "refund:" + refundId + ":" + lineId, quantity));
                }
            }
        }
        String reversal = switch (status) {
            case CANCELLED -> "cancel";
            case DECLINED -> "declined";
            case REFUNDED -> "refunded";
            default -> null;
        };
        if (reversal != null) {
            Instant at = firstNonNull(time(order, "date_modified"), fetchedAt);
            events.add(new SaleReversed(store, at, orderId, null, reversal, null));
        }
        return events;
    }

    /** v2 dates are RFC 2822 ("Tue, 05 Mar 2019 21:43:14 +0000"); v3 dates are ISO 8601. */
    private static Instant time(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            return JsonFields.time(node, field);
        }
    }

    private static JsonNode object(JsonNode doc, String field) {
        JsonNode node = doc.get(field);
        if (node == null || !node.isObject()) {
            throw new UnreadablePayloadException("missing \"" + field + "\" object");
        }
        return node;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String required(String value, String field) {
        if (value == null) {
            throw new UnreadablePayloadException("missing " + field);
        }
        return value;
    }
}
