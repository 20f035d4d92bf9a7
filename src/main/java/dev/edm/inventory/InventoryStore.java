package dev.edm.inventory;

import dev.edm.event.CanonicalEvent;
import dev.edm.event.CanonicalEvent.InventoryItemDeleted;
import dev.edm.event.CanonicalEvent.InventoryItemUpdated;
import dev.edm.event.CanonicalEvent.ProductDeleted;
import dev.edm.event.CanonicalEvent.ProductUpserted;
import dev.edm.event.CanonicalEvent.SaleRecorded;
import dev.edm.event.CanonicalEvent.SaleReversed;
import dev.edm.event.CanonicalEvent.StockLevelChanged;
import dev.edm.event.CanonicalEvent.StockLevelDisconnected;
import dev.edm.event.CanonicalEvent.StoreDisconnected;
import dev.edm.event.CanonicalEvent.Variant;
import dev.edm.event.CanonicalEvent.VariantRevised;
import dev.edm.event.Provenance;
import dev.edm.event.StoreKey;
import dev.edm.storage.Session;
import dev.edm.storage.Sql;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies canonical events to the derived state. Every change is idempotent and order-tolerant: stale
 * updates (older platform time than what is stored) are skipped, sales are keyed by (order, line), reversals
 * by their id, so applying the same deliveries again, in any order, gives the same state.
 */
final class InventoryStore {
    private InventoryStore() {}

    /** Applies the events; returns the variants whose stock, catalog or sales changed. */
    static Set<VariantRef> apply(Session s, Provenance p, List<CanonicalEvent> events) throws SQLException {
        Set<VariantRef> changed = new LinkedHashSet<>();
        Set<String> storesTouched = new HashSet<>();
        for (CanonicalEvent event : events) {
            if (storesTouched.add(event.store().id())) {
                touchStore(s, event.store(), p, event instanceof StoreDisconnected);
            }
            switch (event) {
                case ProductUpserted e -> product(s, p, e, changed);
                case ProductDeleted e -> productDeleted(s, p, e, changed);
                case StockLevelChanged e -> level(s, p, e, changed);
                case StockLevelDisconnected e -> disconnected(s, p, e, changed);
                case InventoryItemUpdated e -> itemUpdated(s, p, e, changed);
                case InventoryItemDeleted e -> itemDeleted(s, p, e, changed);
                case SaleRecorded e -> sale(s, p, e, changed);
                case SaleReversed e -> reversal(s, p, e, changed);
                case VariantRevised e -> VariantRevisions.apply(s, p, e, changed);
                case StoreDisconnected e -> {
                    // status set by touchStore
                }
            }
        }
        return changed;
    }

    private static void touchStore(Session s, StoreKey store, Provenance p, boolean disconnect) throws SQLException {
        long at = p.receivedAt().toEpochMilli();
        s.update(
                "INSERT INTO store_state (store, platform, status, first_seen, last_event) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (store) DO UPDATE SET "
                        + "status = excluded.status, "
                        + "first_seen = CASE WHEN excluded.first_seen < store_state.first_seen "
                        + "THEN excluded.first_seen ELSE store_state.first_seen END, "
                        + "last_event = CASE WHEN excluded.last_event > store_state.last_event "
                        + "THEN excluded.last_event ELSE store_state.last_event END",
                store.id(),
                store.platform().id(),
                disconnect ? "disconnected" : "connected",
                at,
                at);
    }

    private static void product(Session s, Provenance p, ProductUpserted e, Set<VariantRef> changed)
            throws SQLException {
        String store = e.store().id();
        long at = e.at().toEpochMilli();
        Long newest = s.queryOne(
                        "SELECT max(product_updated_at) FROM variant WHERE store = ? AND product_id = ?",
                        rs -> Sql.getLong(rs, 1),
                        store,
                        e.productId())
                .orElse(null);
        if (newest != null && newest > at) {
            return; // a newer description of this product was already applied
        }
        long seen = p.receivedAt().toEpochMilli();
        Set<String> present = new HashSet<>();
        for (Variant v : e.variants()) {
            present.add(v.variantId());
            List<String> skuBefore = s.query(
                    "SELECT coalesce(sku, '') FROM variant WHERE store = ? AND variant_id = ?",
                    rs -> rs.getString(1),
                    store,
                    v.variantId());
            boolean skuChanged = skuBefore.isEmpty() || !skuBefore.get(0).equals(v.sku() == null ? "" : v.sku());
            s.update(
                    "INSERT INTO variant (store, variant_id, product_id, sku, title, price, currency, inventory_item_id, "
                            + "status, deleted, first_seen, product_updated_at, variant_quantity, delivery_id) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?) "
                            + "ON CONFLICT (store, variant_id) DO UPDATE SET product_id = excluded.product_id, "
                            + "sku = excluded.sku, title = excluded.title, price = excluded.price, "
                            + "currency = excluded.currency, inventory_item_id = excluded.inventory_item_id, "
                            + "status = excluded.status, deleted = 0, "
                            + "first_seen = CASE WHEN excluded.first_seen < variant.first_seen "
                            + "THEN excluded.first_seen ELSE variant.first_seen END, "
                            + "product_updated_at = excluded.product_updated_at, "
                            + "variant_quantity = excluded.variant_quantity, delivery_id = excluded.delivery_id",
                    store,
                    v.variantId(),
                    e.productId(),
                    v.sku(),
                    v.title(),
                    v.price() == null ? null : v.price().amount().toPlainString(),
                    v.price() == null ? null : v.price().currency(),
                    v.inventoryItemId(),
                    e.status(),
                    seen,
                    at,
                    v.inventoryQuantity(),
                    p.deliveryId());
            recomputeStock(s, store, v.variantId());
            if (skuChanged) {
                // new variant, or sold lines without a variant id may now match it by SKU
                recomputeLastSale(s, store, v.variantId());
            }
            changed.add(new VariantRef(store, v.variantId()));
        }
        // variants no longer listed in the product are gone
        for (String gone : s.query(
                "SELECT variant_id FROM variant WHERE store = ? AND product_id = ? AND deleted = 0",
                rs -> rs.getString(1),
                store,
                e.productId())) {
            if (!present.contains(gone)) {
                s.update(
                        "UPDATE variant SET deleted = 1, product_updated_at = ?, delivery_id = ? WHERE store = ? AND variant_id = ?",
                        at,
                        p.deliveryId(),
                        store,
                        gone);
                changed.add(new VariantRef(store, gone));
            }
        }
    }

    private static void productDeleted(Session s, Provenance p, ProductDeleted e, Set<VariantRef> changed)
            throws SQLException {
        String store = e.store().id();
        for (String variantId : s.query(
                "SELECT variant_id FROM variant WHERE store = ? AND product_id = ? AND deleted = 0",
                rs -> rs.getString(1),
                store,
                e.productId())) {
            changed.add(new VariantRef(store, variantId));
        }
        // the deletion time guards against an older update of the product arriving later
        long at = e.at().toEpochMilli();
        s.update(
                "UPDATE variant SET deleted = 1, delivery_id = ?, product_updated_at = CASE WHEN product_updated_at < ? "
                        + "THEN ? ELSE product_updated_at END WHERE store = ? AND product_id = ?",
                p.deliveryId(),
                at,
                at,
                store,
                e.productId());
    }

    private static void level(Session s, Provenance p, StockLevelChanged e, Set<VariantRef> changed)
            throws SQLException {
        String store = e.store().id();
        int written = s.update(
                "INSERT INTO stock_level (store, inventory_item_id, location_id, available, connected, updated_at, delivery_id) "
                        + "VALUES (?, ?, ?, ?, 1, ?, ?) "
                        + "ON CONFLICT (store, inventory_item_id, location_id) DO UPDATE SET "
                        + "available = excluded.available, connected = 1, updated_at = excluded.updated_at, "
                        + "delivery_id = excluded.delivery_id "
                        + "WHERE stock_level.updated_at <= excluded.updated_at",
                store,
                e.inventoryItemId(),
                e.locationId(),
                e.available(),
                e.at().toEpochMilli(),
                p.deliveryId());
        if (written > 0) {
            stockChangedForItem(s, store, e.inventoryItemId(), changed);
        }
    }

    private static void disconnected(Session s, Provenance p, StockLevelDisconnected e, Set<VariantRef> changed)
            throws SQLException {
        String store = e.store().id();
        int written = s.update(
                "UPDATE stock_level SET connected = 0, delivery_id = ? "
                        + "WHERE store = ? AND inventory_item_id = ? AND location_id = ? AND updated_at <= ?",
                p.deliveryId(),
                store,
                e.inventoryItemId(),
                e.locationId(),
                e.at().toEpochMilli());
        if (written > 0) {
            stockChangedForItem(s, store, e.inventoryItemId(), changed);
        }
    }

    private static void itemUpdated(Session s, Provenance p, InventoryItemUpdated e, Set<VariantRef> changed)
            throws SQLException {
        String store = e.store().id();
        long at = e.at().toEpochMilli();
        int written = s.update(
                "INSERT INTO inventory_item (store, inventory_item_id, sku, deleted, updated_at, delivery_id) "
                        + "VALUES (?, ?, ?, 0, ?, ?) ON CONFLICT (store, inventory_item_id) DO UPDATE SET "
                        + "sku = excluded.sku, deleted = 0, updated_at = excluded.updated_at, delivery_id = excluded.delivery_id "
                        + "WHERE inventory_item.updated_at <= excluded.updated_at",
                store,
                e.inventoryItemId(),
                e.sku(),
                at,
                p.deliveryId());
        if (written == 0) {
            return;
        }
        for (String variantId : variantsOfItem(s, store, e.inventoryItemId())) {
            s.update(
                    "UPDATE variant SET sku = ?, delivery_id = ? WHERE store = ? AND variant_id = ? AND product_updated_at <= ?",
                    e.sku(),
                    p.deliveryId(),
                    store,
                    variantId,
                    at);
            recomputeLastSale(s, store, variantId);
            changed.add(new VariantRef(store, variantId));
        }
    }

    private static void itemDeleted(Session s, Provenance p, InventoryItemDeleted e, Set<VariantRef> changed)
            throws SQLException {
        String store = e.store().id();
        s.update(
                "INSERT INTO inventory_item (store, inventory_item_id, sku, deleted, updated_at, delivery_id) "
                        + "VALUES (?, ?, NULL, 1, ?, ?) ON CONFLICT (store, inventory_item_id) DO UPDATE SET deleted = 1, "
                        + "delivery_id = excluded.delivery_id",
                store,
                e.inventoryItemId(),
                e.at().toEpochMilli(),
                p.deliveryId());
        s.update(
                "UPDATE stock_level SET connected = 0, delivery_id = ? WHERE store = ? AND inventory_item_id = ?",
                p.deliveryId(),
                store,
                e.inventoryItemId());
        for (String variantId : variantsOfItem(s, store, e.inventoryItemId())) {
            s.update(
                    "UPDATE variant SET deleted = 1, delivery_id = ? WHERE store = ? AND variant_id = ?",
                    p.deliveryId(),
                    store,
                    variantId);
            recomputeStock(s, store, variantId);
            changed.add(new VariantRef(store, variantId));
        }
    }

    private static void sale(Session s, Provenance p, SaleRecorded e, Set<VariantRef> changed) throws SQLException {
        String store = e.store().id();
        int inserted = s.update(
                "INSERT INTO sale_line (store, order_id, line_id, variant_id, sku, quantity, reversed_quantity, unit_price, "
                        + "currency, sold_at, sale_day, delivery_id) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (store, order_id, line_id) DO NOTHING",
                store,
                e.orderId(),
                e.lineId(),
                e.variantId(),
                e.sku(),
                e.quantity(),
                e.unitPrice() == null ? null : e.unitPrice().amount().toPlainString(),
                e.unitPrice() == null ? null : e.unitPrice().currency(),
                e.at().toEpochMilli(),
                e.at().atOffset(ZoneOffset.UTC).toLocalDate().toString(),
                p.deliveryId());
        if (inserted == 0) {
            return; // the same order line seen through another topic or a retry
        }
        boolean reversed = s.queryOne(
                        "SELECT 1 FROM sale_reversal WHERE store = ? AND order_id = ?", rs -> true, store, e.orderId())
                .isPresent();
        if (reversed) {
            // a cancellation or refund arrived before the sale
            recomputeReversals(s, store, e.orderId());
            salesChanged(s, store, e.orderId(), changed);
            return;
        }
        long soldAt = e.at().toEpochMilli();
        for (String variantId : variantsOfLine(s, store, e.variantId(), e.sku())) {
            s.update(
                    "UPDATE variant SET last_sale_at = ? WHERE store = ? AND variant_id = ? "
                            + "AND (last_sale_at IS NULL OR last_sale_at < ?)",
                    soldAt,
                    store,
                    variantId,
                    soldAt);
            changed.add(new VariantRef(store, variantId));
        }
    }

    /** The variant a sold line belongs to: by its variant id, or by SKU when the line names no variant. */
    private static List<String> variantsOfLine(Session s, String store, String variantId, String sku)
            throws SQLException {
        if (variantId != null) {
            return s.query(
                    "SELECT variant_id FROM variant WHERE store = ? AND variant_id = ?",
                    rs -> rs.getString(1),
                    store,
                    variantId);
        }
        if (sku == null) {
            return List.of();
        }
        return s.query("SELECT variant_id FROM variant WHERE store = ? AND sku = ?", rs -> rs.getString(1), store, sku);
    }

    private static void reversal(Session s, Provenance p, SaleReversed e, Set<VariantRef> changed) throws SQLException {
        String store = e.store().id();
        int inserted = s.update(
                "INSERT INTO sale_reversal (store, order_id, reversal_id, line_id, quantity, reversed_at, delivery_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (store, order_id, reversal_id) DO NOTHING",
                store,
                e.orderId(),
                e.reversalId(),
                e.lineId(),
                e.quantity(),
                e.at().toEpochMilli(),
                p.deliveryId());
        if (inserted == 0) {
            return;
        }
        recomputeReversals(s, store, e.orderId());
        salesChanged(s, store, e.orderId(), changed);
    }

    /** reversed = whole quantity when the order was cancelled, else the refunded units of the line (capped). */
    private static void recomputeReversals(Session s, String store, String orderId) throws SQLException {
        s.update(
                "UPDATE sale_line SET reversed_quantity = CASE "
                        + "WHEN EXISTS (SELECT 1 FROM sale_reversal r WHERE r.store = sale_line.store "
                        + "AND r.order_id = sale_line.order_id AND r.line_id IS NULL) THEN quantity "
                        + "ELSE (SELECT CASE WHEN coalesce(sum(r.quantity), 0) > sale_line.quantity THEN sale_line.quantity "
                        + "ELSE coalesce(sum(r.quantity), 0) END FROM sale_reversal r WHERE r.store = sale_line.store "
                        + "AND r.order_id = sale_line.order_id AND r.line_id = sale_line.line_id) END "
                        + "WHERE store = ? AND order_id = ?",
                store,
                orderId);
    }

    private static void salesChanged(Session s, String store, String orderId, Set<VariantRef> changed)
            throws SQLException {
        Set<String> variants = new LinkedHashSet<>();
        for (String[] line : s.query(
                "SELECT variant_id, sku FROM sale_line WHERE store = ? AND order_id = ?",
                rs -> new String[] {rs.getString(1), rs.getString(2)},
                store,
                orderId)) {
            variants.addAll(variantsOfLine(s, store, line[0], line[1]));
        }
        for (String variantId : variants) {
            recomputeLastSale(s, store, variantId);
            changed.add(new VariantRef(store, variantId));
        }
    }

    private static List<String> variantsOfItem(Session s, String store, String itemId) throws SQLException {
        return s.query(
                "SELECT variant_id FROM variant WHERE store = ? AND inventory_item_id = ?",
                rs -> rs.getString(1),
                store,
                itemId);
    }

    private static void stockChangedForItem(Session s, String store, String itemId, Set<VariantRef> changed)
            throws SQLException {
        for (String variantId : variantsOfItem(s, store, itemId)) {
            recomputeStock(s, store, variantId);
            changed.add(new VariantRef(store, variantId));
        }
    }

    /** Total = sum of connected location levels when the item has any, else the product payload's quantity. */
    static void recomputeStock(Session s, String store, String variantId) throws SQLException {
        s.update(
                "UPDATE variant SET stock_total = CASE WHEN EXISTS (SELECT 1 FROM stock_level l WHERE l.store = variant.store "
                        + "AND l.inventory_item_id = variant.inventory_item_id AND l.connected = 1) "
                        + "THEN (SELECT sum(l.available) FROM stock_level l WHERE l.store = variant.store "
                        + "AND l.inventory_item_id = variant.inventory_item_id AND l.connected = 1) "
                        + "ELSE variant_quantity END WHERE store = ? AND variant_id = ?",
                store,
                variantId);
    }

    /** Last sale = latest line of this variant (by id, or by SKU when the line has no variant) not fully reversed. */
    static void recomputeLastSale(Session s, String store, String variantId) throws SQLException {
        // newest first along the (store, variant_id, sold_at) index: stops at the first line not fully reversed
        Long byId = s.queryOne(
                        "SELECT sold_at FROM sale_line WHERE store = ? AND variant_id = ? AND quantity > reversed_quantity "
                                + "ORDER BY sold_at DESC LIMIT 1",
                        rs -> Sql.getLong(rs, 1),
                        store,
                        variantId)
                .orElse(null);
        String sku = s.queryOne(
                        "SELECT sku FROM variant WHERE store = ? AND variant_id = ?",
                        rs -> rs.getString(1),
                        store,
                        variantId)
                .orElse(null);
        Long bySku = sku == null
                ? null
                : s.queryOne(
                                "SELECT sold_at FROM sale_line WHERE store = ? AND sku = ? AND variant_id IS NULL "
                                        + "AND quantity > reversed_quantity ORDER BY sold_at DESC LIMIT 1",
                                rs -> Sql.getLong(rs, 1),
                                store,
                                sku)
                        .orElse(null);
        Long last = byId;
        if (bySku != null && (last == null || bySku > last)) {
            last = bySku;
        }
        s.update("UPDATE variant SET last_sale_at = ? WHERE store = ? AND variant_id = ?", last, store, variantId);
    }
}
