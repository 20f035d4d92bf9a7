package dev.edm.inventory;

import dev.edm.event.CanonicalEvent.VariantRevised;
import dev.edm.event.Provenance;
import dev.edm.storage.Session;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Set;

/**
 * Applies partial variant descriptions: given fields replace what is known, missing ones stay, and a revision
 * older than the variant's last description is skipped (newest platform time wins).
 */
final class VariantRevisions {
    private VariantRevisions() {}

    static void apply(Session s, Provenance p, VariantRevised e, Set<VariantRef> changed) throws SQLException {
        String store = e.store().id();
        String skuBefore = s.queryOne(
                        "SELECT coalesce(sku, '') FROM variant WHERE store = ? AND variant_id = ?",
                        rs -> rs.getString(1),
                        store,
                        e.variantId())
                .orElse(null);
        int written = s.update(
                "INSERT INTO variant (store, variant_id, product_id, sku, title, price, currency, inventory_item_id, "
                        + "status, deleted, first_seen, product_updated_at, variant_quantity, delivery_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, ?, ?, NULL, ?) "
                        + "ON CONFLICT (store, variant_id) DO UPDATE SET "
                        + "sku = coalesce(excluded.sku, variant.sku), title = coalesce(excluded.title, variant.title), "
                        + "price = coalesce(excluded.price, variant.price), "
                        + "currency = CASE WHEN excluded.price IS NULL THEN variant.currency ELSE excluded.currency END, "
                        + "inventory_item_id = coalesce(variant.inventory_item_id, excluded.inventory_item_id), "
                        + "deleted = 0, product_updated_at = excluded.product_updated_at, "
                        + "delivery_id = excluded.delivery_id "
                        + "WHERE variant.product_updated_at <= excluded.product_updated_at",
                store,
                e.variantId(),
                e.productId(),
                e.sku(),
                e.title(),
                e.price() == null ? null : e.price().amount().toPlainString(),
                e.price() == null ? null : e.price().currency(),
                e.inventoryItemId(),
                p.receivedAt().toEpochMilli(),
                e.at().toEpochMilli(),
                p.deliveryId());
        if (written == 0) {
            return; // a newer description of this variant was already applied
        }
        InventoryStore.recomputeStock(s, store, e.variantId());
        if (skuBefore == null || (e.sku() != null && !Objects.equals(skuBefore, e.sku()))) {
            InventoryStore.recomputeLastSale(s, store, e.variantId());
        }
        changed.add(new VariantRef(store, e.variantId()));
    }
}
