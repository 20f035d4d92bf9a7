package dev.edm.inventory;

import dev.edm.event.CanonicalEvent.VariantRevised;
import dev.edm.event.Provenance;
import dev.edm.inventory.StateBatch.VariantRow;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Set;

/**
 * Applies partial variant descriptions: given fields replace what is known, missing ones stay, and a revision
 * older than the variant's last description is skipped (newest platform time wins).
 */
final class VariantRevisions {
    private VariantRevisions() {}

    static void apply(StateBatch b, Provenance p, VariantRevised e, Set<VariantRef> changed) throws SQLException {
        String store = e.store().id();
        long at = e.at().toEpochMilli();
        VariantRow row = b.variant(store, e.variantId());
        String skuBefore = row == null ? null : Objects.requireNonNullElse(row.sku, "");
        if (row == null) {
            row = b.newVariant(store, e.variantId(), e.productId(), e.inventoryItemId(), e.sku());
            row.title = e.title();
            row.price = e.price() == null ? null : e.price().amount().toPlainString();
            row.currency = e.price() == null ? null : e.price().currency();
            row.firstSeen = p.receivedAt().toEpochMilli();
        } else {
            if (row.productUpdatedAt > at) {
                return; // a newer description of this variant was already applied
            }
            if (e.sku() != null) {
                b.setSku(row, e.sku());
            }
            if (e.title() != null) {
                row.title = e.title();
            }
            if (e.price() != null) {
                row.price = e.price().amount().toPlainString();
                row.currency = e.price().currency();
            }
            if (row.inventoryItemId == null) {
                b.setItem(row, e.inventoryItemId());
            }
        }
        row.deleted = false;
        row.productUpdatedAt = at;
        row.deliveryId = p.deliveryId();
        b.changed(row);
        InventoryStore.recomputeStock(b, row);
        if (skuBefore == null || (e.sku() != null && !Objects.equals(skuBefore, e.sku()))) {
            b.recomputeLastSale(row);
        }
        changed.add(new VariantRef(store, e.variantId()));
    }
}
