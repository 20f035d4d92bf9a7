package dev.edm.inventory;

import dev.edm.storage.Database;
import dev.edm.storage.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What edm currently knows about one store, read once so a platform's API answer can be compared with it:
 * variants by id and by product, stock levels by item and location, sold lines by (order, line) and reversals
 * by (order, reversal id).
 */
public final class KnownState {
    private final Map<String, VariantState> variants = new HashMap<>();
    private final Map<String, List<VariantState>> byProduct = new HashMap<>();
    private final Map<String, Map<String, LevelState>> levels = new HashMap<>();
    private final Set<String> saleLines = new HashSet<>();
    private final Set<String> reversals = new HashSet<>();

    private KnownState() {}

    /** Loads the store's state ({@code platform:store}). */
    public static KnownState load(Database db, Inventory inventory, String store) {
        KnownState s = new KnownState();
        for (VariantState v : inventory.variants(Optional.of(store))) {
            s.variants.put(v.variantId(), v);
            s.byProduct.computeIfAbsent(v.productId(), k -> new ArrayList<>()).add(v);
        }
        for (LevelState l : inventory.levels(Optional.of(store))) {
            s.levels.computeIfAbsent(l.inventoryItemId(), k -> new HashMap<>()).put(l.locationId(), l);
        }
        db.read(c -> {
            for (String key : Sql.query(
                    c,
                    "SELECT order_id, line_id FROM sale_line WHERE store = ?",
                    rs -> key(rs.getString(1), rs.getString(2)),
                    store)) {
                s.saleLines.add(key);
            }
            for (String key : Sql.query(
                    c,
                    "SELECT order_id, reversal_id FROM sale_reversal WHERE store = ?",
                    rs -> key(rs.getString(1), rs.getString(2)),
                    store)) {
                s.reversals.add(key);
            }
            return null;
        });
        return s;
    }

    public Optional<VariantState> variant(String variantId) {
        return Optional.ofNullable(variants.get(variantId));
    }

    /** The product's variants, deleted ones too. */
    public List<VariantState> variantsOfProduct(String productId) {
        return byProduct.getOrDefault(productId, List.of());
    }

    /** Ids of products with at least one variant not deleted. */
    public Set<String> liveProducts() {
        Set<String> ids = new HashSet<>();
        byProduct.forEach((id, list) -> {
            if (list.stream().anyMatch(v -> !v.deleted())) {
                ids.add(id);
            }
        });
        return ids;
    }

    public Optional<LevelState> level(String inventoryItemId, String locationId) {
        return Optional.ofNullable(
                levels.getOrDefault(inventoryItemId, Map.of()).get(locationId));
    }

    /** Whether stock of this item is known per location (then the variant's total is their sum). */
    public boolean hasLevels(String inventoryItemId) {
        return inventoryItemId != null
                && !levels.getOrDefault(inventoryItemId, Map.of()).isEmpty();
    }

    /** Every inventory item known, from variants or stock levels. */
    public Set<String> inventoryItems() {
        Set<String> items = new HashSet<>(levels.keySet());
        for (VariantState v : variants.values()) {
            if (v.inventoryItemId() != null) {
                items.add(v.inventoryItemId());
            }
        }
        return items;
    }

    public boolean knowsSale(String orderId, String lineId) {
        return saleLines.contains(key(orderId, lineId));
    }

    public boolean knowsReversal(String orderId, String reversalId) {
        return reversals.contains(key(orderId, reversalId));
    }

    /** When the newest description of the product was applied (its platform time), if any. */
    public Optional<Instant> productUpdatedAt(String productId) {
        return variantsOfProduct(productId).stream()
                .map(VariantState::updatedAt)
                .max(Instant::compareTo);
    }

    private static String key(String a, String b) {
        return a + '\u0000' + b;
    }
}
