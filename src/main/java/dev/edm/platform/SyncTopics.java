package dev.edm.platform;

/**
 * Topics of the deliveries reconciliation ({@code edm sync}) stores: what a platform's API says about one
 * resource, in the shape that platform's webhooks (or, for BigCommerce, its fetched documents) use, so each
 * adapter interprets them with the same code as its webhooks.
 */
public final class SyncTopics {
    /** A product (Shopify, WooCommerce: the REST resource; BigCommerce: the fetched-product document). */
    public static final String PRODUCT = "edm/sync/product";
    /** A product that the API no longer lists: body {@code {"id": ...}} (BigCommerce: a not-found document). */
    public static final String PRODUCT_DELETED = "edm/sync/product_deleted";
    /** A Shopify inventory level (REST InventoryLevel). */
    public static final String INVENTORY_LEVEL = "edm/sync/inventory_level";
    /** An order (Shopify, WooCommerce: the REST resource; BigCommerce: the fetched-order document). */
    public static final String ORDER = "edm/sync/order";

    private SyncTopics() {}
}
