package dev.edm.platform.bigcommerce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edm.event.CanonicalEvent;
import dev.edm.event.CanonicalEvent.ProductDeleted;
import dev.edm.event.Platform;
import dev.edm.event.StoreKey;
import dev.edm.platform.DetailRequest;
import dev.edm.platform.JsonFields;
import dev.edm.platform.UnreadablePayloadException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * BigCommerce's thin payloads ({@code {scope, data:{type, id, ...}}}): which product or order each scope names.
 * Only a product deletion means something by itself; everything else is re-read from the API, because the
 * payload's {@code inventory.value} is not reliable (the samples say "absolute" even for order updates).
 */
final class BigCommerceThin {
    static final String PRODUCT_DELETED = "store/product/deleted";
    private static final Set<String> PRODUCT_SCOPES = Set.of(
            "store/product/created",
            "store/product/updated",
            "store/product/inventory/updated",
            "store/product/inventory/order/updated",
            "store/sku/created",
            "store/sku/updated",
            "store/sku/deleted",
            "store/sku/inventory/updated",
            "store/sku/inventory/order/updated");
    private static final Pattern CHANNEL_STOCK = Pattern.compile("store/channel/[^/]+/inventory/product/stock_changed");
    private static final Set<String> ORDER_SCOPES = Set.of(
            "store/order/created", "store/order/updated", "store/order/statusUpdated", "store/order/refund/created");
    private static final Pattern NUMERIC_ID = Pattern.compile("[1-9][0-9]{0,18}");

    private BigCommerceThin() {}

    static boolean handles(String scope) {
        return PRODUCT_SCOPES.contains(scope)
                || ORDER_SCOPES.contains(scope)
                || PRODUCT_DELETED.equals(scope)
                || CHANNEL_STOCK.matcher(scope).matches();
    }

    /** The events a thin payload means by itself: only product deletion. */
    static List<CanonicalEvent> events(String scope, String store, JsonNode json, Instant receivedAt) {
        if (!PRODUCT_DELETED.equals(scope)) {
            return List.of();
        }
        // our clock, like the times of the documents we read, so "newest wins" compares like with like
        return List.of(new ProductDeleted(
                new StoreKey(Platform.BIGCOMMERCE, store), receivedAt, numericId(json.get("data"), "id", "data.id")));
    }

    /** The product or order to read for this scope. */
    static List<DetailRequest> requests(String scope, JsonNode json) {
        JsonNode data = json.get("data");
        if (ORDER_SCOPES.contains(scope)) {
            return List.of(new DetailRequest("order", numericId(data, "id", "data.id")));
        }
        if (PRODUCT_SCOPES.contains(scope)) {
            return List.of(new DetailRequest("product", productId(data)));
        }
        if (CHANNEL_STOCK.matcher(scope).matches()) {
            return List.of(new DetailRequest("product", numericId(data, "product_id", "data.product_id")));
        }
        return List.of();
    }

    /** Product scopes name the product; SKU scopes name the SKU and carry its product under sku or inventory. */
    private static String productId(JsonNode data) {
        if ("sku".equals(JsonFields.text(data, "type"))) {
            for (String holder : List.of("sku", "inventory")) {
                JsonNode node = data.get(holder);
                if (node != null && node.isObject() && JsonFields.id(node, "product_id") != null) {
                    return numericId(node, "product_id", "data." + holder + ".product_id");
                }
            }
            throw new UnreadablePayloadException(
                    "a SKU payload without data.sku.product_id or data.inventory.product_id");
        }
        return numericId(data, "id", "data.id");
    }

    static String numericId(JsonNode node, String field, String name) {
        String id = node == null ? null : JsonFields.id(node, field);
        if (id == null || !NUMERIC_ID.matcher(id).matches()) {
            throw new UnreadablePayloadException(name + " is not a BigCommerce id: " + id);
        }
        return id;
    }
}
