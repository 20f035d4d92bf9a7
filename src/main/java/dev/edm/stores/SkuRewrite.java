package dev.edm.stores;

import dev.edm.event.CanonicalEvent;
import dev.edm.event.CanonicalEvent.InventoryItemUpdated;
import dev.edm.event.CanonicalEvent.ListingChanged;
import dev.edm.event.CanonicalEvent.ProductUpserted;
import dev.edm.event.CanonicalEvent.SaleRecorded;
import dev.edm.event.CanonicalEvent.StockLevelChanged;
import dev.edm.event.CanonicalEvent.StockLevelDisconnected;
import dev.edm.event.CanonicalEvent.Variant;
import dev.edm.event.CanonicalEvent.VariantRevised;
import dev.edm.event.CanonicalEvent.VariantUpserted;
import dev.edm.event.DeliveryEvents;
import dev.edm.event.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replaces channel SKUs with canonical ones in the SKU fields of events. On a platform whose listings are
 * identified by their SKU (Amazon: variant id and inventory item id are the SKU) those ids are replaced too,
 * so the listing, its stock and its sales stay joined.
 */
final class SkuRewrite {
    private SkuRewrite() {}

    static DeliveryEvents apply(DeliveryEvents delivery, Map<String, Map<String, String>> byStore) {
        List<CanonicalEvent> events = null;
        for (int i = 0; i < delivery.events().size(); i++) {
            CanonicalEvent e = delivery.events().get(i);
            Map<String, String> skus = byStore.get(e.store().id().toLowerCase(Locale.ROOT));
            CanonicalEvent mapped =
                    skus == null ? e : rewrite(e, skus, e.store().platform() == Platform.AMAZON);
            if (mapped != e && events == null) {
                events = new ArrayList<>(delivery.events().subList(0, i));
            }
            if (events != null) {
                events.add(mapped);
            }
        }
        return events == null ? delivery : new DeliveryEvents(delivery.provenance(), events);
    }

    static CanonicalEvent rewrite(CanonicalEvent event, Map<String, String> skus, boolean skuIsId) {
        return switch (event) {
            case ProductUpserted e ->
                new ProductUpserted(
                        e.store(),
                        e.at(),
                        e.productId(),
                        e.title(),
                        e.status(),
                        e.variants().stream().map(v -> variant(v, skus)).toList());
            case VariantUpserted e ->
                new VariantUpserted(e.store(), e.at(), e.productId(), e.status(), variant(e.variant(), skus));
            case VariantRevised e ->
                new VariantRevised(
                        e.store(),
                        e.at(),
                        e.productId(),
                        skuIsId ? sku(e.variantId(), skus) : e.variantId(),
                        sku(e.sku(), skus),
                        e.title(),
                        e.price(),
                        skuIsId ? sku(e.inventoryItemId(), skus) : e.inventoryItemId());
            case InventoryItemUpdated e ->
                new InventoryItemUpdated(e.store(), e.at(), e.inventoryItemId(), sku(e.sku(), skus));
            case SaleRecorded e ->
                new SaleRecorded(
                        e.store(),
                        e.at(),
                        e.orderId(),
                        e.lineId(),
                        skuIsId ? sku(e.variantId(), skus) : e.variantId(),
                        sku(e.sku(), skus),
                        e.quantity(),
                        e.unitPrice());
            case ListingChanged e ->
                new ListingChanged(e.store(), e.at(), sku(e.sku(), skus), e.productId(), e.title(), e.status());
            case StockLevelChanged e
            when skuIsId ->
                new StockLevelChanged(e.store(), e.at(), sku(e.inventoryItemId(), skus), e.locationId(), e.available());
            case StockLevelDisconnected e
            when skuIsId ->
                new StockLevelDisconnected(e.store(), e.at(), sku(e.inventoryItemId(), skus), e.locationId());
            default -> event;
        };
    }

    private static Variant variant(Variant v, Map<String, String> skus) {
        return new Variant(
                v.variantId(), sku(v.sku(), skus), v.title(), v.price(), v.inventoryItemId(), v.inventoryQuantity());
    }

    private static String sku(String sku, Map<String, String> skus) {
        return sku == null ? null : skus.getOrDefault(sku, sku);
    }
}
