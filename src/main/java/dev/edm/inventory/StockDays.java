package dev.edm.inventory;

import dev.edm.storage.Session;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stock-history rows ({@code stock_day}) one batch changes: per variant and day the total carried into
 * the day, the lowest and highest total that day and the last. Written as one batched upsert that merges
 * with a row an earlier batch wrote for the same day, so a batch gives the same rows as one delivery at a time.
 */
final class StockDays {
    private record Key(String store, String variantId, String day) {}

    private static final class Day {
        final Integer start;
        int min;
        int max;
        int end;

        Day(Integer start, int value) {
            this.start = start;
            this.min = start == null ? value : Math.min(start, value);
            this.max = start == null ? value : Math.max(start, value);
            this.end = value;
        }
    }

    private final Map<Key, Day> days = new LinkedHashMap<>();

    /** A change from {@code before} to {@code after} on {@code day}; an unknown (null) total is not recorded. */
    void record(String store, String variantId, String day, Integer before, Integer after) {
        if (after == null || day == null) {
            return;
        }
        Day d = days.get(new Key(store, variantId, day));
        if (d == null) {
            days.put(new Key(store, variantId, day), new Day(before, after));
            return;
        }
        d.min = Math.min(d.min, after);
        d.max = Math.max(d.max, after);
        d.end = after;
    }

    void flush(Session s) throws SQLException {
        List<Object[]> rows = new ArrayList<>(days.size());
        for (Map.Entry<Key, Day> e : days.entrySet()) {
            Key k = e.getKey();
            Day d = e.getValue();
            rows.add(new Object[] {k.store(), k.variantId(), k.day(), d.start, d.min, d.max, d.end});
        }
        s.batch(
                "INSERT INTO stock_day (store, variant_id, day, start_available, min_available, max_available, "
                        + "end_available) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (store, variant_id, day) DO UPDATE SET "
                        + "min_available = CASE WHEN excluded.min_available < stock_day.min_available "
                        + "THEN excluded.min_available ELSE stock_day.min_available END, "
                        + "max_available = CASE WHEN excluded.max_available > stock_day.max_available "
                        + "THEN excluded.max_available ELSE stock_day.max_available END, "
                        + "end_available = excluded.end_available",
                rows);
        days.clear();
    }
}
