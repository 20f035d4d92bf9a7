package dev.edm.inventory;

import dev.edm.event.CanonicalEvent.ProductVariantsListed;
import dev.edm.event.CanonicalEvent.VariantUpserted;
import dev.edm.event.Provenance;
import dev.edm.inventory.StateBatch.VariantRow;
import java.sql.SQLException;
import java.util.Set;

/**
 * Catalog changes that describe only part of a product (WooCommerce sends each variation on its own and a
 * variable product with only the ids of its variations). Stale descriptions are skipped per variant.
 */
final class PartialCatalog {
    private PartialCatalog() {}

    /** One variant, unless a newer description of it was already applied; its siblings are untouched. */
    static void variant(StateBatch b, Provenance p, VariantUpserted e, Set<VariantRef> changed) throws SQLException {
        long at = e.at().toEpochMilli();
        VariantRow current = b.variant(e.store().id(), e.variant().variantId());
        if (current != null && current.productUpdatedAt > at) {
            return;
        }
        InventoryStore.upsertVariant(b, p, e.store().id(), e.productId(), e.status(), e.variant(), at, changed);
    }

    /**
     * The product's variants not listed are gone, and listed ones deleted before the list was made are back (a
     * restored product); variants described after the list was made are left as they are.
     */
    static void listed(StateBatch b, Provenance p, ProductVariantsListed e, Set<VariantRef> changed)
            throws SQLException {
        String store = e.store().id();
        long at = e.at().toEpochMilli();
        InventoryStore.markGone(b, p, store, e.productId(), Set.copyOf(e.variantIds()), at, changed);
        for (String variantId : e.variantIds()) {
            VariantRow row = b.variant(store, variantId);
            if (row != null && e.productId().equals(row.productId) && row.deleted && row.productUpdatedAt <= at) {
                row.deleted = false;
                row.deliveryId = p.deliveryId();
                b.changed(row);
                changed.add(new VariantRef(store, variantId));
            }
        }
    }
}
