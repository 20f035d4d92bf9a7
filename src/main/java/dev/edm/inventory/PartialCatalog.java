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

    /** The product's variants not listed are gone (those described after the list was made are kept). */
    static void listed(Session s, Provenance p, ProductVariantsListed e, Set<VariantRef> changed) throws SQLException {
        InventoryStore.markGone(
                s, p, e.store().id(), e.productId(), Set.copyOf(e.variantIds()), e.at().toEpochMilli(), changed);
    }
}
