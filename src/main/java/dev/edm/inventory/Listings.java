package dev.edm.inventory;

import dev.edm.event.CanonicalEvent.ListingChanged;
import dev.edm.event.Provenance;
import dev.edm.storage.Session;
import java.sql.SQLException;
import java.util.Set;

/**
 * Listings of SKU-keyed platforms: the variant row whose variant id and inventory item id are the SKU, so
 * stock levels (keyed by inventory item) and sold lines (keyed by variant) of that SKU land on it. Known
 * fields fill in what is stored; a status applies only when it is not older than the stored description.
 */
final class Listings {
    private Listings() {}

    static void apply(Session s, Provenance p, ListingChanged e, Set<VariantRef> changed) throws SQLException {
        String store = e.store().id();
        long seen = p.receivedAt().toEpochMilli();
        // product_updated_at 0: no status seen yet, so the first status applies whatever its time
        boolean created = s.update(
                        "INSERT INTO variant (store, variant_id, product_id, sku, title, inventory_item_id, status, "
                                + "deleted, first_seen, product_updated_at, delivery_id) "
                                + "VALUES (?, ?, ?, ?, ?, ?, NULL, 0, ?, 0, ?) "
                                + "ON CONFLICT (store, variant_id) DO NOTHING",
                        store,
                        e.sku(),
                        e.productId() == null ? e.sku() : e.productId(),
                        e.sku(),
                        e.title(),
                        e.sku(),
                        seen,
                        p.deliveryId())
                > 0;
        if (!created) {
            s.update(
                    "UPDATE variant SET product_id = coalesce(?, product_id), title = coalesce(?, title), "
                            + "first_seen = CASE WHEN first_seen > ? THEN ? ELSE first_seen END "
                            + "WHERE store = ? AND variant_id = ?",
                    e.productId(),
                    e.title(),
                    seen,
                    seen,
                    store,
                    e.sku());
        }
        boolean statusApplied = e.status() != null
                && s.update(
                                "UPDATE variant SET status = ?, deleted = ?, product_updated_at = ?, delivery_id = ? "
                                        + "WHERE store = ? AND variant_id = ? AND product_updated_at <= ?",
                                e.status(),
                                "deleted".equals(e.status()) ? 1 : 0,
                                e.at().toEpochMilli(),
                                p.deliveryId(),
                                store,
                                e.sku(),
                                e.at().toEpochMilli())
                        > 0;
        if (created) {
            // levels or sold lines of this SKU may have arrived before the listing
            InventoryStore.recomputeStock(s, store, e.sku());
            InventoryStore.recomputeLastSale(s, store, e.sku());
        }
        if (created || statusApplied) {
            changed.add(new VariantRef(store, e.sku()));
        }
    }
}
