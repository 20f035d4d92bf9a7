package dev.edm.reports;

import dev.edm.inventory.SalesHistory;
import dev.edm.inventory.SalesHistory.Scope;
import dev.edm.inventory.SalesHistory.Sold;
import dev.edm.inventory.VariantState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

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
        BigDecimal revenue = BigDecimal.ZERO;

        void add(Sold s) {
            units += s.units();
            if (s.unitPrice() != null) {
                revenue = revenue.add(s.unitPrice().multiply(BigDecimal.valueOf(s.units())));
            }
        }

        void add(Sum s) {
            units += s.units;
            revenue = revenue.add(s.revenue);
        }
    }

    static final List<String> SALES_COLUMNS =
            List.of("period", "shop", "platform", "sku", "variant_id", "title", "units", "revenue", "currency");

    /** Per period, store, SKU, variant and currency; then a total per store, SKU and currency; then per currency. */
    Table sales(Reports.Filter f, Scope scope, Map<String, VariantState> variants) {
        List<List<Object>> out = new ArrayList<>();
        sales(f, scope, variants, out::add);
        return new Table("sales", SALES_COLUMNS, out);
    }

    /**
     * The rows of {@link #sales(Reports.Filter, Scope, Map)} handed to {@code sink} as they are made: by day or
     * month the database returns them in report order, so only the per-SKU totals are held (by week the days
     * are grouped in memory first).
     */
    void sales(Reports.Filter f, Scope scope, Map<String, VariantState> variants, Consumer<List<Object>> sink) {
        String period = f.period().orElse("day");
        Grouper g = new Grouper(variants, sink);
        if (period.equals("week")) {
            Map<Key, Sum> rows = new HashMap<>();
            for (Sold s : history.sold(scope, 10)) {
                rows.computeIfAbsent(
                                new Key(week(s.period()), s.store(), nz(s.sku()), nz(s.variantId()), nz(s.currency())),
                                k -> new Sum())
                        .add(s);
            }
            List<Key> keys = new ArrayList<>(rows.keySet());
            keys.sort(ORDER);
            for (Key k : keys) {
                g.add(k, rows.get(k));
            }
        } else {
            Sum one = new Sum();
            history.forEachSold(scope, period.equals("month") ? 7 : 10, s -> {
                one.units = 0;
                one.revenue = BigDecimal.ZERO;
                one.add(s);
                g.add(new Key(s.period(), s.store(), nz(s.sku()), nz(s.variantId()), nz(s.currency())), one);
            });
        }
        g.finish();
    }

    /** A sales row's key. */
    record Key(String period, String store, String sku, String variantId, String currency) {}

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::period)
            .thenComparing(Key::store)
            .thenComparing(Key::sku)
            .thenComparing(Key::variantId)
            .thenComparing(Key::currency);

    /** Sums neighbouring rows of one key (keys arrive in report order), emits each, then the totals. */
    private static final class Grouper {
        private final Map<String, VariantState> variants;
        private final Consumer<List<Object>> sink;
        private final Map<Key, Sum> perSku = new HashMap<>();
        private final Map<String, Sum> perCurrency = new TreeMap<>();
        private Key key;
        private Sum sum;
        private String store = "";
        private String shop = "";
        private String platform = "";

        Grouper(Map<String, VariantState> variants, Consumer<List<Object>> sink) {
            this.variants = variants;
            this.sink = sink;
        }

        void add(Key k, Sum s) {
            if (!k.equals(key)) {
                flush();
                key = k;
                sum = new Sum();
            }
            sum.add(s);
        }

        private void flush() {
            if (key == null) {
                return;
            }
            Key k = key;
            if (!k.store().equals(store)) { // rows of one store follow each other within a period
                store = k.store();
                shop = Reports.shop(store);
                platform = Reports.platform(store);
            }
            VariantState v = variants.get(k.store() + "|" + k.variantId());
            sink.accept(Reports.row(
                    k.period(),
                    shop,
                    platform,
                    k.sku(),
                    k.variantId(),
                    v == null ? "" : v.title(),
                    sum.units,
                    sum.revenue,
                    k.currency()));
            perSku.computeIfAbsent(new Key("", k.store(), k.sku(), "", k.currency()), x -> new Sum())
                    .add(sum);
            perCurrency.computeIfAbsent(k.currency(), x -> new Sum()).add(sum);
        }

        void finish() {
            flush();
            List<Key> keys = new ArrayList<>(perSku.keySet());
            keys.sort(ORDER);
            for (Key k : keys) {
                Sum s = perSku.get(k);
                sink.accept(Reports.row(
                        "total",
                        Reports.shop(k.store()),
                        Reports.platform(k.store()),
                        k.sku(),
                        "",
                        "",
                        s.units,
                        s.revenue,
                        k.currency()));
            }
            for (Map.Entry<String, Sum> e : perCurrency.entrySet()) {
                sink.accept(Reports.row(
                        "total", "", "", "ALL", "", "", e.getValue().units, e.getValue().revenue, e.getKey()));
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
        Map<SkuCurrency, Sum> out =
                new TreeMap<>(Comparator.comparing(SkuCurrency::sku).thenComparing(SkuCurrency::currency));
        for (Sold s : history.sold(scope, 0)) {
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

    /** The best sellers by units (any currency) and by revenue (per currency), {@code limit} of each. */
    Table topSellers(Reports.Filter f, Scope scope, Map<String, VariantState> variants) {
        int limit = f.limit().orElse(10);
        Map<SkuCurrency, Sum> sums = bySku(scope, variants);
        Map<String, String> titles = titles(variants);
        List<List<Object>> out = new ArrayList<>();
        List<Map.Entry<SkuCurrency, Sum>> byUnits = new ArrayList<>(sums.entrySet());
        byUnits.sort(Comparator.comparing((Map.Entry<SkuCurrency, Sum> e) -> -e.getValue().units));
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
                e.getValue().revenue,
                e.getKey().currency());
    }

    /** Per currency, SKUs by revenue, highest first (ties by SKU). */
    private static Map<String, List<Map.Entry<SkuCurrency, Sum>>> perCurrency(Map<SkuCurrency, Sum> sums) {
        Map<String, List<Map.Entry<SkuCurrency, Sum>>> out = new TreeMap<>();
        for (Map.Entry<SkuCurrency, Sum> e : sums.entrySet()) {
            out.computeIfAbsent(e.getKey().currency(), k -> new ArrayList<>()).add(e);
        }
        for (List<Map.Entry<SkuCurrency, Sum>> list : out.values()) {
            list.sort(Comparator.comparing((Map.Entry<SkuCurrency, Sum> e) -> e.getValue().revenue)
                    .reversed()
                    .thenComparing(e -> e.getKey().sku()));
        }
        return out;
    }

    /**
     * ABC classes per currency: SKUs by revenue, highest first; a SKU is A while the revenue share of the SKUs
     * before it is under 80%, B while under 95%, else C.
     */
    Table abc(Scope scope, Map<String, VariantState> variants) {
        Map<String, String> titles = titles(variants);
        List<List<Object>> out = new ArrayList<>();
        for (Map.Entry<String, List<Map.Entry<SkuCurrency, Sum>>> currency :
                perCurrency(bySku(scope, variants)).entrySet()) {
            BigDecimal total = BigDecimal.ZERO;
            for (Map.Entry<SkuCurrency, Sum> e : currency.getValue()) {
                total = total.add(e.getValue().revenue);
            }
            BigDecimal before = BigDecimal.ZERO;
            BigDecimal priorShare = BigDecimal.ZERO; // percent(before, total), carried from the previous SKU
            for (Map.Entry<SkuCurrency, Sum> e : currency.getValue()) {
                BigDecimal revenue = e.getValue().revenue;
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
