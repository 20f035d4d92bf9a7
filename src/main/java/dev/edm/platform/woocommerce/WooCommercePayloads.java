package dev.edm.platform.woocommerce;

import static dev.edm.platform.JsonFields.id;
import static dev.edm.platform.JsonFields.integer;
import static dev.edm.platform.JsonFields.money;
import static dev.edm.platform.JsonFields.required;
import static dev.edm.platform.JsonFields.text;
import static dev.edm.platform.JsonFields.utcTime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edm.event.CanonicalEvent;
import dev.edm.event.CanonicalEvent.ProductDeleted;
import dev.edm.event.CanonicalEvent.ProductUpserted;
import dev.edm.event.CanonicalEvent.ProductVariantsListed;
import dev.edm.event.CanonicalEvent.SaleRecorded;
import dev.edm.event.CanonicalEvent.SaleReversed;
import dev.edm.event.CanonicalEvent.Variant;
import dev.edm.event.CanonicalEvent.VariantUpserted;
import dev.edm.event.Platform;
import dev.edm.event.StoreKey;
import dev.edm.platform.JsonFields;
import dev.edm.platform.SyncTopics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * WooCommerce payloads (the REST API v3 representation of the resource) to canonical events, topic by topic.
 *
 * <p>Products: a simple (or any other single) product is its own only variant; a variation is one variant of its
 * parent; a variable product only lists its variations' ids. Stock is {@code stock_quantity} when the product
 * manages stock; without managed stock it is unknown, except {@code stock_status: outofstock}, which the merchant
 * set by hand and which is taken as 0 available so the out-of-stock rule applies.
 *
 * <p>Orders: a line counts as sold once the order is paid (status processing or completed, or any status once
 * WooCommerce recorded a payment date); a paid order that becomes cancelled, refunded or failed is reversed whole.
 */
final class WooCommercePayloads {
    private static final Set<String> PAID = Set.of("processing", "completed");
    private static final Set<String> REVERSING = Set.of("cancelled", "refunded", "failed");

    private WooCommercePayloads() {}

    static List<CanonicalEvent> interpret(String topic, String host, byte[] body, Instant receivedAt) {
        StoreKey store = new StoreKey(Platform.WOOCOMMERCE, host);
        JsonNode json = JsonFields.parse(body);
        return switch (topic) {
            case "product.created", "product.updated", "product.restored", "product.published", SyncTopics.PRODUCT ->
                List.of(product(store, json, receivedAt));
            case "product.deleted", SyncTopics.PRODUCT_DELETED ->
                List.of(new ProductDeleted(store, receivedAt, required(id(json, "id"), "id")));
            case "order.created", "order.updated", SyncTopics.ORDER -> order(store, json, receivedAt);
            default -> List.of();
        };
    }

    private static CanonicalEvent product(StoreKey store, JsonNode json, Instant receivedAt) {
        String productId = required(id(json, "id"), "id");
        Instant at = at(json, "date_modified_gmt", receivedAt);
        String type = lower(text(json, "type"));
        String status = status(text(json, "status"));
        if (type != null && type.endsWith("variation")) {
            String parent = positive(id(json, "parent_id"));
            return new VariantUpserted(
                    store, at, required(parent, "parent_id of the variation"), status, variant(json, productId));
        }
        JsonNode variations = json.path("variations");
        if ((type != null && type.startsWith("variable")) || !variations.isEmpty()) {
            return new ProductVariantsListed(store, at, productId, variationIds(variations));
        }
        List<Variant> variants = "grouped".equals(type) ? List.of() : List.of(variant(json, productId));
        return new ProductUpserted(store, at, productId, text(json, "name"), status, variants);
    }

    private static Variant variant(JsonNode json, String id) {
        return new Variant(id, text(json, "sku"), text(json, "name"), money(json, "price", null), null, stock(json));
    }

    /** Managed stock as given; unmanaged stock is unknown (null) unless marked out of stock (0). */
    static Integer stock(JsonNode json) {
        JsonNode manage = json.path("manage_stock");
        boolean managed = manage.asBoolean(false) || "parent".equalsIgnoreCase(manage.asText());
        Integer quantity = managed ? integer(json, "stock_quantity") : null;
        if (quantity != null) {
            return quantity;
        }
        String stockStatus = text(json, "stock_status");
        // API v1 has a boolean in_stock instead of stock_status
        boolean outOfStock = stockStatus != null
                ? stockStatus.equalsIgnoreCase("outofstock")
                : !json.path("in_stock").asBoolean(true);
        return outOfStock ? 0 : null;
    }

    /** {@code publish} is WooCommerce's live product; draft, pending, private and future are not monitored. */
    private static String status(String status) {
        String s = lower(status);
        return "publish".equals(s) ? "active" : s;
    }

    private static List<String> variationIds(JsonNode variations) {
        List<String> ids = new ArrayList<>();
        for (JsonNode v : variations) {
            String id = v.isObject()
                    ? id(v, "id")
                    : v.isValueNode() && !v.isNull() ? v.asText().strip() : null;
            ids.add(required(id, "variations[] id"));
        }
        return ids;
    }

    private static List<CanonicalEvent> order(StoreKey store, JsonNode json, Instant receivedAt) {
        String orderId = required(id(json, "id"), "id");
        String status = Objects.requireNonNullElse(lower(text(json, "status")), "");
        boolean paid = PAID.contains(status) || text(json, "date_paid_gmt") != null || text(json, "date_paid") != null;
        if (!paid) {
            return List.of(); // pending, on-hold, failed before payment...: not a sale (yet)
        }
        String currency = text(json, "currency");
        Instant soldAt = at(json, "date_paid_gmt", at(json, "date_created_gmt", receivedAt));
        List<CanonicalEvent> events = new ArrayList<>();
        for (JsonNode line : json.path("line_items")) {
            Integer quantity = integer(line, "quantity");
            if (quantity == null || quantity <= 0) {
                continue;
            }
            String variation = positive(id(line, "variation_id"));
            events.add(new SaleRecorded(
                    store,
                    soldAt,
                    orderId,
                    required(id(line, "id"), "line_items[].id"),
                    variation != null ? variation : positive(id(line, "product_id")),
                    text(line, "sku"),
                    quantity,
                    money(line, "price", currency)));
        }
        if (REVERSING.contains(status)) {
            Instant at = at(json, "date_modified_gmt", receivedAt);
            events.add(new SaleReversed(store, at, orderId, null, "status:" + status, null));
        }
        return events;
    }

    /** An id that is set: WooCommerce writes 0 for "none" (no variation, a deleted product, no parent). */
    private static String positive(String id) {
        return id == null || id.chars().allMatch(c -> c == '0') ? null : id;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static Instant at(JsonNode json, String field, Instant fallback) {
        Instant t = utcTime(json, field);
        return t == null ? fallback : t;
    }
}
