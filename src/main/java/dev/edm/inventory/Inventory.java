package dev.edm.inventory;

import dev.edm.event.DeliveryEvents;
import dev.edm.storage.Database;
import dev.edm.storage.Filter;
import dev.edm.storage.PackedColumns;
import dev.edm.storage.PackedRow;
import dev.edm.storage.PackedStream;
import dev.edm.storage.Session;
import dev.edm.storage.Sql;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The inventory feature's entry point: applies canonical events to per-store state (catalog, stock per
 * variant and location, sales lines, last sale, first seen) and answers read queries over it.
 */
public final class Inventory {
    /** Derived tables, in the order replay empties them. */
    private static final List<String> DERIVED = List.of(
            "product_tombstone",
            "stock_day",
            "sales_month",
            "sale_reversal",
            "sale_line",
            "stock_level",
            "inventory_item",
            "variant",
            "store_state",
            "price_observation");

    private static final String VARIANT_COLUMNS = "store, variant_id, product_id, sku, title, price, currency, "
            + "inventory_item_id, status, deleted, first_seen, product_updated_at, stock_total, last_sale_at";

    private final Database db;

    public Inventory(Database db) {
        this.db = db;
    }

    /**
     * Applies several deliveries' events, in order, inside the caller's transaction: the rows they touch are
     * changed in memory and written once at the end. Returns the variants that changed, each with the last
     * delivery that changed it.
     */
    public Map<VariantRef, Long> applyAll(Session session, List<DeliveryEvents> deliveries) throws SQLException {
        return applyAll(session, deliveries, null, true);
    }

    /**
     * Rows carried from one batch to the next, so a batch loads only rows the batches before it did not: for
     * replay, which is the only writer of derived state for its whole run (it holds the processing lease, and
     * the server is stopped). A batch is carried on only once its transaction has committed (a pinned
     * session's {@link Session#afterCommit}), never after a failure or a rollback to a savepoint, and not across
     * an erasure of derived rows ({@link #eraseStore}, {@link #clearDerivedState}). Not thread-safe: one
     * processing thread.
     */
    public static final class Carry {
        /** Beyond this many rows and known-absent keys, a batch is not carried (memory). */
        static final int MAX_ROWS = 500_000;

        private StateBatch batch;
        private boolean committed;
        private long erasures;

        /** The committed batch to go on with (now on {@code session}), or null: load afresh. */
        private StateBatch take(Session session) {
            StateBatch carried = committed && erasures == ERASURES.get() ? batch : null;
            batch = null;
            committed = false;
            if (carried != null) {
                carried.nextBatch(session);
            }
            return carried;
        }

        /** The batch goes on to the next one if its transaction commits with no erasure since {@code erasuresAtStart}. */
        private void offer(StateBatch flushed, Session session, long erasuresAtStart) {
            if (flushed.size() > MAX_ROWS) {
                return;
            }
            batch = flushed;
            committed = false;
            erasures = erasuresAtStart;
            session.afterCommit(() -> committed = batch == flushed);
        }
    }

    /** A set that keeps nothing: changed variants nobody asked for. */
    private static final class Discarded extends AbstractSet<VariantRef> {
        @Override
        public boolean add(VariantRef ref) {
            return false;
        }

        @Override
        public Iterator<VariantRef> iterator() {
            return Collections.emptyIterator();
        }

        @Override
        public int size() {
            return 0;
        }
    }

    /** Erasures of derived rows so far in this process: a carried batch from before one is stale. */
    private static final AtomicLong ERASURES = new AtomicLong();

    /**
     * {@link #applyAll(Session, List)}, going on from the rows of the batch before (see {@link Carry}) when given;
     * with {@code changes} false (replay, which checks alerts once at the end) the changed variants are not
     * collected and the map is empty.
     */
    public Map<VariantRef, Long> applyAll(
            Session session, List<DeliveryEvents> deliveries, Carry carry, boolean changes) throws SQLException {
        long erasures = ERASURES.get();
        StateBatch carried = carry == null ? null : carry.take(session);
        StateBatch batch = carried != null ? carried : new StateBatch(session);
        batch.prefetch(deliveries);
        Map<VariantRef, Long> changed = new LinkedHashMap<>();
        Set<VariantRef> byDelivery = changes ? new LinkedHashSet<>() : new Discarded();
        for (DeliveryEvents d : deliveries) {
            byDelivery.clear();
            batch.receivedAt(d.provenance().receivedAt().toEpochMilli());
            InventoryStore.apply(batch, d.provenance(), d.events(), byDelivery);
            for (VariantRef ref : byDelivery) {
                changed.remove(ref); // keeps the map in order of last change
                changed.put(ref, d.provenance().deliveryId());
            }
        }
        batch.flush();
        if (carry != null) {
            carry.offer(batch, session, erasures);
        }
        return changed;
    }

    /** Deletes every derived row of one store (a platform's request to erase a shop). */
    public static void eraseStore(Session session, String store) throws SQLException {
        ERASURES.incrementAndGet();
        for (String table : DERIVED) {
            session.update("DELETE FROM " + table + " WHERE store = ?", store);
        }
    }

    /** Aggregating read queries for analytics reports. */
    public SalesHistory history() {
        return new SalesHistory(db);
    }

    /** Empties all derived state (replay rebuilds it from the inbox). */
    public static void clearDerivedState(Session session) throws SQLException {
        ERASURES.incrementAndGet();
        for (String table : DERIVED) {
            session.update("DELETE FROM " + table);
        }
    }

    public Optional<VariantState> variant(String store, String variantId) {
        return db.read(c -> Sql.queryOne(
                c,
                "SELECT " + VARIANT_COLUMNS + " FROM variant WHERE store = ? AND variant_id = ?",
                Inventory::variantRow,
                store,
                variantId));
    }

    /** Reads a variant within a transaction (alert evaluation sees uncommitted changes of the same delivery). */
    public static Optional<VariantState> variant(Session session, String store, String variantId) throws SQLException {
        return session.queryOne(
                "SELECT " + VARIANT_COLUMNS + " FROM variant WHERE store = ? AND variant_id = ?",
                Inventory::variantRow,
                store,
                variantId);
    }

    /** The variants of other stores that carry the same SKU and are not deleted (one SKU across channels). */
    public static List<VariantState> sameSkuElsewhere(Session session, String store, String sku) throws SQLException {
        return session.query(
                "SELECT " + VARIANT_COLUMNS + " FROM variant WHERE sku = ? AND store <> ? AND deleted = 0 "
                        + "ORDER BY store, variant_id",
                Inventory::variantRow,
                sku,
                store);
    }

    /** All variants (deleted ones too), optionally of one store, ordered by store and title. */
    public List<VariantState> variants(Optional<String> store) {
        Filter f = new Filter().eq("store", store);
        PackedRow row = new PackedRow(14);
        List<VariantState> out = new ArrayList<>();
        PackedStream.read(
                db,
                List.of(PackedStream.Query.of(
                        PACKED_VARIANT_COLUMNS,
                        "FROM variant" + f.where() + " ORDER BY store, title, variant_id",
                        Arrays.asList(f.params()))),
                row,
                () -> out.add(new VariantState(
                        row.text(0),
                        row.text(1),
                        row.text(2),
                        row.textOrNull(3),
                        row.textOrNull(4),
                        row.textOrNull(5),
                        row.textOrNull(6),
                        row.textOrNull(7),
                        row.textOrNull(8),
                        row.number(9) == 1,
                        Instant.ofEpochMilli(row.number(10)),
                        Instant.ofEpochMilli(row.number(11)),
                        row.isEmpty(12) ? null : (int) row.number(12),
                        row.isEmpty(13) ? null : Instant.ofEpochMilli(row.number(13)))));
        return out;
    }

    /**
     * Every variant's title (null when it has none; deleted variants too), optionally of one store, by
     * "store|variant id": what a report of millions of sales lines needs of the catalog.
     */
    public Map<String, String> titles(Optional<String> store) {
        Filter f = new Filter().eq("store", store);
        PackedRow row = new PackedRow(3);
        Map<String, String> out = new HashMap<>();
        PackedStream.read(
                db,
                List.of(PackedStream.Query.of(
                        List.of("store", "variant_id", PackedColumns.nullable("title")),
                        "FROM variant" + f.where(),
                        Arrays.asList(f.params()))),
                row,
                () -> out.put(row.text(0) + "|" + row.text(1), row.textOrNull(2)));
        return out;
    }

    /** {@link #VARIANT_COLUMNS} as read packed (every variant is read for the reports; see {@link PackedColumns}). */
    private static final List<String> PACKED_VARIANT_COLUMNS = List.of(
            "store",
            "variant_id",
            "product_id",
            PackedColumns.nullable("sku"),
            PackedColumns.nullable("title"),
            PackedColumns.nullable("price"),
            PackedColumns.nullable("currency"),
            PackedColumns.nullable("inventory_item_id"),
            PackedColumns.nullable("status"),
            "deleted",
            "first_seen",
            "product_updated_at",
            "stock_total",
            "last_sale_at");

    /** Every variant, deleted ones too (a full check resolves their leftover alerts). */
    public static List<VariantRef> allVariants(Session session) throws SQLException {
        return session.query(
                "SELECT store, variant_id FROM variant ORDER BY store, variant_id",
                rs -> new VariantRef(rs.getString(1), rs.getString(2)));
    }

    public static Optional<Integer> levelAt(Session session, String store, String inventoryItemId, String locationId)
            throws SQLException {
        return session.queryOne(
                "SELECT available FROM stock_level WHERE store = ? AND inventory_item_id = ? AND location_id = ? AND connected = 1",
                rs -> Sql.getInt(rs, 1),
                store,
                inventoryItemId,
                locationId);
    }

    public List<LevelState> levels(Optional<String> store) {
        Filter f = new Filter().eq("store", store);
        return db.read(c -> Sql.query(
                c,
                "SELECT store, inventory_item_id, location_id, available, connected, updated_at FROM stock_level"
                        + f.where() + " ORDER BY store, inventory_item_id, location_id",
                rs -> new LevelState(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        Sql.getInt(rs, 4),
                        rs.getInt(5) == 1,
                        Instant.ofEpochMilli(rs.getLong(6))),
                f.params()));
    }

    /** Sold lines between two days (inclusive, yyyy-mm-dd, UTC), optionally of one store. */
    public List<SaleLine> sales(Optional<String> store, Optional<String> fromDay, Optional<String> toDay) {
        Filter f = new Filter().eq("store", store).atLeast("sale_day", fromDay).atMost("sale_day", toDay);
        return db.read(c -> Sql.query(
                c,
                "SELECT store, order_id, line_id, variant_id, sku, quantity, reversed_quantity, unit_price, currency, "
                        + "sold_at, sale_day FROM sale_line" + f.where()
                        + " ORDER BY sale_day, store, sku, order_id, line_id",
                rs -> new SaleLine(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getInt(6),
                        rs.getInt(7),
                        rs.getString(8) == null ? null : new BigDecimal(rs.getString(8)),
                        rs.getString(9),
                        Instant.ofEpochMilli(rs.getLong(10)),
                        rs.getString(11)),
                f.params()));
    }

    /**
     * A SHA-256 over every derived row in a fixed order, without provenance columns: two databases with the
     * same checksum hold the same state (used to prove replay equals live processing).
     */
    public String checksum() {
        return db.read(c -> {
            MessageDigest digest = sha256();
            List<String> queries = List.of(
                    "SELECT store, platform, status FROM store_state ORDER BY store",
                    "SELECT store, variant_id, product_id, sku, title, price, currency, inventory_item_id, status, deleted, "
                            + "first_seen, product_updated_at, variant_quantity, stock_total, last_sale_at FROM variant "
                            + "ORDER BY store, variant_id",
                    "SELECT store, inventory_item_id, location_id, available, connected, updated_at FROM stock_level "
                            + "ORDER BY store, inventory_item_id, location_id",
                    "SELECT store, inventory_item_id, sku, deleted, updated_at FROM inventory_item "
                            + "ORDER BY store, inventory_item_id",
                    "SELECT store, order_id, line_id, variant_id, sku, quantity, reversed_quantity, unit_price, currency, "
                            + "sold_at, sale_day FROM sale_line ORDER BY store, order_id, line_id",
                    "SELECT store, order_id, reversal_id, line_id, quantity, reversed_at FROM sale_reversal "
                            + "ORDER BY store, order_id, reversal_id",
                    "SELECT store, sku, variant_id, currency, unit_price, month, units FROM sales_month "
                            + "ORDER BY store, sku, variant_id, currency, unit_price, month",
                    "SELECT store, variant_id, day, start_available, min_available, max_available, end_available "
                            + "FROM stock_day ORDER BY store, variant_id, day",
                    "SELECT store, marketplace_id, product_id, item_condition, source, observed_at, own_price, "
                            + "own_currency, buy_box_price, buy_box_currency, lowest_price, lowest_currency, "
                            + "competitive_price, competitive_currency, offer_count, issue FROM price_observation "
                            + "ORDER BY store, marketplace_id, product_id, item_condition, source, observed_at");
            for (String sql : queries) {
                try (var ps = c.prepareStatement(sql);
                        ResultSet rs = ps.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            row.append(rs.getString(i)).append('\u001f');
                        }
                        digest.update(row.append('\n').toString().getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        });
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A row of {@link #VARIANT_COLUMNS}, read by position (reports read 100,000s of them). */
    static VariantState variantRow(ResultSet rs) throws SQLException {
        Long lastSale = Sql.getLong(rs, 14);
        return new VariantState(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getInt(10) == 1,
                Instant.ofEpochMilli(rs.getLong(11)),
                Instant.ofEpochMilli(rs.getLong(12)),
                Sql.getInt(rs, 13),
                lastSale == null ? null : Instant.ofEpochMilli(lastSale));
    }
}
