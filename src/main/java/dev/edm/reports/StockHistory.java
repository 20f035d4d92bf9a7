package dev.edm.reports;

import dev.edm.inventory.SalesHistory;
import dev.edm.inventory.SalesHistory.Scope;
import dev.edm.inventory.SalesHistory.StockDay;
import dev.edm.inventory.VariantRef;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Days in stock per variant over a window, from {@code stock_day}: a day with a change is in stock when the
 * total was above zero at some point that day (its maximum, the carried-in total included); a day without a
 * change keeps the previous day's end. Days before a variant's first known total are not in stock.
 */
final class StockHistory {
    /** A variant's days in stock in the window, its total at the end of the window, and whether any was known. */
    record Track(int daysInStock, Integer endAvailable, boolean known) {}

    private final Map<VariantRef, Track> tracks = new HashMap<>();
    private final int windowDays;

    StockHistory(SalesHistory history, Scope scope, LocalDate from, LocalDate to) {
        this.windowDays = (int) (to.toEpochDay() - from.toEpochDay() + 1);
        Map<VariantRef, Integer> before = history.stockBefore(scope, from.toString());
        Map<VariantRef, List<StockDay>> days = new HashMap<>();
        for (StockDay d : history.stockDays(scope)) {
            days.computeIfAbsent(new VariantRef(d.store(), d.variantId()), k -> new ArrayList<>())
                    .add(d);
        }
        for (Map.Entry<VariantRef, Integer> e : before.entrySet()) {
            tracks.put(e.getKey(), track(e.getValue(), days.getOrDefault(e.getKey(), List.of()), from));
        }
        for (Map.Entry<VariantRef, List<StockDay>> e : days.entrySet()) {
            tracks.computeIfAbsent(e.getKey(), k -> track(null, e.getValue(), from));
        }
    }

    int windowDays() {
        return windowDays;
    }

    /** The variant's track; empty-handed (not known) when edm has no stock history for it. */
    Track track(VariantRef ref) {
        return tracks.getOrDefault(ref, new Track(0, null, false));
    }

    private Track track(Integer carried, List<StockDay> changes, LocalDate from) {
        int inStock = 0;
        long next = from.toEpochDay();
        Integer level = carried;
        for (StockDay d : changes) {
            long day = LocalDate.parse(d.day()).toEpochDay();
            if (level != null && level > 0) {
                inStock += (int) (day - next); // unchanged days before this change
            }
            if (d.max() > 0) {
                inStock++;
            }
            level = d.end();
            next = day + 1;
        }
        long last = from.toEpochDay() + windowDays - 1;
        if (level != null && level > 0) {
            inStock += (int) (last - next + 1);
        }
        return new Track(inStock, level, true);
    }
}
