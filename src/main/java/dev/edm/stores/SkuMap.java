package dev.edm.stores;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.edm.event.DeliveryEvents;
import dev.edm.event.StoreKey;
import dev.edm.storage.Database;
import dev.edm.storage.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * SKUs that differ per channel: a store's SKU mapped to the canonical SKU every channel is joined on. Applied
 * to events before they change state (live and in replay alike), so state, alerts and reports name the
 * canonical SKU. Read through a snapshot cached for a couple of seconds.
 */
public final class SkuMap {
    private final Database db;
    private final Clock clock;
    private final LoadingCache<String, Map<String, Map<String, String>>> snapshot;

    /** One mapping: in {@code store}, {@code channelSku} means {@code canonicalSku}. */
    public record Mapping(StoreKey store, String channelSku, String canonicalSku) {
        public Mapping {
            Objects.requireNonNull(store, "store");
            channelSku = required(channelSku, "channel SKU");
            canonicalSku = required(canonicalSku, "canonical SKU");
        }

        private static String required(String sku, String what) {
            if (sku == null || sku.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return sku.strip();
        }
    }

    public SkuMap(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.snapshot = Caffeine.newBuilder()
                .expireAfterWrite(StoreRegistry.TTL)
                .maximumSize(1)
                .build(k -> load());
    }

    /** Adds or replaces mappings, all or none. */
    public void map(List<Mapping> mappings) {
        db.transaction(c -> {
            map(c, mappings);
            return null;
        });
        refresh();
    }

    /** Removes every mapping of a store inside the caller's transaction (a request to erase the store). */
    public void unmapStore(Connection c, String store) throws SQLException {
        Sql.update(c, "DELETE FROM sku_mapping WHERE store = ?", store);
        snapshot.invalidateAll();
    }

    /** Drops the cached snapshot (after a transaction that changed mappings committed). */
    public void refresh() {
        snapshot.invalidateAll();
    }

    /** Adds or replaces mappings inside the caller's transaction; readers see them once it commits. */
    public void map(Connection c, List<Mapping> mappings) throws SQLException {
        for (Mapping m : mappings) {
            Sql.update(
                    c,
                    "DELETE FROM sku_mapping WHERE store = ? AND channel_sku = ?",
                    m.store().id(),
                    m.channelSku());
            Sql.update(
                    c,
                    "INSERT INTO sku_mapping (store, channel_sku, canonical_sku, updated_at) VALUES (?, ?, ?, ?)",
                    m.store().id(),
                    m.channelSku(),
                    m.canonicalSku(),
                    clock.millis());
        }
        snapshot.invalidateAll();
    }

    /** Removes a mapping; false when there was none. */
    public boolean unmap(StoreKey store, String channelSku) {
        boolean removed = db.transaction(c ->
                Sql.update(c, "DELETE FROM sku_mapping WHERE store = ? AND channel_sku = ?", store.id(), channelSku)
                        > 0);
        snapshot.invalidateAll();
        return removed;
    }

    public List<Mapping> list() {
        return db.read(c -> Sql.query(
                c,
                "SELECT store, channel_sku, canonical_sku FROM sku_mapping ORDER BY canonical_sku, store, channel_sku",
                rs -> new Mapping(StoreKey.parse(rs.getString(1)), rs.getString(2), rs.getString(3))));
    }

    /** The deliveries with their stores' SKUs replaced by the canonical ones (the same list when none apply). */
    public List<DeliveryEvents> rewrite(List<DeliveryEvents> deliveries) {
        Map<String, Map<String, String>> byStore = snapshot.get("all");
        if (byStore.isEmpty()) {
            return deliveries;
        }
        List<DeliveryEvents> out = new ArrayList<>(deliveries.size());
        for (DeliveryEvents d : deliveries) {
            out.add(SkuRewrite.apply(d, byStore));
        }
        return out;
    }

    private Map<String, Map<String, String>> load() {
        Map<String, Map<String, String>> byStore = new HashMap<>();
        for (Mapping m : list()) {
            byStore.computeIfAbsent(m.store().id().toLowerCase(Locale.ROOT), k -> new HashMap<>())
                    .put(m.channelSku(), m.canonicalSku());
        }
        return Map.copyOf(byStore);
    }
}
