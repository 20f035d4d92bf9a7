package dev.edm.platform.ebay;

import static dev.edm.platform.JsonFields.decimal;
import static dev.edm.platform.JsonFields.id;
import static dev.edm.platform.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edm.event.CanonicalEvent;
import dev.edm.event.CanonicalEvent.SaleRecorded;
import dev.edm.event.CanonicalEvent.StockLevelChanged;
import dev.edm.event.CanonicalEvent.VariantRevised;
import dev.edm.event.Money;
import dev.edm.event.StoreKey;
import dev.edm.platform.JsonFields;
import dev.edm.platform.UnreadablePayloadException;
import dev.edm.platform.ebay.EbayIds.ItemRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Notification API payloads ({@code {"metadata":{"topic",...},"notification":{"eventDate","data":{...}}}}) to
 * canonical events. The data schemas of these topics are read leniently: {@code itemId} (RESTful or legacy),
 * {@code sku}, {@code availability}, {@code price} ({@code {value, currency}} or a number with
 * {@code currency}), {@code orderId}, {@code lineItemId}, {@code quantity}. A payload without what its topic
 * needs is kept and marked failed with the reason.
 */
final class NotificationPayloads {
    static final String ACCOUNT_DELETION = "MARKETPLACE_ACCOUNT_DELETION";
    private static final Set<String> HANDLED = Set.of(
            ACCOUNT_DELETION, "ITEM_AVAILABILITY", "ITEM_PRICE_REVISION", "ORDER_CONFIRMATION", "ITEM_MARKED_SHIPPED");

    private NotificationPayloads() {}

    static boolean handles(String topic) {
        return topic != null && HANDLED.contains(topic);
    }

    static List<CanonicalEvent> interpret(String topic, String store, byte[] body, Instant receivedAt) {
        if (topic.equals(ACCOUNT_DELETION)) {
            return List.of(); // carried out on the inbox itself, see EbayPersonalData
        }
        StoreKey key = EbayWebhooks.sellerStore(store, "data.seller");
        JsonNode notification = JsonFields.parse(body).path("notification");
        JsonNode data = notification.path("data");
        if (!data.isObject()) {
            throw new UnreadablePayloadException("missing notification.data");
        }
        Instant at = firstTime(notification, receivedAt, "eventDate", "publishDate");
        return switch (topic) {
            case "ITEM_AVAILABILITY" -> availability(key, data, at);
            case "ITEM_PRICE_REVISION" -> price(key, data, at);
            case "ORDER_CONFIRMATION", "ITEM_MARKED_SHIPPED" -> List.of(sale(key, data, at));
            default -> List.of();
        };
    }

    /** The seller a payload names (its store), or null. */
    static String seller(JsonNode data) {
        JsonNode seller = data.path("seller");
        for (String field : List.of("userName", "username", "userId")) {
            String value = seller.isObject() ? text(seller, field) : null;
            if (value != null) {
                return value;
            }
        }
        for (String field : List.of("sellerUserName", "sellerUsername")) {
            String value = text(data, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static List<CanonicalEvent> availability(StoreKey store, JsonNode data, Instant at) {
        ItemRef item = item(data, true);
        String availability = firstText(data, "availability", "availabilityType", "availabilityStatus");
        if (availability == null) {
            throw new UnreadablePayloadException("missing availability");
        }
        Integer available = switch (availability.toUpperCase(Locale.ROOT)) {
            // in stock, but how many is only known when the payload says
            case "AVAILABLE" -> firstInteger(data, "quantity", "availableQuantity");
            case "UNAVAILABLE", "TEMPORARILY_UNAVAILABLE", "OUT_OF_STOCK" -> 0;
            default -> throw new UnreadablePayloadException("unknown availability: " + availability);
        };
        return List.of(
                revised(store, at, item, data, null),
                new StockLevelChanged(store, at, item.variantId(), EbayIds.LOCATION, available));
    }

    private static List<CanonicalEvent> price(StoreKey store, JsonNode data, Instant at) {
        ItemRef item = item(data, true);
        Money price = money(data, "price");
        if (price == null) {
            throw new UnreadablePayloadException("missing price");
        }
        return List.of(revised(store, at, item, data, price));
    }

    private static VariantRevised revised(StoreKey store, Instant at, ItemRef item, JsonNode data, Money price) {
        return new VariantRevised(
                store,
                at,
                item.itemId(),
                item.variantId(),
                text(data, "sku"),
                text(data, "title"),
                price,
                item.variantId());
    }

    /** One order line; ORDER_CONFIRMATION may repeat and ITEM_MARKED_SHIPPED follows it: same key, counted once. */
    private static SaleRecorded sale(StoreKey store, JsonNode data, Instant at) {
        String orderId = id(data, "orderId");
        if (orderId == null) {
            throw new UnreadablePayloadException("missing orderId");
        }
        ItemRef item = item(data, false);
        String line = firstId(data, "lineItemId", "legacyOrderLineItemId");
        if (line == null) {
            line = item != null ? item.itemId() : orderId;
        }
        Integer quantity = firstInteger(data, "quantity", "quantityPurchased");
        Money price = money(data, "price");
        return new SaleRecorded(
                store,
                firstTime(data, at, "creationDate", "orderDate"),
                orderId,
                line,
                item == null ? null : item.variantId(),
                text(data, "sku"),
                quantity == null || quantity <= 0 ? 1 : quantity,
                price == null ? money(data, "lineItemCost") : price);
    }

    private static ItemRef item(JsonNode data, boolean required) {
        String itemId = firstId(data, "itemId", "legacyItemId");
        ItemRef ref = itemId == null ? null : ItemRef.of(itemId, text(data, "sku"));
        if (ref == null && required) {
            throw new UnreadablePayloadException("missing itemId");
        }
        return ref;
    }

    /** {@code {"value": "9.99", "currency": "USD"}}, or a number or numeric string with a sibling currency. */
    private static Money money(JsonNode data, String field) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            BigDecimal value = decimal(node, "value");
            return value == null ? null : new Money(value, firstText(node, "currency", "currencyCode"));
        }
        BigDecimal value = decimal(data, field);
        return value == null ? null : new Money(value, firstText(data, "currency", "currencyCode"));
    }

    /** The first of these fields that is present, read with {@code reader}; null when none is. */
    private static <T> T first(JsonNode node, BiFunction<JsonNode, String, T> reader, String... fields) {
        for (String field : fields) {
            T value = reader.apply(node, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String firstText(JsonNode node, String... fields) {
        return first(node, JsonFields::text, fields);
    }

    private static String firstId(JsonNode node, String... fields) {
        return first(node, JsonFields::id, fields);
    }

    private static Integer firstInteger(JsonNode node, String... fields) {
        return first(node, JsonFields::integer, fields);
    }

    private static Instant firstTime(JsonNode node, Instant fallback, String... fields) {
        Instant value = first(node, JsonFields::time, fields);
        return value == null ? fallback : value;
    }
}
