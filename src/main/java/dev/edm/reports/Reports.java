package dev.edm.reports;

import dev.edm.alerts.Alerts;
import dev.edm.alerts.Conditions;
import dev.edm.alerts.ThresholdTable;
import dev.edm.inventory.Inventory;
import dev.edm.inventory.LevelState;
import dev.edm.inventory.SaleLine;
import dev.edm.inventory.VariantState;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The reports: low stock, out of stock, no sales, inventory and sales, built from current state with the
 * same conditions the alerts use, rendered as CSV or JSON and written to never-overwritten files.
 */
public final class Reports {
    /** The report names, as used on the command line and in URLs. */
    public static final List<String> NAMES =
            List.of("low-stock", "out-of-stock", "no-sales", "inventory", "sales", "skus");

    private final Inventory inventory;
    private final Alerts alerts;
    private final Clock clock;
    private final Path outputDir;
    private final int noSalesDays;

    /** Optional filters: one store (key), a day range for sales (yyyy-mm-dd, inclusive). */
    public record Filter(Optional<String> store, Optional<String> from, Optional<String> to) {
        public static Filter none() {
            return new Filter(Optional.empty(), Optional.empty(), Optional.empty());
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
            case "sales" -> sales(filter);
            case "skus" -> SkuView.table(skus(filter));
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
        Table table = build(name, filter);
        String content = render(table, format);
        String extension = format.toLowerCase(Locale.ROOT);
        if (out.isPresent()) {
            return ReportFiles.writeTo(out.get(), content);
        }
        return ReportFiles.writeNew(outputDir, name.replace('-', '_'), extension, content, clock.instant());
    }

    private List<VariantState> variants(Filter filter) {
        return inventory.variants(filter.store());
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

    /** Units and revenue per SKU per day, then a total per SKU and a grand total (units net of reversals). */
    private Table sales(Filter filter) {
        Map<String, VariantState> byVariant = new HashMap<>();
        for (VariantState v : variants(filter)) {
            byVariant.put(v.store() + "|" + v.variantId(), v);
        }
        record Key(String day, String store, String sku, String variantId, String currency) {}
        Map<Key, long[]> units = new TreeMap<>((a, b) -> (a.day() + a.store() + a.sku() + a.variantId() + a.currency())
                .compareTo(b.day() + b.store() + b.sku() + b.variantId() + b.currency()));
        Map<Key, BigDecimal> revenue = new HashMap<>();
        for (SaleLine line : inventory.sales(filter.store(), filter.from(), filter.to())) {
            if (line.netQuantity() <= 0) {
                continue;
            }
            Key k = new Key(line.saleDay(), line.store(), nz(line.sku()), nz(line.variantId()), nz(line.currency()));
            units.computeIfAbsent(k, x -> new long[1])[0] += line.netQuantity();
            BigDecimal amount = line.unitPrice() == null
                    ? BigDecimal.ZERO
                    : line.unitPrice().multiply(BigDecimal.valueOf(line.netQuantity()));
            revenue.merge(k, amount, BigDecimal::add);
        }
        List<List<Object>> rows = new ArrayList<>();
        Map<String, long[]> skuUnits = new TreeMap<>();
        Map<String, BigDecimal> skuRevenue = new HashMap<>();
        long allUnits = 0;
        BigDecimal allRevenue = BigDecimal.ZERO;
        for (Map.Entry<Key, long[]> e : units.entrySet()) {
            Key k = e.getKey();
            VariantState v = byVariant.get(k.store() + "|" + k.variantId());
            String title = v == null ? null : v.title();
            BigDecimal r = revenue.get(k);
            rows.add(row(
                    k.day(),
                    k.store().substring(k.store().indexOf(':') + 1),
                    k.store().substring(0, k.store().indexOf(':')),
                    k.sku(),
                    k.variantId(),
                    title,
                    e.getValue()[0],
                    r,
                    k.currency()));
            String skuKey = k.store() + "|" + k.sku() + "|" + k.currency();
            skuUnits.computeIfAbsent(skuKey, x -> new long[1])[0] += e.getValue()[0];
            skuRevenue.merge(skuKey, r, BigDecimal::add);
            allUnits += e.getValue()[0];
            allRevenue = allRevenue.add(r);
        }
        for (Map.Entry<String, long[]> e : skuUnits.entrySet()) {
            String[] parts = e.getKey().split("\\|", -1);
            String store = parts[0];
            rows.add(row(
                    "total",
                    store.substring(store.indexOf(':') + 1),
                    store.substring(0, store.indexOf(':')),
                    parts[1],
                    "",
                    "",
                    e.getValue()[0],
                    skuRevenue.get(e.getKey()),
                    parts[2]));
        }
        rows.add(row("total", "", "", "ALL", "", "", allUnits, allRevenue, ""));
        return new Table(
                "sales",
                List.of("day", "shop", "platform", "sku", "variant_id", "title", "units", "revenue", "currency"),
                rows);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static List<Object> row(Object... cells) {
        List<Object> row = new ArrayList<>(cells.length);
        for (Object c : cells) {
            row.add(c instanceof Instant i ? i.toString() : c);
        }
        return row;
    }
}
