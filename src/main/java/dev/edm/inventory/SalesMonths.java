package dev.edm.inventory;

import dev.edm.storage.Session;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code sales_month} changes of one batch: each written sale line adds the change of its net units
 * since it was last counted to its month's row. One batched upsert that adds to what earlier batches wrote,
 * so any batching gives the same rows as one delivery at a time (a row exists for every line's key, even at 0).
 */
final class SalesMonths {
    private record Key(String store, String sku, String variantId, String currency, String unitPrice, String month) {}

    private final Map<Key, long[]> deltas = new LinkedHashMap<>();

    void count(StateBatch.LineRow line) {
        int net = line.quantity - line.reversedQuantity;
        Key key = new Key(
                line.store,
                nz(line.sku),
                nz(line.variantId),
                nz(line.currency),
                nz(line.unitPrice),
                line.saleDay.substring(0, 7));
        deltas.computeIfAbsent(key, k -> new long[1])[0] += net - line.countedNet;
        line.countedNet = net;
    }

    void flush(Session s) throws SQLException {
        List<Object[]> rows = new ArrayList<>(deltas.size());
        for (Map.Entry<Key, long[]> e : deltas.entrySet()) {
            Key k = e.getKey();
            rows.add(new Object[] {
                k.store(), k.sku(), k.variantId(), k.currency(), k.unitPrice(), k.month(), e.getValue()[0]
            });
        }
        s.batch(
                "INSERT INTO sales_month (store, sku, variant_id, currency, unit_price, month, units) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (store, sku, variant_id, currency, unit_price, month) "
                        + "DO UPDATE SET units = sales_month.units + excluded.units",
                rows);
        deltas.clear();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
