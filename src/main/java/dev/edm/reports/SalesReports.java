package dev.edm.reports;

import dev.edm.inventory.SalesHistory;
import dev.edm.inventory.SalesHistory.Scope;
import dev.edm.inventory.SalesHistory.Sold;
import dev.edm.inventory.VariantState;
import dev.edm.output.Csv;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sales, top sellers and ABC classes from sold units aggregated in the database. Revenue is net units times
 * the exact unit price, summed per currency: amounts in different currencies are never added.
 */
final class SalesReports {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private final SalesHistory history;

    SalesReports(SalesHistory history) {
        this.history = history;
    }

    /** Units and revenue of one key. */
    static final class Sum {
        long units;
        private final ExactSum revenue = new ExactSum();
        private BigDecimal made; // revenue() since the last add

        void add(Sold s) {
            units += s.units();
            revenue.add(s.unitPrice(), s.units());
            made = null;
        }

        void add(long units, ExactSum revenue) {
            this.units += units;
            this.revenue.add(revenue);
            made = null;
        }

        /** Adds {@code units} and a revenue of {@code unscaled} with {@code scale} digits after the point. */
        void add(long units, long unscaled, int scale) {
            this.units += units;
            this.revenue.add(unscaled, scale, 1);
            made = null;
        }

        void add(long units, BigDecimal revenue) {
            this.units += units;
            this.revenue.add(revenue, 1);
            made = null;
        }

        BigDecimal revenue() {
            if (made == null) {
                made = revenue.toBigDecimal();
            }
            return made;
        }
    }

    static final List<String> SALES_COLUMNS =
            List.of("period", "shop", "platform", "sku", "variant_id", "title", "units", "revenue", "currency");

    /** Per period, store, SKU, variant and currency; then a total per store, SKU and currency; then per currency. */
    Table sales(Reports.Filter f, Scope scope, Supplier<Map<String, String>> titles) {
        List<List<Object>> out = new ArrayList<>();
        sales(f, scope, titles, out::add);
        return new Table("sales", SALES_COLUMNS, out);
    }

    /**
     * The rows of {@link #sales(Reports.Filter, Scope, Map)} handed to {@code sink} as they are made. By day the
     * database returns them in report order, so only the per-SKU totals are held; by week or month they are
     * summed per series and period first (a year by month is read a series at a time, see {@link
     * SalesHistory#forEachMonthSeries}).
     */
    void sales(Reports.Filter f, Scope scope, Supplier<Map<String, String>> titlesOf, Consumer<List<Object>> sink) {
        Background<Map<String, String>> titles = Background.start("edm-report-titles", titlesOf);
        switch (f.period().orElse("day")) {
            case "month" -> {
                SalesTable table = new SalesTable(() -> new Lines(titles.join(), sink));
                history.forEachMonthSeries(scope, table::add);
                table.write();
            }
            case "week" -> {
                SalesTable table = new SalesTable(() -> new Lines(titles.join(), sink));
                history.forEachSold(scope, false, row -> table.add(row, SalesReports::week));
                table.write();
            }
            default -> {
                Grouper g = new Grouper(titles.join(), sink);
                history.forEachSold(scope, true, g::add);
                g.finish();
            }
        }
    }

    /** A sales row's key. */
    record Key(String period, String store, String sku, String variantId, String currency) {}

    /** By period, store, SKU, variant and currency. */
    static final Comparator<Key> ORDER = (a, b) -> {
        int c = a.period().compareTo(b.period());
        c = c != 0 ? c : a.store().compareTo(b.store());
        c = c != 0 ? c : a.sku().compareTo(b.sku());
        c = c != 0 ? c : a.variantId().compareTo(b.variantId());
        return c != 0 ? c : a.currency().compareTo(b.currency());
    };

    /**
     * One line of the sales report across periods (store, SKU, variant, currency) with what its rows need: the
     * title, shop and platform, and the totals it adds to.
     */
    static final class Series {
        final Object key;
        final String store;
        final String sku;
        final String variantId;
        final String currency;
        final String shop;
        final String platform;
        final String title;
        final Sum perSku;
        final Sum perCurrency;
        final Sum lines = new Sum(); // of this series' lines: added to its totals at the end
        int index;
        private String csv;
        private String csvCurrency;

        Series(Object key, int index, String store, Key k, String title, Sum perSku, Sum perCurrency) {
            this.key = key;
            this.index = index;
            this.store = store;
            this.sku = k.sku();
            this.variantId = k.variantId();
            this.currency = k.currency();
            this.shop = Reports.shop(store);
            this.platform = Reports.platform(store);
            this.title = title;
            this.perSku = perSku;
            this.perCurrency = perCurrency;
        }

        /** The CSV cells after the period, up to the units: the same in every period (made once). */
        String csv() {
            if (csv == null) {
                StringBuilder out = new StringBuilder();
                Csv.line(out, Arrays.asList(shop, platform, sku, variantId, title, ""));
                csv = out.substring(0, out.length() - 2); // without the line end
                csvCurrency = Csv.cell(currency);
            }
            return csv;
        }
    }

    /** A line of the report for one period and series; written as CSV without a list of cells. */
    private static final class Line extends AbstractList<Object> implements TableWriter.CsvLine {
        private final String period;
        private final String csvPeriod;
        private final Series series;
        private final long units;
        private final ExactSum revenue;

        Line(String period, String csvPeriod, Series series, long units, ExactSum revenue) {
            this.period = period;
            this.csvPeriod = csvPeriod;
            this.series = series;
            this.units = units;
            this.revenue = revenue;
        }

        @Override
        public Object get(int i) {
            return switch (i) {
                case 0 -> period;
                case 1 -> series.shop;
                case 2 -> series.platform;
                case 3 -> series.sku;
                case 4 -> series.variantId;
                case 5 -> series.title;
                case 6 -> units;
                case 7 -> revenue.toBigDecimal();
                case 8 -> series.currency;
                default -> throw new IndexOutOfBoundsException(i);
            };
        }

        @Override
        public int size() {
            return 9;
        }

        @Override
        public void appendCsv(StringBuilder out) {
            String middle = series.csv(); // makes csvCurrency too
            out.append(csvPeriod).append(',').append(middle).append(units).append(',');
            revenue.appendTo(out);
            out.append(',').append(series.csvCurrency).append("\r\n");
        }
    }

    /**
     * Sums neighbouring rows of one key (keys arrive in report order), emits each, then the totals. Every period
     * lists its series in much the same order, so the next row's series is looked for after the last one first
     * (then in a map).
     */
    static final class Grouper {
        private static final int LOOK_AHEAD = 8;
        static final Comparator<Series> SERIES_ORDER = (a, b) -> {
            int c = a.store == b.store ? 0 : a.store.compareTo(b.store); // one instance per store
            c = c != 0 ? c : a.sku.compareTo(b.sku);
            c = c != 0 ? c : a.variantId.compareTo(b.variantId);
            return c != 0 ? c : a.currency.compareTo(b.currency);
        };
        private final Lines lines;
        private final Map<Object, Series> series = new HashMap<>();
        private final List<Series> seen = new ArrayList<>();
        private int cursor;
        private int ordered; // series before this index are in order; those after were added this period
        private String period;
        private String csvPeriod;
        private Series current;
        private long units;
        private ExactSum revenue;

        Grouper(Map<String, String> titles, Consumer<List<Object>> sink) {
            this.lines = new Lines(titles, sink);
        }

        /** A row of the database's sums by day or month. */
        void add(SalesHistory.SoldRow r) {
            String p = period != null && r.periodIs(period) ? period : r.period();
            String key = r.series();
            if (next(p, key)) {
                start(key, new Key("", r.store(), r.sku(), r.variantId(), r.currency()));
            }
            units += r.units();
            revenue.add(r.unitPrice(), r.units());
        }

        /** Whether the row starts a new line of the report (the last one is written, its sums cleared). */
        private boolean next(String period, Object key) {
            if (current != null && period.equals(this.period) && current.key.equals(key)) {
                return false;
            }
            flush();
            if (!period.equals(this.period)) {
                this.period = period;
                csvPeriod = Csv.cell(period);
                cursor = 0;
                if (ordered < seen.size()) {
                    mergeNew();
                }
            }
            units = 0;
            revenue = new ExactSum();
            for (int i = cursor; i < Math.min(cursor + LOOK_AHEAD, seen.size()); i++) {
                if (seen.get(i).key.equals(key)) { // the next, or one after a few without sales this period
                    current = seen.get(i);
                    cursor = i + 1;
                    return false;
                }
            }
            current = series.get(key);
            if (current != null) {
                cursor = current.index + 1;
                return false;
            }
            return true;
        }

        private void start(Object key, Key k) {
            current = lines.series(key, seen.size(), k);
            series.put(key, current);
            seen.add(current);
            cursor = seen.size();
        }

        /** Puts the series added in the last period (in order among themselves) in their places. */
        private void mergeNew() {
            List<Series> old = seen.subList(0, ordered);
            List<Series> merged = new ArrayList<>(seen.size());
            int from = 0;
            for (Series added : seen.subList(ordered, seen.size())) {
                int at = Collections.binarySearch(old, added, SERIES_ORDER);
                at = Math.max(at < 0 ? -at - 1 : at, from);
                merged.addAll(old.subList(from, at));
                merged.add(added);
                from = at;
            }
            merged.addAll(old.subList(from, ordered));
            seen.clear();
            seen.addAll(merged);
            for (int i = 0; i < seen.size(); i++) {
                seen.get(i).index = i;
            }
            ordered = seen.size();
        }

        private void flush() {
            if (current != null) {
                lines.write(period, csvPeriod, current, units, revenue);
            }
        }

        void finish() {
            flush();
            if (ordered < seen.size()) {
                mergeNew();
            }
            lines.totals(seen);
        }
    }

    /**
     * The series of a sales report with what their lines need, and the totals the lines add to: per store, SKU
     * and currency, and per currency.
     */
    static final class Lines {
        private final Map<String, String> titles;
        private final Consumer<List<Object>> sink;
        private final Map<String, String> stores = new HashMap<>();
        private final Map<Key, Sum> perSku = new HashMap<>();
        private final Map<String, Sum> perCurrency = new TreeMap<>();

        /** {@code titles} by "store|variant id" (see {@code Inventory.titles}). */
        Lines(Map<String, String> titles, Consumer<List<Object>> sink) {
            this.titles = titles;
            this.sink = sink;
        }

        /** A new series: {@code k}'s store, SKU, variant and currency, found by {@code key}. */
        Series series(Object key, int index, Key k) {
            return new Series(
                    key,
                    index,
                    stores.computeIfAbsent(k.store(), x -> x),
                    k,
                    titles.getOrDefault(k.store() + "|" + k.variantId(), ""),
                    perSku.computeIfAbsent(new Key("", k.store(), k.sku(), "", k.currency()), x -> new Sum()),
                    perCurrency.computeIfAbsent(k.currency(), x -> new Sum()));
        }

        /** Writes a line of the report and adds it to its totals. */
        void write(String period, String csvPeriod, Series s, long units, ExactSum revenue) {
            line(period, csvPeriod, s, units, revenue);
            s.lines.add(units, revenue);
        }

        /** Writes a line of the report already counted in its series' sum ({@link Series#lines}). */
        void line(String period, String csvPeriod, Series s, long units, ExactSum revenue) {
            sink.accept(new Line(period, csvPeriod, s, units, revenue));
        }

        /** Writes the totals, given every series in order of store, SKU, variant and currency. */
        void totals(List<Series> ordered) {
            // the per-SKU totals taken from the series: they come (nearly) sorted, so sorting them costs little,
            // and no total is looked up again
            for (Series series : ordered) {
                series.perSku.add(series.lines.units, series.lines.revenue);
                series.perCurrency.add(series.lines.units, series.lines.revenue);
            }
            List<Map.Entry<Key, Sum>> totals = new ArrayList<>(perSku.size());
            Map<Sum, Boolean> listed = new IdentityHashMap<>(perSku.size() * 2);
            for (Series series : ordered) {
                if (listed.put(series.perSku, Boolean.TRUE) == null) {
                    totals.add(Map.entry(new Key("", series.store, series.sku, "", series.currency), series.perSku));
                }
            }
            totals.sort((a, b) -> ORDER.compare(a.getKey(), b.getKey()));
            for (Map.Entry<Key, Sum> total : totals) {
                Key k = total.getKey();
                Sum s = total.getValue();
                sink.accept(Reports.row(
                        "total",
                        Reports.shop(k.store()),
                        Reports.platform(k.store()),
                        k.sku(),
                        "",
                        "",
                        s.units,
                        s.revenue(),
                        k.currency()));
            }
            for (Map.Entry<String, Sum> e : perCurrency.entrySet()) {
                sink.accept(Reports.row(
                        "total",
                        "",
                        "",
                        "ALL",
                        "",
                        "",
                        e.getValue().units,
                        e.getValue().revenue(),
                        e.getKey()));
            }
        }
    }

    /** ISO week of a day: {@code 2026-W48}. */
    static String week(String day) {
        LocalDate d = LocalDate.parse(day);
        return String.format("%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** Units and revenue per SKU and currency over the window (a line without SKU counts under its variant's). */
    Map<SkuCurrency, Sum> bySku(Scope scope, Map<String, VariantState> variants) {
        return bySku(history.sold(scope), variants);
    }

    private static Map<SkuCurrency, Sum> bySku(List<Sold> sold, Map<String, VariantState> variants) {
        Map<SkuCurrency, Sum> out = new TreeMap<>((a, b) -> {
            int c = a.sku().compareTo(b.sku());
            return c != 0 ? c : a.currency().compareTo(b.currency());
        });
        for (Sold s : sold) {
            String sku = s.sku();
            if (sku == null) {
                VariantState v = variants.get(s.store() + "|" + s.variantId());
                sku = v == null || v.sku() == null ? "" : v.sku();
            }
            out.computeIfAbsent(new SkuCurrency(sku, nz(s.currency())), k -> new Sum())
                    .add(s);
        }
        return out;
    }

    record SkuCurrency(String sku, String currency) {}

    /** The sales of the scope, and the variants read on another thread meanwhile. */
    private record Read(List<Sold> sold, Map<String, VariantState> variants) {}

    private Read read(Scope scope, Supplier<Map<String, VariantState>> variantsOf) {
        Background<Map<String, VariantState>> variants = Background.start("edm-report-variants", variantsOf);
        List<Sold> sold = history.sold(scope);
        return new Read(sold, variants.join());
    }

    /** The best sellers by units (any currency) and by revenue (per currency), {@code limit} of each. */
    Table topSellers(Reports.Filter f, Scope scope, Supplier<Map<String, VariantState>> variantsOf) {
        int limit = f.limit().orElse(10);
        Read read = read(scope, variantsOf);
        Map<String, VariantState> variants = read.variants();
        Map<SkuCurrency, Sum> sums = bySku(read.sold(), variants);
        Map<String, String> titles = titles(variants);
        List<List<Object>> out = new ArrayList<>();
        List<Map.Entry<SkuCurrency, Sum>> byUnits = new ArrayList<>(sums.entrySet());
        byUnits.sort((a, b) -> Long.compare(-a.getValue().units, -b.getValue().units));
        for (int i = 0; i < Math.min(limit, byUnits.size()); i++) {
            out.add(topRow("units", i + 1, byUnits.get(i), titles));
        }
        Map<String, List<Map.Entry<SkuCurrency, Sum>>> perCurrency = perCurrency(sums);
        for (List<Map.Entry<SkuCurrency, Sum>> ranked : perCurrency.values()) {
            for (int i = 0; i < Math.min(limit, ranked.size()); i++) {
                out.add(topRow("revenue", i + 1, ranked.get(i), titles));
            }
        }
        return new Table(
                "top-sellers", List.of("ranking", "rank", "sku", "title", "units", "revenue", "currency"), out);
    }

    private static List<Object> topRow(
            String ranking, int rank, Map.Entry<SkuCurrency, Sum> e, Map<String, String> titles) {
        return Reports.row(
                ranking,
                rank,
                e.getKey().sku(),
                titles.getOrDefault(e.getKey().sku(), ""),
                e.getValue().units,
                e.getValue().revenue(),
                e.getKey().currency());
    }

    /** Per currency, SKUs by revenue, highest first (ties by SKU). */
    private static Map<String, List<Map.Entry<SkuCurrency, Sum>>> perCurrency(Map<SkuCurrency, Sum> sums) {
        Map<String, List<Map.Entry<SkuCurrency, Sum>>> out = new TreeMap<>();
        for (Map.Entry<SkuCurrency, Sum> e : sums.entrySet()) {
            out.computeIfAbsent(e.getKey().currency(), k -> new ArrayList<>()).add(e);
        }
        for (List<Map.Entry<SkuCurrency, Sum>> list : out.values()) {
            list.sort((a, b) -> {
                int c = b.getValue().revenue().compareTo(a.getValue().revenue());
                return c != 0 ? c : a.getKey().sku().compareTo(b.getKey().sku());
            });
        }
        return out;
    }

    /**
     * ABC classes per currency: SKUs by revenue, highest first; a SKU is A while the revenue share of the SKUs
     * before it is under 80%, B while under 95%, else C.
     */
    Table abc(Scope scope, Supplier<Map<String, VariantState>> variantsOf) {
        Read read = read(scope, variantsOf);
        Map<String, String> titles = titles(read.variants());
        List<List<Object>> out = new ArrayList<>();
        for (Map.Entry<String, List<Map.Entry<SkuCurrency, Sum>>> currency :
                perCurrency(bySku(read.sold(), read.variants())).entrySet()) {
            BigDecimal total = BigDecimal.ZERO;
            for (Map.Entry<SkuCurrency, Sum> e : currency.getValue()) {
                total = total.add(e.getValue().revenue());
            }
            BigDecimal before = BigDecimal.ZERO;
            BigDecimal priorShare = BigDecimal.ZERO; // percent(before, total), carried from the previous SKU
            for (Map.Entry<SkuCurrency, Sum> e : currency.getValue()) {
                BigDecimal revenue = e.getValue().revenue();
                BigDecimal share = percent(revenue, total);
                String cls = total.signum() == 0
                        ? "C"
                        : priorShare.compareTo(BigDecimal.valueOf(80)) < 0
                                ? "A"
                                : priorShare.compareTo(BigDecimal.valueOf(95)) < 0 ? "B" : "C";
                before = before.add(revenue);
                priorShare = percent(before, total);
                out.add(Reports.row(
                        e.getKey().sku(),
                        titles.getOrDefault(e.getKey().sku(), ""),
                        currency.getKey(),
                        e.getValue().units,
                        revenue,
                        share.setScale(2, RoundingMode.HALF_UP),
                        priorShare.setScale(2, RoundingMode.HALF_UP),
                        cls));
            }
        }
        return new Table(
                "abc",
                List.of("sku", "title", "currency", "units", "revenue", "share_pct", "cumulative_pct", "class"),
                out);
    }

    private static BigDecimal percent(BigDecimal part, BigDecimal total) {
        return total.signum() == 0 ? BigDecimal.ZERO : part.multiply(HUNDRED).divide(total, 10, RoundingMode.HALF_UP);
    }

    private static Map<String, String> titles(Map<String, VariantState> variants) {
        Map<String, String> titles = new HashMap<>();
        for (VariantState v : variants.values()) {
            if (v.sku() != null && v.title() != null) {
                titles.putIfAbsent(v.sku(), v.title());
            }
        }
        return titles;
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
