package dev.edm.reports;

import dev.edm.alerts.Alerts;
import dev.edm.alerts.Conditions;
import dev.edm.alerts.ThresholdTable;
import dev.edm.inventory.Inventory;
import dev.edm.inventory.LevelState;
import dev.edm.inventory.SalesHistory;
import dev.edm.inventory.VariantState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The reports: low stock, out of stock, no sales, inventory and per-channel SKUs from current state with the
 * same conditions the alerts use; sales, top sellers, ABC, velocity, sell-through, dead stock and inventory
 * value from sales and stock history; rendered as CSV or JSON and written to never-overwritten files.
 */
public final class Reports {
    /** The report names, as used on the command line and in URLs. */
    public static final List<String> NAMES = List.of(
            "low-stock",
            "out-of-stock",
            "no-sales",
            "inventory",
            "sales",
            "skus",
            "top-sellers",
            "sell-through",
            "velocity",
            "abc",
            "dead-stock",
            "inventory-value");

    /** The filter names, as command-line options (without {@code --}) and URL query parameters. */
    public static final List<String> FILTERS = List.of("shop", "from", "to", "channel", "period", "limit", "days");

    /** Days in the default window of velocity and sell-through (ending today). */
    static final int DEFAULT_WINDOW_DAYS = 30;

    private final Inventory inventory;
    private final Alerts alerts;
    private final Clock clock;
    private final Path outputDir;
    private final int noSalesDays;

    /**
     * Optional filters: one store (key), a day range for sales (yyyy-mm-dd, inclusive), one channel
     * (platform id), a period (day, week, month), a row limit and a number of days (dead stock).
     */
    public record Filter(
            Optional<String> store,
            Optional<String> from,
            Optional<String> to,
            Optional<String> channel,
            Optional<String> period,
            Optional<Integer> limit,
            Optional<Integer> days) {
        public Filter(Optional<String> store, Optional<String> from, Optional<String> to) {
            this(store, from, to, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }

        public static Filter none() {
            return new Filter(Optional.empty(), Optional.empty(), Optional.empty());
        }

        /**
         * Filters from text ({@code shop}, {@code from}, {@code to}, {@code channel}, {@code period},
         * {@code limit}, {@code days}); a bad value is an {@link IllegalArgumentException} naming it.
         */
        public static Filter parse(Map<String, String> raw) {
            return Options.parse(raw);
        }
    }

    public Reports(Inventory inventory, Alerts alerts, Clock clock, Path outputDir, int noSalesDays) {
        this.inventory = inventory;
        this.alerts = alerts;
        this.clock = clock;
        this.outputDir = outputDir;
        this.noSalesDays = noSalesDays;
    }

    /** Builds a report by name; an unknown name is an {@link IllegalArgumentException} listing the known ones. */
    public Table build(String name, Filter filter) {
        return switch (name) {
            case "low-stock" -> lowStock(filter);
            case "out-of-stock" -> outOfStock(filter);
            case "no-sales" -> noSales(filter);
            case "inventory" -> inventory(filter);
            case "sales" ->
                new SalesReports(inventory.history())
                        .sales(filter, scope(filter, false), () -> inventory.titles(filter.store()));
            case "skus" -> SkuView.table(skus(filter));
            case "top-sellers" ->
                new SalesReports(inventory.history()).topSellers(filter, scope(filter, false), () -> byVariant(filter));
            case "abc" -> new SalesReports(inventory.history()).abc(scope(filter, false), () -> byVariant(filter));
            case "velocity" -> {
                SalesHistory.Scope window = scope(filter, true);
                yield new StockReports(inventory.history())
                        .velocity(window, () -> variants(filter), day(window.from()), day(window.to()));
            }
            case "sell-through" -> {
                SalesHistory.Scope window = scope(filter, true);
                yield new StockReports(inventory.history())
                        .sellThrough(window, () -> variants(filter), day(window.from()), day(window.to()));
            }
            case "dead-stock" ->
                new StockReports(inventory.history())
                        .deadStock(
                                variants(filter), clock.instant(), filter.days().orElse(noSalesDays));
            case "inventory-value" -> new StockReports(inventory.history()).inventoryValue(variants(filter));
            default -> throw new IllegalArgumentException("unknown report \"" + name + "\"; one of " + NAMES);
        };
    }

    /** Every SKU across stores (or in one store): total and per-channel available, last sale. */
    public List<SkuView.SkuRow> skus(Filter filter) {
        return SkuView.rows(variants(filter));
    }

    public String render(Table table, String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> TableFormats.csv(table);
            case "json" -> TableFormats.json(table, clock.instant());
            default -> throw new IllegalArgumentException("unknown format \"" + format + "\"; csv or json");
        };
    }

    /** Writes the report under the output folder with a timestamped name, or to {@code out} when given. */
    public Path write(String name, String format, Filter filter, Optional<Path> out) throws IOException {
        Rendering rendering = prepare(name, filter, format);
        if (out.isPresent()) {
            return ReportFiles.writeTo(out.get(), rendering::writeTo);
        }
        String extension = format.toLowerCase(Locale.ROOT);
        return ReportFiles.writeNew(outputDir, name.replace('-', '_'), extension, rendering::writeTo, clock.instant());
    }

    /** A report ready to be written as its rows are made. */
    public interface Rendering {
        void writeTo(Writer out) throws IOException;
    }

    /**
     * A report as CSV or JSON, checked now (bad input is an {@link IllegalArgumentException}) and written when
     * asked: the sales report (one row per SKU and period) is made as it is written, by day straight from the
     * database and never held whole, by week or month from sums per SKU and period; the others are built now.
     */
    public Rendering prepare(String name, Filter filter, String format) {
        String fmt = format.toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        TableWriter.open(fmt, name, List.of(), now, Writer.nullWriter()); // a bad format fails here
        if (name.equals("sales")) {
            SalesHistory.Scope scope = scope(filter, false);
            return out -> write(
                    out,
                    fmt,
                    name,
                    SalesReports.SALES_COLUMNS,
                    now,
                    w -> new SalesReports(inventory.history())
                            .sales(filter, scope, () -> inventory.titles(filter.store()), w));
        }
        Table t = build(name, filter);
        return out -> write(out, fmt, t.name(), t.columns(), now, w -> t.rows().forEach(w));
    }

    private static void write(
            Writer out,
            String format,
            String name,
            List<String> columns,
            Instant now,
            java.util.function.Consumer<TableWriter> rows)
            throws IOException {
        try {
            try (TableWriter w = TableWriter.open(format, name, columns, now, out)) {
                rows.accept(w);
                w.finish();
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Variants of the filter's store and channel. */
    private List<VariantState> variants(Filter filter) {
        List<VariantState> all = inventory.variants(filter.store());
        if (filter.channel().isEmpty()) {
            return all;
        }
        return all.stream()
                .filter(v -> v.platform().equals(filter.channel().get()))
                .toList();
    }

    private Map<String, VariantState> byVariant(Filter filter) {
        Map<String, VariantState> out = new LinkedHashMap<>();
        for (VariantState v : variants(filter)) {
            out.put(v.store() + "|" + v.variantId(), v);
        }
        return out;
    }

    /**
     * The rows a report reads. A window report (velocity, sell-through) always has both days: {@code to}
     * defaults to today and is never after it, {@code from} to {@value #DEFAULT_WINDOW_DAYS} days up to {@code to}.
     */
    private SalesHistory.Scope scope(Filter filter, boolean window) {
        if (!window) {
            return new SalesHistory.Scope(filter.store(), filter.channel(), filter.from(), filter.to());
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate to = filter.to().map(LocalDate::parse).orElse(today);
        if (to.isAfter(today)) {
            to = today;
        }
        LocalDate from = filter.from().map(LocalDate::parse).orElse(to.minusDays(DEFAULT_WINDOW_DAYS - 1));
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after today " + today);
        }
        return new SalesHistory.Scope(
                filter.store(), filter.channel(), Optional.of(from.toString()), Optional.of(to.toString()));
    }

    private static LocalDate day(Optional<String> day) {
        return LocalDate.parse(day.orElseThrow());
    }

    private Map<String, Instant> lastLevelUpdate(Filter filter) {
        Map<String, Instant> latest = new HashMap<>();
        for (LevelState l : inventory.levels(filter.store())) {
            latest.merge(l.store() + "|" + l.inventoryItemId(), l.updatedAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        return latest;
    }

    private static Instant lastUpdate(VariantState v, Map<String, Instant> levels) {
        Instant level = v.inventoryItemId() == null ? null : levels.get(v.store() + "|" + v.inventoryItemId());
        return level != null && level.isAfter(v.updatedAt()) ? level : v.updatedAt();
    }

    private static String shop(VariantState v) {
        return v.store().substring(v.store().indexOf(':') + 1);
    }

    private Table lowStock(Filter filter) {
        ThresholdTable thresholds = alerts.thresholdTable();
        Map<String, Instant> levels = lastLevelUpdate(filter);
        Map<String, Integer> byLocation = new HashMap<>();
        for (LevelState l : inventory.levels(filter.store())) {
            if (l.connected() && l.available() != null) {
                byLocation.put(l.store() + "|" + l.inventoryItemId() + "|" + l.locationId(), l.available());
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        for (VariantState v : variants(filter)) {
            int threshold = thresholds.forTotal(v.store(), v.sku());
            if (Conditions.lowStock(v, threshold)) {
                rows.add(row(
                        v.productId(),
                        v.title(),
                        v.platform(),
                        v.stockTotal(),
                        threshold,
                        lastUpdate(v, levels),
                        shop(v),
                        v.variantId(),
                        v.sku(),
                        ""));
            }
            if (!v.monitored()) {
                continue;
            }
            for (Map.Entry<String, Integer> loc :
                    thresholds.forLocations(v.store(), v.sku()).entrySet()) {
                Integer available = byLocation.get(v.store() + "|" + v.inventoryItemId() + "|" + loc.getKey());
                if (available != null && available <= loc.getValue()) {
                    rows.add(row(
                            v.productId(),
                            v.title(),
                            v.platform(),
                            available,
                            loc.getValue(),
                            lastUpdate(v, levels),
                            shop(v),
                            v.variantId(),
                            v.sku(),
                            loc.getKey()));
                }
            }
        }
        return new Table(
                "low-stock",
                List.of(
                        "product_id",
                        "title",
                        "platform",
                        "current_stock",
                        "threshold",
                        "last_update",
                        "shop",
                        "variant_id",
                        "sku",
                        "location"),
                rows);
    }

    private Table outOfStock(Filter filter) {
        Map<String, Instant> levels = lastLevelUpdate(filter);
        List<List<Object>> rows = new ArrayList<>();
        for (VariantState v : variants(filter)) {
            if (Conditions.outOfStock(v)) {
                rows.add(row(
                        v.productId(),
                        v.title(),
                        v.platform(),
                        v.stockTotal(),
                        lastUpdate(v, levels),
                        shop(v),
                        v.variantId(),
                        v.sku()));
            }
        }
        return new Table(
                "out-of-stock",
                List.of("product_id", "title", "platform", "current_stock", "last_update", "shop", "variant_id", "sku"),
                rows);
    }

    private Table noSales(Filter filter) {
        Instant now = clock.instant();
        List<List<Object>> rows = new ArrayList<>();
        for (VariantState v : variants(filter)) {
            if (Conditions.noSales(v, now, noSalesDays)) {
                rows.add(row(
                        v.productId(),
                        v.title(),
                        v.platform(),
                        Conditions.daysWithoutSale(v, now).orElse(0),
                        v.lastSaleAt() == null ? "never" : v.lastSaleAt().toString(),
                        shop(v),
                        v.variantId(),
                        v.sku(),
                        v.stockTotal(),
                        v.firstSeen()));
            }
        }
        return new Table(
                "no-sales",
                List.of(
                        "product_id",
                        "title",
                        "platform",
                        "days_no_sales",
                        "last_sale_date",
                        "shop",
                        "variant_id",
                        "sku",
                        "current_stock",
                        "first_seen"),
                rows);
    }

    private Table inventory(Filter filter) {
        Map<String, List<String>> locations = new HashMap<>();
        for (LevelState l : inventory.levels(filter.store())) {
            if (l.connected()) {
                locations
                        .computeIfAbsent(l.store() + "|" + l.inventoryItemId(), k -> new ArrayList<>())
                        .add(l.locationId() + "=" + (l.available() == null ? "untracked" : l.available()));
            }
        }
        Map<String, Instant> levels = lastLevelUpdate(filter);
        List<List<Object>> rows = new ArrayList<>();
        for (VariantState v : variants(filter)) {
            String locs = String.join(";", locations.getOrDefault(v.store() + "|" + v.inventoryItemId(), List.of()));
            rows.add(row(
                    v.productId(),
                    v.title(),
                    v.platform(),
                    v.stockTotal(),
                    lastUpdate(v, levels),
                    shop(v),
                    v.variantId(),
                    v.sku(),
                    v.status(),
                    v.deleted() ? "yes" : "no",
                    v.price(),
                    v.currency(),
                    locs,
                    v.lastSaleAt(),
                    v.firstSeen()));
        }
        return new Table(
                "inventory",
                List.of(
                        "product_id",
                        "title",
                        "platform",
                        "current_stock",
                        "last_update",
                        "shop",
                        "variant_id",
                        "sku",
                        "status",
                        "deleted",
                        "price",
                        "currency",
                        "locations",
                        "last_sale_at",
                        "first_seen"),
                rows);
    }

    static String shop(String store) {
        return store.substring(store.indexOf(':') + 1);
    }

    static String platform(String store) {
        return store.substring(0, Math.max(store.indexOf(':'), 0));
    }

    static List<Object> row(Object... cells) {
        List<Object> row = new ArrayList<>(cells.length);
        for (Object c : cells) {
            row.add(c instanceof Instant i ? i.toString() : c);
        }
        return row;
    }
}
