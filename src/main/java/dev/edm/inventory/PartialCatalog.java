package dev.edm.inventory;

import dev.edm.event.CanonicalEvent.ProductVariantsListed;
import dev.edm.event.CanonicalEvent.VariantUpserted;
import dev.edm.event.Provenance;
import dev.edm.storage.Session;
import dev.edm.storage.Sql;
import java.sql.SQLException;
import java.util.Set;

/**
 * Catalog changes that describe only part of a product (WooCommerce sends each variation on its own and a
 * variable product with only the ids of its variations). Stale descriptions are skipped per variant.
 */
final class PartialCatalog {
    private PartialCatalog() {}

    /** One variant, unless a newer description of it was already applied; its siblings are untouched. */
    static void variant(Session s, Provenance p, VariantUpserted e, Set<VariantRef> changed) throws SQLException {
        long at = e.at().toEpochMilli();
        Long current = s.queryOne(
                        "SELECT product_updated_at FROM variant WHERE store = ? AND variant_id = ?",
                        rs -> Sql.getLong(rs, 1),
                        e.store().id(),
                        e.variant().variantId())
                .orElse(null);
        if (current != null && current > at) {
            return;
        }
        InventoryStore.upsertVariant(s, p, e.store(), e.productId(), e.status(), e.variant(), at, changed);
    }

    /**
     * The product's variants not listed are gone, and listed ones deleted before the list was made are back (a
     * restored product); variants described after the list was made are left as they are.
     */
    static void listed(Session s, Provenance p, ProductVariantsListed e, Set<VariantRef> changed) throws SQLException {
        String store = e.store().id();
        long at = e.at().toEpochMilli();
        InventoryStore.markGone(s, p, store, e.productId(), Set.copyOf(e.variantIds()), at, changed);
        for (String variantId : e.variantIds()) {
            int restored = s.update(
                    "UPDATE variant SET deleted = 0, delivery_id = ? WHERE store = ? AND variant_id = ? "
                            + "AND product_id = ? AND deleted = 1 AND product_updated_at <= ?",
                    p.deliveryId(),
                    store,
                    variantId,
                    e.productId(),
                    at);
            if (restored > 0) {
                changed.add(new VariantRef(store, variantId));
            }
        }
    }
}
