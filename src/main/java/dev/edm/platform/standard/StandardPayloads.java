package dev.edm.platform.standard;

import static dev.edm.platform.JsonFields.integer;
import static dev.edm.platform.JsonFields.money;
import static dev.edm.platform.JsonFields.text;
import static dev.edm.platform.JsonFields.time;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edm.event.CanonicalEvent;
import dev.edm.event.CanonicalEvent.ProductDeleted;
import dev.edm.event.CanonicalEvent.ProductUpserted;
import dev.edm.event.CanonicalEvent.SaleRecorded;
import dev.edm.event.CanonicalEvent.SaleReversed;
import dev.edm.event.CanonicalEvent.StockLevelChanged;
import dev.edm.event.CanonicalEvent.Variant;
import dev.edm.event.Platform;
import dev.edm.event.StoreKey;
import dev.edm.platform.JsonFields;
import dev.edm.platform.UnreadablePayloadException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * edm's canonical Standard Webhooks payload ({@code {type, timestamp, data}}, documented in
 * docs/platforms/standard-webhooks.md) to canonical events. Everything is keyed by SKU, so a sender needs no
 * platform ids: a SKU is its own product, variant and inventory item.
 */
final class StandardPayloads {
    static final String INVENTORY_UPDATED = "inventory.updated";
    static final String PRODUCT_UPDATED = "product.updated";
    static final String PRODUCT_DELETED = "product.deleted";
    static final String ORDER_CREATED = "order.created";
    static final String ORDER_CANCELLED = "order.cancelled";
    static final Set<String> TYPES =
            Set.of(INVENTORY_UPDATED, PRODUCT_UPDATED, PRODUCT_DELETED, ORDER_CREATED, ORDER_CANCELLED);
    /** The location of stock reported without one. */
    static final String DEFAULT_LOCATION = "default";

    private static final int MAX_ID = 64;

    private StandardPayloads() {}

    static List<CanonicalEvent> interpret(String type, String source, byte[] body, Instant receivedAt) {
        StoreKey store = new StoreKey(Platform.STANDARD, source);
        JsonNode json = JsonFields.parse(body);
        Instant at = at(json, "timestamp", receivedAt);
        JsonNode data = json.get("data");
        if (data == null || !data.isObject()) {
            throw new UnreadablePayloadException("missing \"data\" object");
        }
        return switch (type) {
            case INVENTORY_UPDATED -> inventory(store, data, at);
            case PRODUCT_UPDATED -> products(store, data, at);
            case PRODUCT_DELETED -> {
                List<CanonicalEvent> events = new ArrayList<>();
                for (JsonNode item : items(data)) {
                    events.add(new ProductDeleted(store, at, sku(item)));
                }
                yield events;
            }
            case ORDER_CREATED -> order(store, data, at);
            case ORDER_CANCELLED ->
                List.of(new SaleReversed(
                        store, at(data, "cancelled_at", at), id(data, "order_id"), null, "cancel", null));
            default -> List.of();
        };
    }

    private static List<CanonicalEvent> inventory(StoreKey store, JsonNode data, Instant at) {
        List<CanonicalEvent> events = new ArrayList<>();
        for (JsonNode item : items(data)) {
            String sku = sku(item);
            if (!item.has("available")) {
                throw new UnreadablePayloadException("missing items[].available for SKU " + sku);
            }
            String location = text(item, "location");
            events.add(new StockLevelChanged(
                    store,
                    at(item, "updated_at", at),
                    sku,
                    location == null ? DEFAULT_LOCATION : bounded(location, "items[].location"),
                    integer(item, "available")));
        }
        return events;
    }

    private static List<CanonicalEvent> products(StoreKey store, JsonNode data, Instant at) {
        List<CanonicalEvent> events = new ArrayList<>();
        for (JsonNode item : items(data)) {
            String sku = sku(item);
            String title = text(item, "title") == null ? sku : text(item, "title");
            String status = text(item, "status");
            Variant variant = new Variant(
                    sku, sku, title, money(item, "price", text(item, "currency")), sku, integer(item, "available"));
            events.add(new ProductUpserted(
                    store,
                    at(item, "updated_at", at),
                    sku,
                    title,
                    status == null ? "active" : status,
                    List.of(variant)));
        }
        return events;
    }

    private static List<CanonicalEvent> order(StoreKey store, JsonNode data, Instant at) {
        String orderId = id(data, "order_id");
        Instant soldAt = at(data, "created_at", at);
        String currency = text(data, "currency");
        JsonNode lines = data.get("lines");
        if (lines == null || !lines.isArray() || lines.isEmpty()) {
            throw new UnreadablePayloadException("\"lines\" must be a non-empty array");
        }
        Set<String> lineIds = new HashSet<>();
        List<CanonicalEvent> events = new ArrayList<>();
        for (JsonNode line : lines) {
            String sku = sku(line);
            String lineId = text(line, "line_id") == null ? sku : id(line, "line_id");
            if (!lineIds.add(lineId)) {
                throw new UnreadablePayloadException(
                        "two lines of order " + orderId + " have the line id " + lineId + " (give each a line_id)");
            }
            Integer quantity = integer(line, "quantity");
            if (quantity == null || quantity <= 0) {
                throw new UnreadablePayloadException("lines[].quantity must be a positive whole number");
            }
            events.add(new SaleRecorded(
                    store, soldAt, orderId, lineId, sku, sku, quantity, money(line, "unit_price", currency)));
        }
        return events;
    }

    private static JsonNode items(JsonNode data) {
        JsonNode items = data.get("items");
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw new UnreadablePayloadException("\"items\" must be a non-empty array");
        }
        return items;
    }

    private static String sku(JsonNode node) {
        String sku = text(node, "sku");
        if (sku == null) {
            throw new UnreadablePayloadException("missing sku");
        }
        return bounded(sku, "sku");
    }

    private static String id(JsonNode node, String field) {
        String value = JsonFields.id(node, field);
        if (value == null) {
            throw new UnreadablePayloadException("missing " + field);
        }
        return bounded(value, field);
    }

    private static String bounded(String value, String field) {
        if (value.length() > MAX_ID) {
            throw new UnreadablePayloadException(field + " is longer than " + MAX_ID + " characters: " + value);
        }
        return value;
    }

    private static Instant at(JsonNode json, String field, Instant fallback) {
        Instant t = time(json, field);
        return t == null ? fallback : t;
    }
}
