package dev.edm.inventory;

import dev.edm.event.CanonicalEvent.ListingChanged;
import dev.edm.event.Provenance;
import dev.edm.inventory.StateBatch.VariantRow;
import java.sql.SQLException;
import java.util.Set;

/**
 * Listings of SKU-keyed platforms: the variant row whose variant id and inventory item id are the SKU, so
 * stock levels (keyed by inventory item) and sold lines (keyed by variant) of that SKU land on it. Known
 * fields fill in what is stored; a status applies only when it is not older than the stored description.
 */
final class Listings {
    private Listings() {}

    static void apply(StateBatch b, Provenance p, ListingChanged e, Set<VariantRef> changed) throws SQLException {
        String store = e.store().id();
        long seen = p.receivedAt().toEpochMilli();
        long at = e.at().toEpochMilli();
        VariantRow row = b.variant(store, e.sku());
        boolean created = row == null;
        if (created) {
            row = b.newVariant(store, e.sku(), e.productId() == null ? e.sku() : e.productId(), e.sku(), e.sku());
            row.title = e.title();
            row.firstSeen = seen;
            // product_updated_at 0: no status seen yet, so the first status applies whatever its time
            row.productUpdatedAt = 0;
            row.deliveryId = p.deliveryId();
        } else {
            if (e.productId() != null) {
                b.setProduct(row, e.productId());
            }
            if (e.title() != null) {
                row.title = e.title();
            }
            row.firstSeen = Math.min(row.firstSeen, seen);
        }
        b.changed(row);
        boolean statusApplied = e.status() != null && row.productUpdatedAt <= at;
        if (statusApplied) {
            row.status = e.status();
            row.deleted = "deleted".equals(e.status());
            row.productUpdatedAt = at;
            row.deliveryId = p.deliveryId();
        }
        if (created) {
            // levels or sold lines of this SKU may have arrived before the listing
            InventoryStore.recomputeStock(b, row);
            b.recomputeLastSale(row);
        }
        if (created || statusApplied) {
            changed.add(new VariantRef(store, e.sku()));
        }
    }
}
