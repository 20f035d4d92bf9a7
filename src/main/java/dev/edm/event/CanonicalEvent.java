package dev.edm.event;

import java.time.Instant;
import java.util.List;

/**
 * Platform-neutral facts derived from deliveries. Adapters produce them; inventory and alerts consume them.
 * Every event names its store and the time the platform says it happened (or, failing that, when the
 * delivery was received), so applying the same deliveries again gives the same state.
 */
public sealed interface CanonicalEvent {
    StoreKey store();

    Instant at();

    /** A product and its full list of variants as the platform now describes them. */
    record ProductUpserted(
            StoreKey store, Instant at, String productId, String title, String status, List<Variant> variants)
            implements CanonicalEvent {
        public ProductUpserted {
            variants = List.copyOf(variants);
        }
    }

    /**
     * One sellable variant.
     *
     * @param title "product - variant", or the product title when the variant is the default one
     * @param inventoryQuantity total available across locations when the payload carries it, else null
     */
    record Variant(
            String variantId,
            String sku,
            String title,
            Money price,
            String inventoryItemId,
            Integer inventoryQuantity) {}

    /**
     * One variant as the platform now describes it, leaving the product's other variants as they are (a
     * WooCommerce variation arrives on its own, not with its siblings).
     *
     * @param status the status of this variant's listing, as for {@link ProductUpserted}
     */
    record VariantUpserted(StoreKey store, Instant at, String productId, String status, Variant variant)
            implements CanonicalEvent {}

    /**
     * The ids of the variants a product now has, without their details (a WooCommerce variable product): the
     * product's variants not listed are gone; the listed ones are described by their own {@link VariantUpserted}.
     */
    record ProductVariantsListed(StoreKey store, Instant at, String productId, List<String> variantIds)
            implements CanonicalEvent {
        public ProductVariantsListed {
            variantIds = List.copyOf(variantIds);
        }
    }

    /**
     * Part of what a marketplace says about one variant (e.g. an eBay price revision or availability change):
     * null fields leave what is known unchanged. The variant is created when new.
     *
     * @param inventoryItemId the item its stock levels are reported under (set only when none is known)
     */
    record VariantRevised(
            StoreKey store,
            Instant at,
            String productId,
            String variantId,
            String sku,
            String title,
            Money price,
            String inventoryItemId)
            implements CanonicalEvent {}

    /** The product and all its variants are gone. */
    record ProductDeleted(StoreKey store, Instant at, String productId) implements CanonicalEvent {}

    /** Available quantity of an inventory item at a location; {@code available} may be null or negative. */
    record StockLevelChanged(StoreKey store, Instant at, String inventoryItemId, String locationId, Integer available)
            implements CanonicalEvent {}

    /** The inventory item is no longer stocked at the location. */
    record StockLevelDisconnected(StoreKey store, Instant at, String inventoryItemId, String locationId)
            implements CanonicalEvent {}

    /** The SKU of an inventory item changed. */
    record InventoryItemUpdated(StoreKey store, Instant at, String inventoryItemId, String sku)
            implements CanonicalEvent {}

    /** The inventory item was removed. */
    record InventoryItemDeleted(StoreKey store, Instant at, String inventoryItemId) implements CanonicalEvent {}

    /** A sold line: counted once per (order, line) however many topics report it. */
    record SaleRecorded(
            StoreKey store,
            Instant at,
            String orderId,
            String lineId,
            String variantId,
            String sku,
            int quantity,
            Money unitPrice)
            implements CanonicalEvent {}

    /**
     * Units of a sold line taken back (cancellation, refund); {@code reversalId} makes it idempotent.
     * A null {@code lineId} reverses every line of the order.
     */
    record SaleReversed(StoreKey store, Instant at, String orderId, String lineId, String reversalId, Integer quantity)
            implements CanonicalEvent {}

    /** The store removed edm (e.g. Shopify app/uninstalled). */
    record StoreDisconnected(StoreKey store, Instant at) implements CanonicalEvent {}

    /**
     * A listing on a platform that identifies products by SKU only (Amazon): the variant whose variant id and
     * inventory item id are both the SKU. Null fields are unknown and leave what is stored. A status
     * ({@code active}, {@code inactive} or {@code deleted}) applies unless a newer status was already applied.
     *
     * @param productId the platform's product id (an ASIN), or null
     */
    record ListingChanged(StoreKey store, Instant at, String sku, String productId, String title, String status)
            implements CanonicalEvent {}

    /**
     * Prices seen for an item on a marketplace at a moment (offer changes, pricing health), kept for price
     * alerts. Any price may be null when the notification does not carry it.
     *
     * @param source what reported it, e.g. the notification type
     * @param ownPrice this store's landed price (listing price plus shipping)
     * @param competitivePrice the price above which the offer loses featured-offer eligibility, when known
     * @param issue the pricing issue reported with it (e.g. {@code BuyBoxDisqualification}), or null
     */
    record PriceObserved(
            StoreKey store,
            Instant at,
            String marketplaceId,
            String productId,
            String condition,
            String source,
            Money ownPrice,
            Money buyBoxPrice,
            Money lowestPrice,
            Money competitivePrice,
            Integer offerCount,
            String issue)
            implements CanonicalEvent {}
}
