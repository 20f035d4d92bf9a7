package dev.edm.platform.shopify;

import static dev.edm.platform.JsonFields.id;
import static dev.edm.platform.JsonFields.integer;
import static dev.edm.platform.JsonFields.money;
import static dev.edm.platform.JsonFields.required;
import static dev.edm.platform.JsonFields.text;
import static dev.edm.platform.JsonFields.time;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edm.event.CanonicalEvent;
import dev.edm.event.CanonicalEvent.InventoryItemDeleted;
import dev.edm.event.CanonicalEvent.InventoryItemUpdated;
import dev.edm.event.CanonicalEvent.ProductDeleted;
import dev.edm.event.CanonicalEvent.ProductUpserted;
import dev.edm.event.CanonicalEvent.SaleRecorded;
import dev.edm.event.CanonicalEvent.SaleReversed;
import dev.edm.event.CanonicalEvent.StockLevelChanged;
import dev.edm.event.CanonicalEvent.StockLevelDisconnected;
import dev.edm.event.CanonicalEvent.StoreDisconnected;
import dev.edm.event.CanonicalEvent.Variant;
import dev.edm.event.Platform;
import dev.edm.event.StoreKey;
import dev.edm.platform.JsonFields;
import dev.edm.platform.SyncTopics;
import dev.edm.platform.UnreadablePayloadException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shopify payloads (REST serialization) to canonical events, topic by topic. */
final class ShopifyPayloads {
    /** The topic given to the original tool's simplified test format, which arrives without a topic header. */
    static final String LEGACY_PRODUCTS = "edm/legacy-products";

    private static final Pattern LEVEL_GID =
            Pattern.compile("gid://shopify/InventoryLevel/(\\d+)\\?inventory_item_id=(\\d+)");

    private ShopifyPayloads() {}

    static List<CanonicalEvent> interpret(String topic, String shop, byte[] body, Instant receivedAt) {
        StoreKey store = new StoreKey(Platform.SHOPIFY, shop);
        JsonNode json = JsonFields.parse(body);
        return switch (topic) {
            case "products/create", "products/update", SyncTopics.PRODUCT -> List.of(product(store, json, receivedAt));
            case "products/delete", SyncTopics.PRODUCT_DELETED ->
                List.of(new ProductDeleted(store, receivedAt, required(id(json, "id"), "id")));
            case "inventory_levels/update", "inventory_levels/connect", SyncTopics.INVENTORY_LEVEL ->
                List.of(level(store, json, receivedAt));
            case "inventory_levels/disconnect" -> List.of(disconnect(store, json, receivedAt));
            case "inventory_items/create", "inventory_items/update" ->
                List.of(new InventoryItemUpdated(
                        store, at(json, "updated_at", receivedAt), required(id(json, "id"), "id"), text(json, "sku")));
            case "inventory_items/delete" ->
                List.of(new InventoryItemDeleted(store, receivedAt, required(id(json, "id"), "id")));
            case "orders/create", "orders/paid", "orders/updated", "orders/cancelled", SyncTopics.ORDER ->
                order(store, json, receivedAt);
            case "refunds/create" -> refund(store, json, required(id(json, "order_id"), "order_id"), receivedAt);
            case "app/uninstalled" -> List.of(new StoreDisconnected(store, receivedAt));
            case LEGACY_PRODUCTS -> legacyProducts(store, json, receivedAt);
            default -> List.of();
        };
    }

    private static ProductUpserted product(StoreKey store, JsonNode json, Instant receivedAt) {
        String productId = required(id(json, "id"), "id");
        String title = text(json, "title");
        List<Variant> variants = new ArrayList<>();
        for (JsonNode v : json.path("variants")) {
            String variantId = required(id(v, "id"), "variants[].id");
            variants.add(new Variant(
                    variantId,
                    text(v, "sku"),
                    variantTitle(title, text(v, "title")),
                    money(v, "price", text(json, "currency")),
                    id(v, "inventory_item_id"),
                    integer(v, "inventory_quantity")));
        }
        return new ProductUpserted(
                store, at(json, "updated_at", receivedAt), productId, title, text(json, "status"), variants);
    }

    static String variantTitle(String product, String variant) {
        if (variant == null || variant.equals("Default Title")) {
            return product;
        }
        return product == null ? variant : product + " - " + variant;
    }

    private static StockLevelChanged level(StoreKey store, JsonNode json, Instant receivedAt) {
        String[] ids = levelIds(json);
        return new StockLevelChanged(
                store, at(json, "updated_at", receivedAt), ids[0], ids[1], integer(json, "available"));
    }

    private static StockLevelDisconnected disconnect(StoreKey store, JsonNode json, Instant receivedAt) {
        String[] ids = levelIds(json);
        return new StockLevelDisconnected(store, receivedAt, ids[0], ids[1]);
    }

    /** Item and location ids; the GraphQL id, when present, is exact even where a number lost digits upstream. */
    private static String[] levelIds(JsonNode json) {
        String gid = text(json, "admin_graphql_api_id");
        if (gid != null) {
            Matcher m = LEVEL_GID.matcher(gid);
            if (m.matches()) {
                return new String[] {m.group(2), m.group(1)};
            }
        }
        return new String[] {
            required(id(json, "inventory_item_id"), "inventory_item_id"),
            required(id(json, "location_id"), "location_id")
        };
    }

    private static List<CanonicalEvent> order(StoreKey store, JsonNode json, Instant receivedAt) {
        String orderId = required(id(json, "id"), "id");
        String currency = text(json, "currency");
        Instant soldAt = at(json, "processed_at", at(json, "created_at", receivedAt));
        List<CanonicalEvent> events = new ArrayList<>();
        for (JsonNode line : json.path("line_items")) {
            Integer quantity = integer(line, "quantity");
            if (quantity == null || quantity <= 0) {
                continue;
            }
            events.add(new SaleRecorded(
                    store,
                    soldAt,
                    orderId,
                    required(id(line, "id"), "line_items[].id"),
                    id(line, "variant_id"),
                    text(line, "sku"),
                    quantity,
                    money(line, "price", currency)));
        }
        for (JsonNode refund : json.path("refunds")) {
            events.addAll(refund(store, refund, orderId, receivedAt));
        }
        Instant cancelledAt = time(json, "cancelled_at");
        if (cancelledAt != null) {
            events.add(new SaleReversed(store, cancelledAt, orderId, null, "cancel", null));
        }
        return events;
    }

    private static List<CanonicalEvent> refund(StoreKey store, JsonNode json, String orderId, Instant receivedAt) {
        String refundId = required(id(json, "id"), "refund id");
        Instant at = at(json, "created_at", receivedAt);
        List<CanonicalEvent> events = new ArrayList<>();
        for (JsonNode line : json.path("refund_line_items")) {
            String lineId = required(id(line, "line_item_id"), "refund_line_items[].line_item_id");
            Integer quantity = integer(line, "quantity");
            if (quantity != null && quantity > 0) {
                events.add(new SaleReversed(store, at, orderId, lineId, "refund:" + refundId + ":" + lineId, quantity));
            }
        }
        return events;
    }

    /** {@code {"products":[{"id":..,"title":..,"inventory_quantity":..}]}} or with {@code variants}: the old tool's format. */
    private static List<CanonicalEvent> legacyProducts(StoreKey store, JsonNode json, Instant receivedAt) {
        JsonNode products = json.get("products");
        if (products == null || !products.isArray()) {
            throw new UnreadablePayloadException("expected a \"products\" array");
        }
        List<CanonicalEvent> events = new ArrayList<>();
        for (JsonNode p : products) {
            String productId = required(id(p, "id"), "products[].id");
            String title = text(p, "title");
            List<Variant> variants = new ArrayList<>();
            if (p.has("variants")) {
                for (JsonNode v : p.path("variants")) {
                    variants.add(new Variant(
                            required(id(v, "id"), "variants[].id"),
                            text(v, "sku"),
                            variantTitle(title, text(v, "title")),
                            money(v, "price", null),
                            id(v, "inventory_item_id"),
                            integer(v, "inventory_quantity")));
                }
            } else {
                variants.add(new Variant(
                        productId,
                        text(p, "sku"),
                        title,
                        money(p, "price", null),
                        null,
                        integer(p, "inventory_quantity")));
            }
            events.add(new ProductUpserted(store, receivedAt, productId, title, "active", variants));
        }
        return events;
    }

    private static Instant at(JsonNode json, String field, Instant fallback) {
        Instant t = time(json, field);
        return t == null ? fallback : t;
    }
}
