package dev.edm.alerts;

import dev.edm.storage.Session;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Threshold overrides in the database: a store's own override wins over one for every store. */
final class Thresholds {
    private Thresholds() {}

    static int forTotal(Session s, String store, String sku, int fallback) throws SQLException {
        if (sku == null) {
            return fallback;
        }
        return s.queryOne(
                        "SELECT threshold FROM threshold_override WHERE sku = ? AND location_id = '' AND store IN (?, '') "
                                + "ORDER BY store DESC",
                        rs -> rs.getInt(1),
                        sku,
                        store)
                .orElse(fallback);
    }

    /** Location id to threshold, for the locations this SKU has an override at. */
    static Map<String, Integer> forLocations(Session s, String store, String sku) throws SQLException {
        Map<String, Integer> byLocation = new LinkedHashMap<>();
        if (sku == null) {
            return byLocation;
        }
        // '' (every store) sorts first, so a store's own override replaces it
        for (Threshold t : s.query(
                "SELECT store, sku, location_id, threshold FROM threshold_override WHERE sku = ? AND location_id <> '' "
                        + "AND store IN (?, '') ORDER BY store",
                rs -> new Threshold(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)),
                sku,
                store)) {
            byLocation.put(t.locationId(), t.threshold());
        }
        return byLocation;
    }

    static void put(Session s, Threshold t, long now) throws SQLException {
        s.update(
                "INSERT INTO threshold_override (store, sku, location_id, threshold, updated_at) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (store, sku, location_id) DO UPDATE SET threshold = excluded.threshold, "
                        + "updated_at = excluded.updated_at",
                t.store(),
                t.sku(),
                t.locationId(),
                t.threshold(),
                now);
    }

    static int remove(Session s, String store, String sku, String locationId) throws SQLException {
        return s.update(
                "DELETE FROM threshold_override WHERE store = ? AND sku = ? AND location_id = ?",
                store == null ? "" : store,
                sku,
                locationId == null ? "" : locationId);
    }

    static List<Threshold> all(Session s) throws SQLException {
        return s.query(
                "SELECT store, sku, location_id, threshold FROM threshold_override ORDER BY sku, store, location_id",
                rs -> new Threshold(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
    }
}
