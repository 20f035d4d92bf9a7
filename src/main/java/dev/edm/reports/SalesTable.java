package dev.edm.reports;

import dev.edm.inventory.SalesHistory.SeriesRow;
import dev.edm.inventory.SalesHistory.SoldRow;
import dev.edm.output.Csv;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The sales report by week or month: units and revenue per series (store, SKU, variant, currency) and period,
 * gathered from rows that come in any order, then written period by period with the series in order, then the
 * totals. Its entries (a series' units at one price in one period) are held in a few flat arrays, sorted into
 * report order at the end and summed as they are written: a year of 100,000 SKUs by month is about a million
 * entries, which as objects would keep the garbage collector busy and be read in no order of memory.
 */
final class SalesTable {
    private final Supplier<SalesReports.Lines> linesOf;
    private SalesReports.Lines lines; // made with the first series (the titles are read meanwhile)
    private final List<SalesReports.Series> series = new ArrayList<>();
    private final Map<String, Integer> seriesIndex = new HashMap<>();
    private final List<String> periods = new ArrayList<>();
    private final Map<String, Integer> periodIndex = new HashMap<>();
    private int lastPeriod = -1;
    private final Map<String, Integer> dayPeriods = new HashMap<>(); // by week: each day's period
    private String lastDay;

    // the entries: series, period, units, and revenue (units times the unit price: unscaled, digits after the
    // point; in big when it does not fit in a long)
    private int size;
    private int[] entrySeries = new int[1024];
    private int[] entryPeriod = new int[1024];
    private long[] entryUnits = new long[1024];
    private long[] entryRevenue = new long[1024];
    private byte[] entryScale = new byte[1024];
    private final Map<Integer, BigDecimal> big = new HashMap<>();

    /** {@code lines} makes the report's series and writes its lines (asked for once, at the first series). */
    SalesTable(Supplier<SalesReports.Lines> lines) {
        this.linesOf = lines;
    }

    /**
     * A new series, made (with its CSV cells) while the rows are still being read: the caller would otherwise
     * wait for the database here.
     */
    private int newSeries(SalesReports.Key key) {
        if (lines == null) {
            lines = linesOf.get();
        }
        SalesReports.Series s = lines.series(null, series.size(), key);
        s.csv();
        series.add(s);
        return series.size() - 1;
    }

    /** Adds a series' months (see {@code SalesHistory.forEachMonthSeries}). */
    void add(SeriesRow r) {
        int s = seriesIndex.computeIfAbsent(
                r.series(), k -> newSeries(new SalesReports.Key("", r.store(), r.sku(), r.variantId(), r.currency())));
        while (r.next()) {
            int p = period(r);
            long unscaled = r.hasPrice() ? r.priceUnscaled() : 0;
            if (unscaled == Long.MIN_VALUE) { // not a plain decimal of up to 18 digits
                add(s, p, r.units(), r.unitPrice());
            } else {
                add(s, p, r.units(), unscaled, r.hasPrice() ? r.priceScale() : 0);
            }
        }
    }

    /** Adds a row by day, in the period {@code periodOf} its day (rows of one day mostly come together). */
    void add(SoldRow r, UnaryOperator<String> periodOf) {
        if (lastDay == null || !r.periodIs(lastDay)) {
            lastDay = r.period();
            lastPeriod = dayPeriods.computeIfAbsent(lastDay, d -> period(periodOf.apply(d)));
        }
        String key = r.series();
        Integer s = seriesIndex.get(key);
        if (s == null) {
            s = newSeries(new SalesReports.Key("", r.store(), r.sku(), r.variantId(), r.currency()));
            seriesIndex.put(key, s);
        }
        add(s, lastPeriod, r.units(), r.unitPrice());
    }

    /** The index of the month of the series row's entry: most rows list the same months in the same order. */
    private int period(SeriesRow r) {
        for (int i = Math.max(lastPeriod, 0); i < Math.min(lastPeriod + 2, periods.size()); i++) {
            if (r.periodIs(periods.get(i))) {
                return lastPeriod = i;
            }
        }
        for (int i = 0; i < periods.size(); i++) {
            if (r.periodIs(periods.get(i))) {
                return lastPeriod = i;
            }
        }
        return lastPeriod = period(r.period());
    }

    private int period(String name) {
        return periodIndex.computeIfAbsent(name, n -> {
            periods.add(n);
            return periods.size() - 1;
        });
    }

    private void add(int s, int period, long units, BigDecimal price) {
        BigDecimal p = price == null ? BigDecimal.ZERO : ExactSum.plain(price);
        if (ExactSum.fits(p)) {
            add(s, period, units, p.unscaledValue().longValue(), p.scale());
        } else {
            addExact(s, period, units, p.multiply(BigDecimal.valueOf(units)));
        }
    }

    private void add(int s, int period, long units, long priceUnscaled, int priceScale) {
        long revenue;
        try {
            revenue = Math.multiplyExact(priceUnscaled, units);
        } catch (ArithmeticException overflow) {
            addExact(
                    s,
                    period,
                    units,
                    BigDecimal.valueOf(priceUnscaled, priceScale).multiply(BigDecimal.valueOf(units)));
            return;
        }
        int e = entry(s, period, units);
        entryRevenue[e] = revenue;
        entryScale[e] = (byte) priceScale;
        series.get(s).lines.add(units, revenue, priceScale);
    }

    /** An entry whose revenue does not fit in a long. */
    private void addExact(int s, int period, long units, BigDecimal revenue) {
        big.put(entry(s, period, units), revenue);
        series.get(s).lines.add(units, revenue);
    }

    private int entry(int s, int period, long units) {
        if (size == entrySeries.length) {
            int grown = size * 2;
            entrySeries = Arrays.copyOf(entrySeries, grown);
            entryPeriod = Arrays.copyOf(entryPeriod, grown);
            entryUnits = Arrays.copyOf(entryUnits, grown);
            entryRevenue = Arrays.copyOf(entryRevenue, grown);
            entryScale = Arrays.copyOf(entryScale, grown);
        }
        entrySeries[size] = s;
        entryPeriod[size] = period;
        entryUnits[size] = units;
        return size++;
    }

    /** Writes the report's lines: by period, then store, SKU, variant and currency; then the totals. */
    void write() {
        int[] periodRank = rank(sorted(periods.size(), (a, b) -> periods.get(a).compareTo(periods.get(b))));
        int[] seriesOrder = sorted(
                series.size(), (a, b) -> SalesReports.Grouper.SERIES_ORDER.compare(series.get(a), series.get(b)));
        int[] seriesRank = rank(seriesOrder);
        // the entries in report order: sorted by series, then (stably) by period
        int[] bySeries = countingSort(identity(size), entrySeries, seriesRank, series.size());
        int[] order = countingSort(bySeries, entryPeriod, periodRank, periods.size());
        String name = null;
        String csv = null;
        for (int i = 0; i < order.length; ) {
            int first = order[i];
            int s = entrySeries[first];
            int p = entryPeriod[first];
            if (name == null || !name.equals(periods.get(p))) {
                name = periods.get(p);
                csv = Csv.cell(name);
            }
            if ((i + 1 == order.length || entrySeries[order[i + 1]] != s || entryPeriod[order[i + 1]] != p)
                    && (big.isEmpty() || !big.containsKey(first))) { // one price in the period: most lines
                lines.line(
                        name,
                        csv,
                        series.get(s),
                        entryUnits[first],
                        ExactSum.of(entryRevenue[first], entryScale[first]));
                i++;
                continue;
            }
            long units = 0;
            ExactSum revenue = new ExactSum();
            for (; i < order.length && entrySeries[order[i]] == s && entryPeriod[order[i]] == p; i++) {
                int same = order[i];
                units += entryUnits[same];
                BigDecimal exact = big.isEmpty() ? null : big.get(same);
                if (exact != null) {
                    revenue.add(exact, 1);
                } else {
                    revenue.add(entryRevenue[same], entryScale[same], 1);
                }
            }
            lines.line(name, csv, series.get(s), units, revenue);
        }
        if (lines != null) {
            List<SalesReports.Series> inOrder = new ArrayList<>(series.size());
            for (int s : seriesOrder) {
                inOrder.add(series.get(s));
            }
            lines.totals(inOrder);
        }
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /** Items 0 to {@code n - 1} in the order of {@code order}. */
    private static int[] sorted(int n, Comparator<Integer> order) {
        Integer[] sorted = new Integer[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = i;
        }
        Arrays.sort(sorted, order);
        return Arrays.stream(sorted).mapToInt(Integer::intValue).toArray();
    }

    /** Each item's place in {@code sorted}. */
    private static int[] rank(int[] sorted) {
        int[] rank = new int[sorted.length];
        for (int r = 0; r < sorted.length; r++) {
            rank[sorted[r]] = r;
        }
        return rank;
    }

    /** {@code entries} stably sorted by the rank of their {@code key} (one of {@code keys} values). */
    private static int[] countingSort(int[] entries, int[] key, int[] rank, int keys) {
        int[] start = new int[keys + 1];
        for (int e : entries) {
            start[rank[key[e]] + 1]++;
        }
        for (int k = 0; k < keys; k++) {
            start[k + 1] += start[k];
        }
        int[] out = new int[entries.length];
        for (int e : entries) {
            out[start[rank[key[e]]]++] = e;
        }
        return out;
    }
}
