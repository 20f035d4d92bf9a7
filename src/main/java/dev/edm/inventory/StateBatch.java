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
import dev.edm.event.DeliveryEvents;
import dev.edm.storage.InLists;
import dev.edm.storage.Session;
import dev.edm.storage.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The derived-state rows one processing batch touches, held in memory while the batch's events are applied
 * and written back once at the end ({@link #flush}). Rows are loaded from the database on first use; lookups
 * by secondary key (product, inventory item, SKU) query the database once per key and then answer from
 * memory, where rows changed earlier in the batch are authoritative. Lives for one transaction, or, during
 * replay, is carried to the next batch once the transaction committed ({@link Inventory.Carry}): the rows it
 * holds are then exactly what the database holds, as replay is the only writer of derived state.
 */
final class StateBatch {
    private static final String UNINDEXED = "title, price, currency, status, deleted, first_seen, "
            + "product_updated_at, variant_quantity, stock_total, last_sale_at, delivery_id";
    private static final String UNINDEXED_SET = "title = ?, price = ?, currency = ?, status = ?, deleted = ?, "
            + "first_seen = ?, product_updated_at = ?, variant_quantity = ?, stock_total = ?, last_sale_at = ?, "
            + "delivery_id = ?";
    private static final String VARIANT_COLUMNS =
            "store, variant_id, product_id, sku, title, price, currency, inventory_item_id, status, deleted, "
                    + "first_seen, product_updated_at, variant_quantity, stock_total, last_sale_at, delivery_id";

    /** A row of {@code variant}. */
    static final class VariantRow {
        final String store;
        final String variantId;
        String productId;
        String sku;
        String title;
        String price;
        String currency;
        String inventoryItemId;
        String status;
        boolean deleted;
        long firstSeen;
        long productUpdatedAt;
        Integer variantQuantity;
        Integer stockTotal;
        Long lastSaleAt;
        Long deliveryId;
        /** Not in the database yet. */
        boolean isNew;
        /** A column some index covers (product, SKU, inventory item) changed. */
        boolean keysChanged;

        VariantRow(String store, String variantId) {
            this.store = store;
            this.variantId = variantId;
        }
    }

    /** A row of {@code stock_level}. */
    static final class LevelRow {
        final String store;
        final String itemId;
        final String locationId;
        Integer available;
        boolean connected;
        long updatedAt;
        Long deliveryId;

        LevelRow(String store, String itemId, String locationId) {
            this.store = store;
            this.itemId = itemId;
            this.locationId = locationId;
        }
    }

    /** A row of {@code inventory_item}. */
    static final class ItemRow {
        final String store;
        final String itemId;
        String sku;
        boolean deleted;
        long updatedAt;
        Long deliveryId;

        ItemRow(String store, String itemId) {
            this.store = store;
            this.itemId = itemId;
        }
    }

    /** A row of {@code store_state}. */
    static final class StoreRow {
        final String store;
        final String platform;
        String status;
        long firstSeen;
        long lastEvent;

        StoreRow(String store, String platform) {
            this.store = store;
            this.platform = platform;
        }
    }

    /** A row of {@code sale_line}. */
    static final class LineRow {
        final String store;
        final String orderId;
        final String lineId;
        String variantId;
        String sku;
        int quantity;
        int reversedQuantity;
        String unitPrice;
        String currency;
        long soldAt;
        String saleDay;
        Long deliveryId;
        final boolean stored;
        /** Net units already counted in {@code sales_month}. */
        int countedNet;

        LineRow(String store, String orderId, String lineId, boolean stored) {
            this.store = store;
            this.orderId = orderId;
            this.lineId = lineId;
            this.stored = stored;
        }
    }

    /** A row of {@code sale_reversal}. */
    record ReversalRow(
            String orderId, String reversalId, String lineId, Integer quantity, long reversedAt, Long deliveryId) {}

    /** Every sold line and reversal of one order. */
    static final class OrderRows {
        final Map<String, LineRow> lines = new LinkedHashMap<>();
        final Map<String, ReversalRow> reversals = new LinkedHashMap<>();
        final List<ReversalRow> newReversals = new ArrayList<>();
    }

    private record Key(String store, String id) {}

    /** A row of {@code product_tombstone}: when the product was deleted, by which delivery. */
    record Tombstone(String store, String productId, long deletedAt, Long deliveryId) {}

    private record LevelKey(String store, String itemId, String locationId) {}

    private Session s;
    private final Map<Key, VariantRow> variants = new HashMap<>();
    private final Set<Key> absentVariants = new HashSet<>();
    private final Map<Key, Set<VariantRow>> byProduct = new HashMap<>();
    private final Map<Key, Set<VariantRow>> byItem = new HashMap<>();
    private final Map<Key, Set<VariantRow>> bySku = new HashMap<>();
    private final Set<Key> productsLoaded = new HashSet<>();
    private final Set<Key> itemsLoaded = new HashSet<>();
    private final Set<Key> skusLoaded = new HashSet<>();
    private final Map<Key, Map<String, LevelRow>> levelsOfItem = new HashMap<>();
    private final Map<Key, ItemRow> items = new HashMap<>();
    private final Set<Key> absentItems = new HashSet<>();
    private final Map<String, StoreRow> stores = new HashMap<>();
    private final Map<Key, OrderRows> orders = new HashMap<>();
    private final Map<Key, Tombstone> tombstones = new HashMap<>();
    private final Set<Key> tombstonesLoaded = new HashSet<>();
    private final Set<Tombstone> dirtyTombstones = new LinkedHashSet<>();
    private final Set<VariantRow> dirtyVariants = new LinkedHashSet<>();
    private final Set<LevelRow> dirtyLevels = new LinkedHashSet<>();
    private final Set<ItemRow> dirtyItems = new LinkedHashSet<>();
    private final Set<StoreRow> dirtyStores = new LinkedHashSet<>();
    private final Set<LineRow> dirtyLines = new LinkedHashSet<>();
    private final Set<VariantRow> lastSaleToRecompute = new LinkedHashSet<>();
    private StockDays stockDays = new StockDays();
    private SalesMonths salesMonths = new SalesMonths();
    private String day;
    private long dayNumber;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    StateBatch(Session session) {
        this.s = session;
    }

    /**
     * After a {@link #flush} whose transaction committed: starts the next batch on {@code session} with the
     * rows loaded so far, which now match the database (orders are dropped: each is rarely seen again, and
     * they would only grow).
     */
    void nextBatch(Session session) {
        this.s = session;
        for (VariantRow v : dirtyVariants) {
            v.isNew = false;
            v.keysChanged = false;
        }
        dirtyVariants.clear();
        dirtyLevels.clear();
        dirtyItems.clear();
        dirtyStores.clear();
        dirtyLines.clear();
        dirtyTombstones.clear();
        lastSaleToRecompute.clear();
        orders.clear();
        stockDays = new StockDays();
        salesMonths = new SalesMonths();
        day = null;
    }

    /** How many rows and known-absent keys the batch holds (what carrying it costs in memory). */
    int size() {
        return variants.size()
                + absentVariants.size()
                + levelsOfItem.size()
                + items.size()
                + absentItems.size()
                + tombstonesLoaded.size()
                + productsLoaded.size()
                + itemsLoaded.size()
                + skusLoaded.size();
    }

    /** For state kept outside the batch's rows (written at once, not at {@link #flush}). */
    Session session() {
        return s;
    }

    /** When the delivery being applied was received: stock changes are recorded on its UTC day. */
    void receivedAt(long epochMillis) {
        long epochDay = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        if (day == null || epochDay != dayNumber) { // consecutive deliveries mostly share a day
            dayNumber = epochDay;
            day = LocalDate.ofEpochDay(epochDay).toString();
        }
    }

    /** The variant's total available went from {@code before} to its current value (for the stock history). */
    void stockChanged(VariantRow row, Integer before) {
        stockDays.record(row.store, row.variantId, day, before, row.stockTotal);
    }

    // --- bulk loading --------------------------------------------------------------------------------------

    /** Keys per IN list: one statement shape, reused; short lists are padded with their last key. */
    private static final int IN_CHUNK = 128;

    /**
     * Loads, in a few statements per kind, every row the events will look up one by one (variants by id,
     * product, inventory item and SKU; levels and items; orders' lines and reversals), so applying them
     * queries the database only for what these keys cannot predict.
     */
    void prefetch(List<DeliveryEvents> deliveries) throws SQLException {
        Map<String, Set<String>> variantIds = new HashMap<>();
        Map<String, Set<String>> productIds = new HashMap<>();
        Map<String, Set<String>> itemVariants = new HashMap<>();
        Map<String, Set<String>> itemLevels = new HashMap<>();
        Map<String, Set<String>> itemRows = new HashMap<>();
        Map<String, Set<String>> skus = new HashMap<>();
        Map<String, Set<String>> orderIds = new HashMap<>();
        // keys whose rows are already held (loaded by this batch or carried from the one before) are not asked for
        Predicate<Key> variant = this::variantHeld;
        Predicate<Key> product = k -> productsLoaded.contains(k) && tombstonesLoaded.contains(k);
        Predicate<Key> itemVariant = itemsLoaded::contains;
        Predicate<Key> sku = skusLoaded::contains;
        Predicate<Key> levels = levelsOfItem::containsKey;
        Predicate<Key> item = this::itemHeld;
        Predicate<Key> order = orders::containsKey;
        for (DeliveryEvents d : deliveries) {
            for (CanonicalEvent event : d.events()) {
                String store = event.store().id();
                switch (event) {
                    case ProductUpserted e -> {
                        add(productIds, product, store, e.productId());
                        for (Variant v : e.variants()) {
                            add(variantIds, variant, store, v.variantId());
                            add(itemLevels, levels, store, v.inventoryItemId());
                        }
                    }
                    case VariantUpserted e -> {
                        add(variantIds, variant, store, e.variant().variantId());
                        add(itemLevels, levels, store, e.variant().inventoryItemId());
                    }
                    case ProductVariantsListed e -> {
                        add(productIds, product, store, e.productId());
                        e.variantIds().forEach(id -> add(variantIds, variant, store, id));
                    }
                    case ProductDeleted e -> add(productIds, product, store, e.productId());
                    case StockLevelChanged e -> {
                        add(itemLevels, levels, store, e.inventoryItemId());
                        add(itemVariants, itemVariant, store, e.inventoryItemId());
                    }
                    case StockLevelDisconnected e -> {
                        add(itemLevels, levels, store, e.inventoryItemId());
                        add(itemVariants, itemVariant, store, e.inventoryItemId());
                    }
                    case InventoryItemUpdated e -> {
                        add(itemRows, item, store, e.inventoryItemId());
                        add(itemVariants, itemVariant, store, e.inventoryItemId());
                    }
                    case InventoryItemDeleted e -> {
                        add(itemRows, item, store, e.inventoryItemId());
                        add(itemLevels, levels, store, e.inventoryItemId());
                        add(itemVariants, itemVariant, store, e.inventoryItemId());
                    }
                    case SaleRecorded e -> {
                        add(orderIds, order, store, e.orderId());
                        if (e.variantId() != null) {
                            add(variantIds, variant, store, e.variantId());
                        } else {
                            add(skus, sku, store, e.sku());
                        }
                    }
                    case SaleReversed e -> add(orderIds, order, store, e.orderId());
                    case VariantRevised e -> {
                        add(variantIds, variant, store, e.variantId());
                        add(itemLevels, levels, store, e.inventoryItemId());
                    }
                    case ListingChanged e -> {
                        add(variantIds, variant, store, e.sku());
                        add(itemLevels, levels, store, e.sku());
                    }
                    case StoreDisconnected e -> {
                        // nothing to load
                    }
                    case PriceObserved e -> {
                        // written directly, nothing to load
                    }
                }
            }
        }
        for (var e : variantIds.entrySet()) {
            loadVariantsById(e.getKey(), e.getValue());
        }
        for (var e : productIds.entrySet()) {
            loadVariants(e.getKey(), "product_id", e.getValue(), productsLoaded);
            loadTombstones(e.getKey(), e.getValue());
        }
        for (var e : itemVariants.entrySet()) {
            loadVariants(e.getKey(), "inventory_item_id", e.getValue(), itemsLoaded);
        }
        for (var e : skus.entrySet()) {
            loadVariants(e.getKey(), "sku", e.getValue(), skusLoaded);
        }
        for (var e : itemLevels.entrySet()) {
            loadLevels(e.getKey(), e.getValue());
        }
        for (var e : itemRows.entrySet()) {
            loadItems(e.getKey(), e.getValue());
        }
        for (var e : orderIds.entrySet()) {
            loadOrders(e.getKey(), e.getValue());
        }
    }

    private static void add(Map<String, Set<String>> keys, Predicate<Key> held, String store, String key) {
        if (key != null && !held.test(new Key(store, key))) {
            keys.computeIfAbsent(store, k -> new LinkedHashSet<>()).add(key);
        }
    }

    /**
     * Runs {@code select ... WHERE store = ? AND column IN (...)} over the keys in fixed-size chunks (one
     * placeholder for a single key: the lookups that prefetching could not predict).
     */
    private <T> void queryIn(
            String select,
            String column,
            String store,
            Collection<String> keys,
            Sql.RowMapper<T> mapper,
            Consumer<T> sink)
            throws SQLException {
        if (keys.isEmpty()) {
            return; // every key already loaded (most lookups while applying)
        }
        int chunk = keys.size() == 1 ? 1 : IN_CHUNK;
        String sql = select + " WHERE store = ? AND " + column + " IN (" + InLists.placeholders(chunk) + ")";
        for (Object[] params : InLists.chunks(new ArrayList<>(keys), chunk, store)) {
            for (T row : s.query(sql, mapper, params)) {
                sink.accept(row);
            }
        }
    }

    /** Loads the variants not yet known; the ids the database does not have are remembered as absent. */
    private void loadVariantsById(String store, Set<String> ids) throws SQLException {
        ids.removeIf(id -> variantHeld(new Key(store, id)));
        loadVariants(store, "variant_id", ids, null);
        for (String id : ids) {
            Key key = new Key(store, id);
            if (!variants.containsKey(key)) {
                absentVariants.add(key);
            }
        }
    }

    private void loadVariants(String store, String column, Set<String> keys, Set<Key> loaded) throws SQLException {
        if (loaded != null) {
            keys.removeIf(k -> !loaded.add(new Key(store, k)));
        }
        queryIn("SELECT " + VARIANT_COLUMNS + " FROM variant", column, store, keys, StateBatch::variantRow, row -> {
            if (!variants.containsKey(new Key(store, row.variantId))) {
                adopt(row);
            }
        });
    }

    private void loadLevels(String store, Set<String> itemIds) throws SQLException {
        itemIds.removeIf(id -> levelsOfItem.containsKey(new Key(store, id)));
        for (String id : itemIds) {
            levelsOfItem.put(new Key(store, id), new LinkedHashMap<>());
        }
        queryIn(
                "SELECT inventory_item_id, location_id, available, connected, updated_at, delivery_id FROM stock_level",
                "inventory_item_id",
                store,
                itemIds,
                rs -> {
                    LevelRow l = new LevelRow(store, rs.getString(1), rs.getString(2));
                    l.available = Sql.getInt(rs, 3);
                    l.connected = rs.getInt(4) != 0;
                    l.updatedAt = rs.getLong(5);
                    l.deliveryId = Sql.getLong(rs, 6);
                    return l;
                },
                l -> levelsOfItem.get(new Key(store, l.itemId)).putIfAbsent(l.locationId, l));
    }

    private void loadItems(String store, Set<String> itemIds) throws SQLException {
        itemIds.removeIf(id -> items.containsKey(new Key(store, id)));
        for (String id : itemIds) {
            absentItems.add(new Key(store, id));
        }
        queryIn(
                "SELECT inventory_item_id, sku, deleted, updated_at, delivery_id FROM inventory_item",
                "inventory_item_id",
                store,
                itemIds,
                rs -> {
                    ItemRow i = new ItemRow(store, rs.getString(1));
                    i.sku = rs.getString(2);
                    i.deleted = rs.getInt(3) != 0;
                    i.updatedAt = rs.getLong(4);
                    i.deliveryId = Sql.getLong(rs, 5);
                    return i;
                },
                i -> {
                    Key key = new Key(store, i.itemId);
                    absentItems.remove(key);
                    items.put(key, i);
                });
    }

    private void loadTombstones(String store, Set<String> productIds) throws SQLException {
        List<String> wanted = new ArrayList<>();
        for (String id : productIds) {
            if (tombstonesLoaded.add(new Key(store, id))) {
                wanted.add(id);
            }
        }
        queryIn(
                "SELECT product_id, deleted_at, delivery_id FROM product_tombstone",
                "product_id",
                store,
                wanted,
                rs -> new Tombstone(store, rs.getString(1), rs.getLong(2), Sql.getLong(rs, 3)),
                t -> tombstones.put(new Key(store, t.productId()), t));
    }

    private void loadOrders(String store, Set<String> orderIds) throws SQLException {
        orderIds.removeIf(id -> orders.containsKey(new Key(store, id)));
        for (String id : orderIds) {
            orders.put(new Key(store, id), new OrderRows());
        }
        queryIn(
                "SELECT order_id, line_id, variant_id, sku, quantity, reversed_quantity, unit_price, currency, sold_at, "
                        + "sale_day, delivery_id FROM sale_line",
                "order_id",
                store,
                orderIds,
                rs -> lineRow(store, rs.getString(1), rs, 2),
                l -> orders.get(new Key(store, l.orderId)).lines.putIfAbsent(l.lineId, l));
        queryIn(
                "SELECT order_id, reversal_id, line_id, quantity, reversed_at, delivery_id FROM sale_reversal",
                "order_id",
                store,
                orderIds,
                rs -> new ReversalRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        Sql.getInt(rs, 4),
                        rs.getLong(5),
                        Sql.getLong(rs, 6)),
                r -> orders.get(new Key(store, r.orderId())).reversals.putIfAbsent(r.reversalId(), r));
    }

    private static LineRow lineRow(String store, String orderId, ResultSet rs, int first) throws SQLException {
        LineRow l = new LineRow(store, orderId, rs.getString(first), true);
        l.variantId = rs.getString(first + 1);
        l.sku = rs.getString(first + 2);
        l.quantity = rs.getInt(first + 3);
        l.reversedQuantity = rs.getInt(first + 4);
        l.unitPrice = rs.getString(first + 5);
        l.currency = rs.getString(first + 6);
        l.soldAt = rs.getLong(first + 7);
        l.saleDay = rs.getString(first + 8);
        l.deliveryId = Sql.getLong(rs, first + 9);
        l.countedNet = l.quantity - l.reversedQuantity;
        return l;
    }

    // --- variants ----------------------------------------------------------------------------------------

    /** The variant, or null when the store has none with this id. */
    VariantRow variant(String store, String variantId) throws SQLException {
        Key key = new Key(store, variantId);
        if (!variantHeld(key)) { // most lookups are held: prefetched or carried
            loadVariantsById(store, one(variantId));
        }
        return variants.get(key);
    }

    /** The variant's row is held, or it is known not to exist. */
    private boolean variantHeld(Key key) {
        return variants.containsKey(key) || absentVariants.contains(key);
    }

    /** The inventory item's row is held, or it is known not to exist. */
    private boolean itemHeld(Key key) {
        return items.containsKey(key) || absentItems.contains(key);
    }

    /** A mutable set of one key, for the bulk loaders (which drop the keys already loaded). */
    private static Set<String> one(String key) {
        Set<String> keys = new HashSet<>();
        keys.add(key);
        return keys;
    }

    /** A new variant row (the caller fills it in and marks it changed). */
    VariantRow newVariant(String store, String variantId, String productId, String itemId, String sku) {
        Key key = new Key(store, variantId);
        absentVariants.remove(key);
        VariantRow row = new VariantRow(store, variantId);
        row.isNew = true;
        row.productId = productId;
        row.inventoryItemId = itemId;
        row.sku = sku;
        variants.put(key, row);
        index(byProduct, store, row.productId, row);
        index(byItem, store, row.inventoryItemId, row);
        index(bySku, store, row.sku, row);
        return row;
    }

    /** Variants of a product, deleted ones included. */
    Collection<VariantRow> variantsOfProduct(String store, String productId) throws SQLException {
        return bySecondary(store, productId, "product_id", productsLoaded, byProduct);
    }

    Collection<VariantRow> variantsOfItem(String store, String itemId) throws SQLException {
        return bySecondary(store, itemId, "inventory_item_id", itemsLoaded, byItem);
    }

    Collection<VariantRow> variantsWithSku(String store, String sku) throws SQLException {
        return bySecondary(store, sku, "sku", skusLoaded, bySku);
    }

    void setProduct(VariantRow row, String productId) {
        row.keysChanged |= reindex(byProduct, row.store, row.productId, productId, row);
        row.productId = productId;
    }

    void setItem(VariantRow row, String itemId) {
        row.keysChanged |= reindex(byItem, row.store, row.inventoryItemId, itemId, row);
        row.inventoryItemId = itemId;
    }

    void setSku(VariantRow row, String sku) {
        row.keysChanged |= reindex(bySku, row.store, row.sku, sku, row);
        row.sku = sku;
    }

    void changed(VariantRow row) {
        dirtyVariants.add(row);
    }

    /** Last sale must be recomputed from every stored line (after a reversal, or a SKU change). */
    void recomputeLastSale(VariantRow row) {
        lastSaleToRecompute.add(row);
    }

    private Collection<VariantRow> bySecondary(
            String store, String value, String column, Set<Key> loaded, Map<Key, Set<VariantRow>> index)
            throws SQLException {
        if (value == null) {
            return List.of();
        }
        Key key = new Key(store, value);
        if (!loaded.contains(key)) {
            loadVariants(store, column, one(value), loaded);
        }
        Set<VariantRow> rows = index.get(key);
        return rows == null ? List.of() : List.copyOf(rows);
    }

    private VariantRow adopt(VariantRow row) {
        variants.put(new Key(row.store, row.variantId), row);
        index(byProduct, row.store, row.productId, row);
        index(byItem, row.store, row.inventoryItemId, row);
        index(bySku, row.store, row.sku, row);
        return row;
    }

    private static void index(Map<Key, Set<VariantRow>> index, String store, String value, VariantRow row) {
        if (value != null) {
            index.computeIfAbsent(new Key(store, value), k -> new LinkedHashSet<>())
                    .add(row);
        }
    }

    /** Moves the row in a secondary index; false when the value did not change. */
    private static boolean reindex(
            Map<Key, Set<VariantRow>> index, String store, String before, String after, VariantRow row) {
        if (Objects.equals(before, after)) {
            return false;
        }
        if (before != null) {
            Set<VariantRow> rows = index.get(new Key(store, before));
            if (rows != null) {
                rows.remove(row);
            }
        }
        index(index, store, after, row);
        return true;
    }

    private static VariantRow variantRow(ResultSet rs) throws SQLException {
        VariantRow v = new VariantRow(rs.getString(1), rs.getString(2));
        v.productId = rs.getString(3);
        v.sku = rs.getString(4);
        v.title = rs.getString(5);
        v.price = rs.getString(6);
        v.currency = rs.getString(7);
        v.inventoryItemId = rs.getString(8);
        v.status = rs.getString(9);
        v.deleted = rs.getInt(10) != 0;
        v.firstSeen = rs.getLong(11);
        v.productUpdatedAt = rs.getLong(12);
        v.variantQuantity = Sql.getInt(rs, 13);
        v.stockTotal = Sql.getInt(rs, 14);
        v.lastSaleAt = Sql.getLong(rs, 15);
        v.deliveryId = Sql.getLong(rs, 16);
        return v;
    }

    // --- stock levels and inventory items ------------------------------------------------------------------

    /** Every level of an inventory item, by location (loaded once per batch). */
    Map<String, LevelRow> levels(String store, String itemId) throws SQLException {
        Key key = new Key(store, itemId);
        Map<String, LevelRow> levels = levelsOfItem.get(key);
        if (levels == null) {
            loadLevels(store, one(itemId));
            levels = levelsOfItem.get(key);
        }
        return levels;
    }

    LevelRow newLevel(String store, String itemId, String locationId) throws SQLException {
        LevelRow row = new LevelRow(store, itemId, locationId);
        levels(store, itemId).put(locationId, row);
        return row;
    }

    void changed(LevelRow row) {
        dirtyLevels.add(row);
    }

    /** Sum of connected levels when the item has any (null when none reports a number), else absent. */
    boolean hasConnectedLevel(String store, String itemId) throws SQLException {
        if (itemId == null) {
            return false;
        }
        for (LevelRow l : levels(store, itemId).values()) {
            if (l.connected) {
                return true;
            }
        }
        return false;
    }

    Integer connectedSum(String store, String itemId) throws SQLException {
        Integer sum = null;
        for (LevelRow l : levels(store, itemId).values()) {
            if (l.connected && l.available != null) {
                sum = (sum == null ? 0 : sum) + l.available;
            }
        }
        return sum;
    }

    ItemRow item(String store, String itemId) throws SQLException {
        Key key = new Key(store, itemId);
        if (!itemHeld(key)) {
            loadItems(store, one(itemId));
        }
        return items.get(key);
    }

    ItemRow newItem(String store, String itemId) {
        Key key = new Key(store, itemId);
        absentItems.remove(key);
        ItemRow row = new ItemRow(store, itemId);
        items.put(key, row);
        return row;
    }

    void changed(ItemRow row) {
        dirtyItems.add(row);
    }

    // --- stores ------------------------------------------------------------------------------------------

    StoreRow store(String store, String platform) throws SQLException {
        StoreRow row = stores.get(store);
        if (row == null) {
            row = s.queryOne(
                            "SELECT status, first_seen, last_event FROM store_state WHERE store = ?",
                            rs -> {
                                StoreRow r = new StoreRow(store, platform);
                                r.status = rs.getString(1);
                                r.firstSeen = rs.getLong(2);
                                r.lastEvent = rs.getLong(3);
                                return r;
                            },
                            store)
                    .orElse(null);
            if (row == null) {
                row = new StoreRow(store, platform);
                row.firstSeen = Long.MAX_VALUE;
                row.lastEvent = Long.MIN_VALUE;
            }
            stores.put(store, row);
        }
        return row;
    }

    void changed(StoreRow row) {
        dirtyStores.add(row);
    }

    // --- deleted products ------------------------------------------------------------------------------------

    /** When the product was deleted (the latest deletion), or null if it never was. */
    Long deletedAt(String store, String productId) throws SQLException {
        Key key = new Key(store, productId);
        if (!tombstonesLoaded.contains(key)) {
            loadTombstones(store, one(productId));
        }
        Tombstone t = tombstones.get(key);
        return t == null ? null : t.deletedAt();
    }

    /** Records a deletion of the product at {@code at}; an earlier one than already known changes nothing. */
    void deleted(String store, String productId, long at, Long deliveryId) throws SQLException {
        Long known = deletedAt(store, productId);
        if (known == null || at > known) {
            Tombstone t = new Tombstone(store, productId, at, deliveryId);
            tombstones.put(new Key(store, productId), t);
            dirtyTombstones.add(t);
        }
    }

    // --- sales -------------------------------------------------------------------------------------------

    /** The lines and reversals of an order (loaded once per batch). */
    OrderRows order(String store, String orderId) throws SQLException {
        Key key = new Key(store, orderId);
        OrderRows order = orders.get(key);
        if (order == null) {
            loadOrders(store, one(orderId));
            order = orders.get(key);
        }
        return order;
    }

    void changed(LineRow row) {
        dirtyLines.add(row);
    }

    // --- write-back --------------------------------------------------------------------------------------

    /** Writes every changed row; last sales that need the full sales history are recomputed on the way. */
    void flush() throws SQLException {
        flushStores();
        flushItems();
        flushLevels();
        flushLines();
        for (VariantRow v : lastSaleToRecompute) {
            // from the lines just written; the variant row then goes out with its other changes
            v.lastSaleAt = InventoryStore.lastSale(s, v.store, v.variantId, v.sku);
            dirtyVariants.add(v);
        }
        flushVariants();
        flushTombstones();
        stockDays.flush(s);
        salesMonths.flush(s);
    }

    private void flushStores() throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (StoreRow r : dirtyStores) {
            rows.add(new Object[] {r.store, r.platform, r.status, r.firstSeen, r.lastEvent});
        }
        s.batch(
                "INSERT INTO store_state (store, platform, status, first_seen, last_event) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (store) DO UPDATE SET status = excluded.status, "
                        + "first_seen = excluded.first_seen, last_event = excluded.last_event",
                rows);
    }

    private void flushTombstones() throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (Tombstone t : dirtyTombstones) {
            if (tombstones.get(new Key(t.store(), t.productId())) == t) { // only the latest of the batch
                rows.add(new Object[] {t.store(), t.productId(), t.deletedAt(), t.deliveryId()});
            }
        }
        s.batch(
                "INSERT INTO product_tombstone (store, product_id, deleted_at, delivery_id) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (store, product_id) DO UPDATE SET deleted_at = excluded.deleted_at, "
                        + "delivery_id = excluded.delivery_id",
                rows);
    }

    private void flushItems() throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (ItemRow r : dirtyItems) {
            rows.add(new Object[] {r.store, r.itemId, r.sku, r.deleted ? 1 : 0, r.updatedAt, r.deliveryId});
        }
        s.batch(
                "INSERT INTO inventory_item (store, inventory_item_id, sku, deleted, updated_at, delivery_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (store, inventory_item_id) DO UPDATE SET "
                        + "sku = excluded.sku, deleted = excluded.deleted, updated_at = excluded.updated_at, "
                        + "delivery_id = excluded.delivery_id",
                rows);
    }

    private void flushLevels() throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (LevelRow r : dirtyLevels) {
            rows.add(new Object[] {
                r.store, r.itemId, r.locationId, r.available, r.connected ? 1 : 0, r.updatedAt, r.deliveryId
            });
        }
        s.batch(
                "INSERT INTO stock_level (store, inventory_item_id, location_id, available, connected, updated_at, "
                        + "delivery_id) VALUES (?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (store, inventory_item_id, location_id) DO UPDATE SET "
                        + "available = excluded.available, connected = excluded.connected, "
                        + "updated_at = excluded.updated_at, delivery_id = excluded.delivery_id",
                rows);
    }

    private void flushLines() throws SQLException {
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        for (LineRow r : dirtyLines) {
            salesMonths.count(r);
            if (r.stored) {
                updates.add(new Object[] {r.reversedQuantity, r.store, r.orderId, r.lineId});
            } else {
                inserts.add(new Object[] {
                    r.store,
                    r.orderId,
                    r.lineId,
                    r.variantId,
                    r.sku,
                    r.quantity,
                    r.reversedQuantity,
                    r.unitPrice,
                    r.currency,
                    r.soldAt,
                    r.saleDay,
                    r.deliveryId
                });
            }
        }
        s.batch(
                "INSERT INTO sale_line (store, order_id, line_id, variant_id, sku, quantity, reversed_quantity, "
                        + "unit_price, currency, sold_at, sale_day, delivery_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                inserts);
        s.batch("UPDATE sale_line SET reversed_quantity = ? WHERE store = ? AND order_id = ? AND line_id = ?", updates);
        List<Object[]> reversals = new ArrayList<>();
        for (Map.Entry<Key, OrderRows> e : orders.entrySet()) {
            for (ReversalRow r : e.getValue().newReversals) {
                reversals.add(new Object[] {
                    e.getKey().store(),
                    r.orderId(),
                    r.reversalId(),
                    r.lineId(),
                    r.quantity(),
                    r.reversedAt(),
                    r.deliveryId()
                });
            }
        }
        s.batch(
                "INSERT INTO sale_reversal (store, order_id, reversal_id, line_id, quantity, reversed_at, delivery_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                reversals);
    }

    /**
     * New rows are inserted; rows whose indexed columns changed are rewritten whole; the rest (most: stock,
     * last sale) update only unindexed columns, so SQLite leaves the variant indexes alone.
     */
    private void flushVariants() throws SQLException {
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> rewrites = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        for (VariantRow v : dirtyVariants) {
            Object[] values = {
                v.title,
                v.price,
                v.currency,
                v.status,
                v.deleted ? 1 : 0,
                v.firstSeen,
                v.productUpdatedAt,
                v.variantQuantity,
                v.stockTotal,
                v.lastSaleAt,
                v.deliveryId,
                v.productId,
                v.sku,
                v.inventoryItemId,
                v.store,
                v.variantId
            };
            if (v.isNew) {
                inserts.add(values);
            } else if (v.keysChanged) {
                rewrites.add(values);
            } else {
                Object[] row = Arrays.copyOf(values, 13);
                row[11] = v.store;
                row[12] = v.variantId;
                updates.add(row);
            }
        }
        s.batch(
                "INSERT INTO variant (" + UNINDEXED + ", product_id, sku, inventory_item_id, store, variant_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                inserts);
        s.batch(
                "UPDATE variant SET " + UNINDEXED_SET + ", product_id = ?, sku = ?, inventory_item_id = ? "
                        + "WHERE store = ? AND variant_id = ?",
                rewrites);
        s.batch("UPDATE variant SET " + UNINDEXED_SET + " WHERE store = ? AND variant_id = ?", updates);
    }
}
