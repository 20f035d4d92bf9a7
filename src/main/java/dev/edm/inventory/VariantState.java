package dev.edm.inventory;

import java.time.Instant;

/**
 * What edm knows about one variant: catalog data, total stock (null when unknown), last sale, first seen.
 *
 * @param store the store key, e.g. {@code shopify:shop-a.myshopify.com}
 */
public record VariantState(
        String store,
        String variantId,
        String productId,
        String sku,
        String title,
        String price,
        String currency,
        String inventoryItemId,
        String status,
        boolean deleted,
        Instant firstSeen,
        Instant updatedAt,
        Integer stockTotal,
        Instant lastSaleAt) {

    public String platform() {
        return store.substring(0, store.indexOf(':'));
    }

    /** Whether stock rules apply: the variant exists and its product is not a draft or archived. */
    public boolean monitored() {
        return !deleted && (status == null || status.equalsIgnoreCase("active"));
    }
}
