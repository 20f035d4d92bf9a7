package dev.edm.platform.amazon;

import static dev.edm.platform.JsonFields.id;
import static dev.edm.platform.JsonFields.integer;
import static dev.edm.platform.JsonFields.text;
import static dev.edm.platform.JsonFields.time;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edm.event.CanonicalEvent;
import dev.edm.event.CanonicalEvent.ListingChanged;
import dev.edm.event.CanonicalEvent.SaleRecorded;
import dev.edm.event.CanonicalEvent.SaleReversed;
import dev.edm.event.CanonicalEvent.StockLevelChanged;
import dev.edm.event.StoreKey;
import dev.edm.platform.UnreadablePayloadException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SP-API payloads (keys in lower case) to canonical events. The seller SKU is the variant id and the inventory
 * item id, so stock levels and sold lines of a SKU land on one variant; every event that names a SKU is
 * preceded by a {@link ListingChanged} that makes sure the variant exists.
 */
final class AmazonPayloads {
    static final int MAX_ID_LENGTH = 64;

    private AmazonPayloads() {}

    /** ORDER_CHANGE: one sale per order item; an order whose status is Canceled reverses them all. */
    static List<CanonicalEvent> orderChange(StoreKey store, JsonNode payload, Instant at) {
        JsonNode order = object(payload, "orderchangenotification", "OrderChangeNotification");
        String orderId = required(id(order, "amazonorderid"), "AmazonOrderId");
        JsonNode summary = order.path("summary");
        Instant soldAt = orElse(time(summary, "purchasedate"), at);
        List<CanonicalEvent> events = new ArrayList<>();
        for (JsonNode item : summary.path("orderitems")) {
            String sku = required(text(item, "sellersku"), "OrderItems[].SellerSKU");
            String lineId = required(id(item, "orderitemid"), "OrderItems[].OrderItemId");
            Integer quantity = integer(item, "quantity");
            if (quantity == null || quantity <= 0) {
                continue;
            }
            events.add(new ListingChanged(store, at, sku, null, null, null));
            events.add(new SaleRecorded(store, soldAt, orderId, lineId, sku, sku, quantity, null));
        }
        String status = text(summary, "orderstatus");
        if (status != null && status.toLowerCase(Locale.ROOT).startsWith("cancel")) {
            Instant cancelledAt = orElse(time(order.path("orderchangetrigger"), "timeoforderchange"), at);
            events.add(new SaleReversed(store, cancelledAt, orderId, null, "cancel", null));
        }
        return events;
    }

    /** FBA_INVENTORY_AVAILABILITY_CHANGES: fulfillable units per marketplace, at location {@code fba:MARKETPLACE}. */
    static List<CanonicalEvent> fbaInventory(StoreKey store, JsonNode payload, Instant at) {
        String sku = required(text(payload, "sku"), "SKU");
        JsonNode marketplaces = payload.path("fulfillmentinventorybymarketplace");
        String title = marketplaces.isArray() && !marketplaces.isEmpty() ? text(marketplaces.get(0), "itemname") : null;
        List<CanonicalEvent> events = new ArrayList<>();
        events.add(new ListingChanged(store, at, sku, asin(text(payload, "asin")), title, null));
        for (JsonNode m : marketplaces) {
            String marketplace =
                    required(text(m, "marketplaceid"), "FulfillmentInventoryByMarketplace[].MarketplaceId");
            Integer fulfillable = integer(m.path("fulfillmentinventory"), "fulfillable");
            events.add(new StockLevelChanged(store, at, sku, location("fba:" + marketplace), fulfillable));
        }
        return events;
    }

    /** LISTINGS_ITEM_MFN_QUANTITY_CHANGE: the seller-fulfilled quantity, at location {@code mfn}. */
    static List<CanonicalEvent> mfnQuantity(StoreKey store, JsonNode payload, Instant at) {
        String sku = required(text(payload, "sku"), "Sku");
        Integer quantity = integer(payload, "quantity");
        if (quantity == null) {
            throw new UnreadablePayloadException("missing Quantity");
        }
        String channel = text(payload, "fulfillmentchannelcode");
        String location = channel == null || channel.equalsIgnoreCase("DEFAULT") ? "mfn" : location("mfn:" + channel);
        return List.of(
                new ListingChanged(store, at, sku, null, null, null),
                new StockLevelChanged(store, at, sku, location, quantity));
    }

    /** LISTINGS_ITEM_STATUS_CHANGE: DELETED -> deleted, BUYABLE -> active, otherwise inactive (not monitored). */
    static List<CanonicalEvent> listingStatus(StoreKey store, JsonNode payload, Instant at) {
        String sku = required(text(payload, "sku"), "Sku");
        Set<String> statuses = new HashSet<>();
        JsonNode status = payload.path("status");
        if (status.isTextual()) {
            statuses.add(status.asText().strip().toUpperCase(Locale.ROOT));
        }
        status.forEach(s -> statuses.add(s.asText().strip().toUpperCase(Locale.ROOT)));
        String mapped = statuses.contains("DELETED") ? "deleted" : statuses.contains("BUYABLE") ? "active" : "inactive";
        return List.of(new ListingChanged(store, at, sku, asin(text(payload, "asin")), null, mapped));
    }

    static JsonNode object(JsonNode parent, String key, String name) {
        JsonNode node = parent.get(key);
        if (node == null || !node.isObject()) {
            throw new UnreadablePayloadException("missing " + name);
        }
        return node;
    }

    static String required(String value, String name) {
        if (value == null) {
            throw new UnreadablePayloadException("missing " + name);
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw new UnreadablePayloadException(name + " is longer than " + MAX_ID_LENGTH + " characters");
        }
        return value;
    }

    static String asin(String value) {
        return value == null || value.length() > MAX_ID_LENGTH ? null : value;
    }

    static Instant orElse(Instant value, Instant fallback) {
        return value == null ? fallback : value;
    }

    private static String location(String value) {
        if (value.length() > MAX_ID_LENGTH) {
            throw new UnreadablePayloadException(
                    "location " + value + " is longer than " + MAX_ID_LENGTH + " characters");
        }
        return value;
    }
}
