package dev.edm.inventory;

import dev.edm.event.CanonicalEvent;
import dev.edm.event.CanonicalEvent.InventoryItemDeleted;
import dev.edm.event.CanonicalEvent.InventoryItemUpdated;
import dev.edm.event.CanonicalEvent.ListingChanged;
import dev.edm.event.CanonicalEvent.PriceObserved;
import dev.edm.event.CanonicalEvent.ProductDeleted;
import dev.edm.event.CanonicalEvent.ProductUpserted;
import dev.edm.event.CanonicalEvent.ProductVariantsListed;
import dev.edm.event.CanonicalEvent.SaleRecorded;
import dev.edm.event.CanonicalEvent.SaleReversed;
import dev.edm.event.CanonicalEvent.StockLevelChanged;
import dev.edm.event.CanonicalEvent.StockLevelDisconnected;
import dev.edm.event.CanonicalEvent.StoreDisconnected;
import dev.edm.event.CanonicalEvent.Variant;
import dev.edm.event.CanonicalEvent.VariantRevised;
import dev.edm.event.CanonicalEvent.VariantUpserted;
import dev.edm.event.Provenance;
import dev.edm.event.StoreKey;
import dev.edm.inventory.StateBatch.ItemRow;
import dev.edm.inventory.StateBatch.LevelRow;
import dev.edm.inventory.StateBatch.LineRow;
import dev.edm.inventory.StateBatch.OrderRows;
import dev.edm.inventory.StateBatch.ReversalRow;
import dev.edm.inventory.StateBatch.StoreRow;
import dev.edm.inventory.StateBatch.VariantRow;
import dev.edm.storage.Session;
import dev.edm.storage.Sql;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies canonical events to the derived state. Every change is idempotent and order-tolerant: stale
 * updates (older platform time than what is stored) are skipped, sales are keyed by (order, line), reversals
 * by their id, so applying the same deliveries again, in any order, gives the same state.
 */
final class InventoryStore {
    private InventoryStore() {}

    /** Applies one delivery's events to the batch's rows; adds the variants whose stock, catalog or sales changed. */
    static void apply(StateBatch b, Provenance p, List<CanonicalEvent> events, Set<VariantRef> changed)
            throws SQLException {
        Set<String> storesTouched = new HashSet<>();
        for (CanonicalEvent event : events) {
            if (storesTouched.add(event.store().id())) {
                touchStore(b, event.store(), p, event instanceof StoreDisconnected);
            }
            switch (event) {
                case ProductUpserted e -> product(b, p, e, changed);
                case VariantUpserted e -> PartialCatalog.variant(b, p, e, changed);
                case ProductVariantsListed e -> PartialCatalog.listed(b, p, e, changed);
                case ProductDeleted e -> productDeleted(b, p, e, changed);
                case StockLevelChanged e -> level(b, p, e, changed);
                case StockLevelDisconnected e -> disconnected(b, p, e, changed);
                case InventoryItemUpdated e -> itemUpdated(b, p, e, changed);
                case InventoryItemDeleted e -> itemDeleted(b, p, e, changed);
                case SaleRecorded e -> sale(b, e, p, changed);
                case SaleReversed e -> reversal(b, p, e, changed);
                case VariantRevised e -> VariantRevisions.apply(b, p, e, changed);
                case StoreDisconnected e -> {
                    // status set by touchStore
                }
                case ListingChanged e -> Listings.apply(b, p, e, changed);
                case PriceObserved e -> PriceObservations.record(b.session(), p, e);
            }
        }
    }

    private static void touchStore(StateBatch b, StoreKey store, Provenance p, boolean disconnect) throws SQLException {
        long at = p.receivedAt().toEpochMilli();
        StoreRow row = b.store(store.id(), store.platform().id());
        row.status = disconnect ? "disconnected" : "connected";
        row.firstSeen = Math.min(row.firstSeen, at);
        row.lastEvent = Math.max(row.lastEvent, at);
        b.changed(row);
    }

    private static void product(StateBatch b, Provenance p, ProductUpserted e, Set<VariantRef> changed)
            throws SQLException {
        String store = e.store().id();
        long at = e.at().toEpochMilli();
        for (VariantRow row : b.variantsOfProduct(store, e.productId())) {
            if (row.productUpdatedAt > at) {
                return; // a newer description of this product was already applied
            }
        }
        Long deletedAt = b.deletedAt(store, e.productId());
        if (deletedAt != null && deletedAt >= at) {
            return; // described before its deletion, delivered after it: the product stays gone
        }
        Set<String> present = new HashSet<>();
        for (Variant v : e.variants()) {
            present.add(v.variantId());
            upsertVariant(b, p, store, e.productId(), e.status(), v, at, changed);
        }
        // variants no longer listed in the product are gone
        markGone(b, p, store, e.productId(), present, at, changed);
    }

    /** One variant as described at {@code at} (not deleted), then its stock and, if its SKU changed, last sale. */
    static void upsertVariant(
            StateBatch b,
            Provenance p,
            String store,
            String productId,
            String status,
            Variant v,
            long at,
            Set<VariantRef> changed)
            throws SQLException {
        long seen = p.receivedAt().toEpochMilli();
        VariantRow row = b.variant(store, v.variantId());
        boolean skuChanged;
        if (row == null) {
            skuChanged = true;
            row = b.newVariant(store, v.variantId(), productId, v.inventoryItemId(), v.sku());
            row.firstSeen = seen;
        } else {
            skuChanged = !Objects.requireNonNullElse(row.sku, "").equals(Objects.requireNonNullElse(v.sku(), ""));
            b.setProduct(row, productId);
            b.setSku(row, v.sku());
            b.setItem(row, v.inventoryItemId());
            row.firstSeen = Math.min(row.firstSeen, seen);
        }
        row.title = v.title();
        row.price = v.price() == null ? null : v.price().amount().toPlainString();
        row.currency = v.price() == null ? null : v.price().currency();
        row.status = status;
        row.deleted = false;
        row.productUpdatedAt = at;
        row.variantQuantity = v.inventoryQuantity();
        row.deliveryId = p.deliveryId();
        b.changed(row);
        recomputeStock(b, row);
        if (skuChanged) {
            // new variant, or sold lines without a variant id may now match it by SKU
            b.recomputeLastSale(row);
        }
        changed.add(new VariantRef(store, v.variantId()));
    }

    /** Marks the product's variants not in {@code present} deleted as of {@code at}, unless described after it. */
    static void markGone(
            StateBatch b,
            Provenance p,
            String store,
            String productId,
            Set<String> present,
            long at,
            Set<VariantRef> changed)
            throws SQLException {
        for (VariantRow row : b.variantsOfProduct(store, productId)) {
            if (!row.deleted && row.productUpdatedAt <= at && !present.contains(row.variantId)) {
                row.deleted = true;
                row.productUpdatedAt = at;
                row.deliveryId = p.deliveryId();
                b.changed(row);
                changed.add(new VariantRef(store, row.variantId));
            }
        }
    }

    private static void productDeleted(StateBatch b, Provenance p, ProductDeleted e, Set<VariantRef> changed)
            throws SQLException {
        String store = e.store().id();
        // the deletion time guards against an older update of the product arriving later
        long at = e.at().toEpochMilli();
        b.deleted(store, e.productId(), at, p.deliveryId());
        for (VariantRow row : b.variantsOfProduct(store, e.productId())) {
            if (!row.deleted) {
                changed.add(new VariantRef(store, row.variantId));
            }
            row.deleted = true;
            row.deliveryId = p.deliveryId();
            row.productUpdatedAt = Math.max(row.productUpdatedAt, at);
            b.changed(row);
        }
    }

    private static void level(StateBatch b, Provenance p, StockLevelChanged e, Set<VariantRef> changed)
            throws SQLException {
        String store = e.store().id();
        long at = e.at().toEpochMilli();
        LevelRow row = b.levels(store, e.inventoryItemId()).get(e.locationId());
        if (row == null) {
            row = b.newLevel(store, e.inventoryItemId(), e.locationId());
        } else if (row.updatedAt > at) {
            return; // stale
        }
        row.available = e.available();
        row.connected = true;
        row.updatedAt = at;
        row.deliveryId = p.deliveryId();
        b.changed(row);
        stockChangedForItem(b, store, e.inventoryItemId(), changed);
    }

    private static void disconnected(StateBatch b, Provenance p, StockLevelDisconnected e, Set<VariantRef> changed)
            throws SQLException {
        String store = e.store().id();
        LevelRow row = b.levels(store, e.inventoryItemId()).get(e.locationId());
        if (row == null || row.updatedAt > e.at().toEpochMilli()) {
            return;
        }
        row.connected = false;
        row.deliveryId = p.deliveryId();
        b.changed(row);
        stockChangedForItem(b, store, e.inventoryItemId(), changed);
    }

    private static void itemUpdated(StateBatch b, Provenance p, InventoryItemUpdated e, Set<VariantRef> changed)
            throws SQLException {
        String store = e.store().id();
        long at = e.at().toEpochMilli();
        ItemRow item = b.item(store, e.inventoryItemId());
        if (item == null) {
            item = b.newItem(store, e.inventoryItemId());
        } else if (item.updatedAt > at) {
            return; // stale
        }
        item.sku = e.sku();
        item.deleted = false;
        item.updatedAt = at;
        item.deliveryId = p.deliveryId();
        b.changed(item);
        for (VariantRow row : b.variantsOfItem(store, e.inventoryItemId())) {
            if (row.productUpdatedAt <= at) {
                b.setSku(row, e.sku());
                row.deliveryId = p.deliveryId();
                b.changed(row);
            }
            b.recomputeLastSale(row);
            changed.add(new VariantRef(store, row.variantId));
        }
    }

    private static void itemDeleted(StateBatch b, Provenance p, InventoryItemDeleted e, Set<VariantRef> changed)
            throws SQLException {
        String store = e.store().id();
        ItemRow item = b.item(store, e.inventoryItemId());
        if (item == null) {
            item = b.newItem(store, e.inventoryItemId());
            item.updatedAt = e.at().toEpochMilli();
        }
        item.deleted = true;
        item.deliveryId = p.deliveryId();
        b.changed(item);
        for (LevelRow level : b.levels(store, e.inventoryItemId()).values()) {
            level.connected = false;
            level.deliveryId = p.deliveryId();
            b.changed(level);
        }
        for (VariantRow row : b.variantsOfItem(store, e.inventoryItemId())) {
            row.deleted = true;
            row.deliveryId = p.deliveryId();
            b.changed(row);
            recomputeStock(b, row);
            changed.add(new VariantRef(store, row.variantId));
        }
    }

    private static void sale(StateBatch b, SaleRecorded e, Provenance p, Set<VariantRef> changed) throws SQLException {
        String store = e.store().id();
        OrderRows order = b.order(store, e.orderId());
        if (order.lines.containsKey(e.lineId())) {
            return; // the same order line seen through another topic or a retry
        }
        LineRow line = new LineRow(store, e.orderId(), e.lineId(), false);
        line.variantId = e.variantId();
        line.sku = e.sku();
        line.quantity = e.quantity();
        line.unitPrice = e.unitPrice() == null ? null : e.unitPrice().amount().toPlainString();
        line.currency = e.unitPrice() == null ? null : e.unitPrice().currency();
        line.soldAt = e.at().toEpochMilli();
        line.saleDay = e.at().atOffset(ZoneOffset.UTC).toLocalDate().toString();
        line.deliveryId = p.deliveryId();
        order.lines.put(line.lineId, line);
        b.changed(line);
        if (!order.reversals.isEmpty()) {
            // a cancellation or refund arrived before the sale
            recomputeReversals(b, order);
            salesChanged(b, store, order, changed);
            return;
        }
        for (VariantRow row : variantsOfLine(b, store, e.variantId(), e.sku())) {
            if (row.lastSaleAt == null || row.lastSaleAt < line.soldAt) {
                row.lastSaleAt = line.soldAt;
                b.changed(row);
            }
            changed.add(new VariantRef(store, row.variantId));
        }
    }

    /** The variant a sold line belongs to: by its variant id, or by SKU when the line names no variant. */
    private static Collection<VariantRow> variantsOfLine(StateBatch b, String store, String variantId, String sku)
            throws SQLException {
        if (variantId != null) {
            VariantRow row = b.variant(store, variantId);
            return row == null ? List.of() : List.of(row);
        }
        return sku == null ? List.of() : b.variantsWithSku(store, sku);
    }

    private static void reversal(StateBatch b, Provenance p, SaleReversed e, Set<VariantRef> changed)
            throws SQLException {
        String store = e.store().id();
        OrderRows order = b.order(store, e.orderId());
        if (order.reversals.containsKey(e.reversalId())) {
            return;
        }
        ReversalRow reversal = new ReversalRow(
                e.orderId(), e.reversalId(), e.lineId(), e.quantity(), e.at().toEpochMilli(), p.deliveryId());
        order.reversals.put(e.reversalId(), reversal);
        order.newReversals.add(reversal);
        recomputeReversals(b, order);
        salesChanged(b, store, order, changed);
    }

    /** reversed = whole quantity when the order was cancelled, else the refunded units of the line (capped). */
    private static void recomputeReversals(StateBatch b, OrderRows order) {
        boolean wholeOrder = false;
        Map<String, Integer> refunded = new HashMap<>();
        for (ReversalRow r : order.reversals.values()) {
            if (r.lineId() == null) {
                wholeOrder = true;
            } else if (r.quantity() != null) {
                refunded.merge(r.lineId(), r.quantity(), Integer::sum);
            }
        }
        for (LineRow line : order.lines.values()) {
            int reversed = wholeOrder ? line.quantity : Math.min(refunded.getOrDefault(line.lineId, 0), line.quantity);
            if (reversed != line.reversedQuantity) {
                line.reversedQuantity = reversed;
                b.changed(line);
            }
        }
    }

    private static void salesChanged(StateBatch b, String store, OrderRows order, Set<VariantRef> changed)
            throws SQLException {
        Set<VariantRow> variants = new LinkedHashSet<>();
        for (LineRow line : order.lines.values()) {
            variants.addAll(variantsOfLine(b, store, line.variantId, line.sku));
        }
        for (VariantRow row : variants) {
            b.recomputeLastSale(row);
            changed.add(new VariantRef(store, row.variantId));
        }
    }

    private static void stockChangedForItem(StateBatch b, String store, String itemId, Set<VariantRef> changed)
            throws SQLException {
        for (VariantRow row : b.variantsOfItem(store, itemId)) {
            recomputeStock(b, row);
            changed.add(new VariantRef(store, row.variantId));
        }
    }

    /** Total = sum of connected location levels when the item has any, else the product payload's quantity. */
    static void recomputeStock(StateBatch b, VariantRow row) throws SQLException {
        Integer total = b.hasConnectedLevel(row.store, row.inventoryItemId)
                ? b.connectedSum(row.store, row.inventoryItemId)
                : row.variantQuantity;
        if (!Objects.equals(total, row.stockTotal)) {
            Integer before = row.stockTotal;
            row.stockTotal = total;
            b.changed(row);
            b.stockChanged(row, before);
        }
    }

    /**
     * Last sale = latest line of this variant (by id, or by SKU when the line has no variant) not fully
     * reversed; null when none.
     */
    static Long lastSale(Session s, String store, String variantId, String sku) throws SQLException {
        // newest first along the (store, variant_id, sold_at) index: stops at the first line not fully reversed
        Long byId = s.queryOne(
                        "SELECT sold_at FROM sale_line WHERE store = ? AND variant_id = ? AND quantity > reversed_quantity "
                                + "ORDER BY sold_at DESC LIMIT 1",
                        rs -> Sql.getLong(rs, 1),
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
        return bySku != null && (byId == null || bySku > byId) ? bySku : byId;
    }
}
