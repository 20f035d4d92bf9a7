package dev.edm.reports;

import dev.edm.alerts.Conditions;
import dev.edm.inventory.SalesHistory;
import dev.edm.inventory.SalesHistory.CatalogEntry;
import dev.edm.inventory.SalesHistory.Scope;
import dev.edm.inventory.SalesHistory.Sold;
import dev.edm.inventory.VariantRef;
import dev.edm.inventory.VariantState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Velocity and days of cover, sell-through, dead stock and inventory value, per variant. */
final class StockReports {
    private final SalesHistory history;

    /** The columns naming a variant, first in every per-variant report. */
    private static final List<String> VARIANT_COLUMNS = List.of("shop", "platform", "sku", "variant_id", "title");

    StockReports(SalesHistory history) {
        this.history = history;
    }

    private static List<String> columns(String... measures) {
        List<String> columns = new ArrayList<>(VARIANT_COLUMNS);
        columns.addAll(List.of(measures));
        return columns;
    }

    /** The variant's naming cells, then {@code measures}. */
    private static List<Object> row(VariantState v, Object... measures) {
        List<Object> row = Reports.row(Reports.shop(v.store()), v.platform(), v.sku(), v.variantId(), v.title());
        row.addAll(Reports.row(measures));
        return row;
    }

    /** Net units sold in the window per variant (lines without a variant count for the store's variant with their SKU). */
    private Map<VariantRef, Long> unitsSold(Scope scope, List<VariantState> variants) {
        Map<String, VariantRef> bySku = new HashMap<>();
        for (VariantState v : variants) {
            if (v.sku() != null) {
                bySku.putIfAbsent(v.store() + "|" + v.sku(), new VariantRef(v.store(), v.variantId()));
            }
        }
        Map<VariantRef, Long> units = new HashMap<>();
        for (Sold s : history.sold(scope)) {
            VariantRef ref = s.variantId() != null
                    ? new VariantRef(s.store(), s.variantId())
                    : bySku.get(s.store() + "|" + s.sku());
            if (ref != null) {
                units.merge(ref, s.units(), Long::sum);
            }
        }
        return units;
    }

    /** The stock history of a window read on another thread while the caller reads the rest. */
    private Background<StockHistory> stockHistory(Scope scope, LocalDate from, LocalDate to) {
        return Background.start("edm-report-stock", () -> new StockHistory(history, scope, from, to));
    }

    Table velocity(Scope scope, Supplier<List<VariantState>> variantsOf, LocalDate from, LocalDate to) {
        Background<StockHistory> stockRead = stockHistory(scope, from, to);
        List<VariantState> variants = variantsOf.get();
        Map<VariantRef, Long> units = unitsSold(scope, variants);
        StockHistory stock = stockRead.join();
        List<List<Object>> out = new ArrayList<>();
        for (VariantState v : variants) {
            VariantRef ref = new VariantRef(v.store(), v.variantId());
            long sold = units.getOrDefault(ref, 0L);
            StockHistory.Track t = stock.track(ref);
            int days = t.known() ? t.daysInStock() : stock.windowDays();
            BigDecimal velocity = days == 0
                    ? null
                    : BigDecimal.valueOf(sold).divide(BigDecimal.valueOf(days), 3, RoundingMode.HALF_UP);
            Integer available = v.stockTotal();
            BigDecimal cover = velocity == null || velocity.signum() == 0 || available == null
                    ? null
                    : BigDecimal.valueOf(Math.max(available, 0))
                            .multiply(BigDecimal.valueOf(days))
                            .divide(BigDecimal.valueOf(sold), 1, RoundingMode.HALF_UP);
            out.add(row(v, sold, stock.windowDays(), days, velocity, available, cover, t.known() ? "yes" : "no"));
        }
        return new Table(
                "velocity",
                columns(
                        "units",
                        "days_in_window",
                        "days_in_stock",
                        "units_per_day",
                        "available",
                        "days_of_cover",
                        "stock_history"),
                out);
    }

    /** Units sold / (units sold + units on hand at the end of the window), in percent. */
    Table sellThrough(Scope scope, Supplier<List<VariantState>> variantsOf, LocalDate from, LocalDate to) {
        Background<StockHistory> stockRead = stockHistory(scope, from, to);
        List<VariantState> variants = variantsOf.get();
        Map<VariantRef, Long> units = unitsSold(scope, variants);
        StockHistory stock = stockRead.join();
        List<List<Object>> out = new ArrayList<>();
        for (VariantState v : variants) {
            VariantRef ref = new VariantRef(v.store(), v.variantId());
            long sold = units.getOrDefault(ref, 0L);
            StockHistory.Track t = stock.track(ref);
            Integer onHand = t.known() && t.endAvailable() != null ? t.endAvailable() : v.stockTotal();
            long hand = onHand == null ? 0 : Math.max(onHand, 0);
            BigDecimal pct = sold + hand == 0
                    ? null
                    : BigDecimal.valueOf(sold * 100).divide(BigDecimal.valueOf(sold + hand), 1, RoundingMode.HALF_UP);
            out.add(row(v, sold, onHand, pct));
        }
        return new Table("sell-through", columns("units_sold", "on_hand", "sell_through_pct"), out);
    }

    /** In stock and not sold for more than {@code days} days (the no-sales rule), with its value when cost is known. */
    Table deadStock(List<VariantState> variants, Instant now, int days) {
        Map<String, CatalogEntry> catalog = history.catalog();
        Map<String, BigDecimal> totals = new TreeMap<>();
        List<List<Object>> out = new ArrayList<>();
        for (VariantState v : variants) {
            if (!Conditions.noSales(v, now, days)) {
                continue;
            }
            CatalogEntry cost = v.sku() == null ? null : catalog.get(v.sku());
            BigDecimal value = value(cost, v.stockTotal(), totals);
            out.add(row(
                    v,
                    v.stockTotal(),
                    v.lastSaleAt() == null ? "never" : v.lastSaleAt().toString(),
                    Conditions.daysWithoutSale(v, now).orElse(0),
                    cost == null ? null : cost.cost(),
                    cost == null ? null : cost.currency(),
                    value));
        }
        totals.forEach((currency, total) ->
                out.add(Reports.row("total", "", "ALL", "", "", null, "", null, null, currency, total)));
        return new Table(
                "dead-stock",
                columns("available", "last_sale", "days_without_sale", "unit_cost", "currency", "stock_value"),
                out);
    }

    /** Available (above zero) × unit cost per variant, and a total per currency. */
    Table inventoryValue(List<VariantState> variants) {
        Map<String, CatalogEntry> catalog = history.catalog();
        Map<String, BigDecimal> totals = new TreeMap<>();
        List<List<Object>> out = new ArrayList<>();
        for (VariantState v : variants) {
            if (v.deleted() || v.stockTotal() == null || v.stockTotal() <= 0) {
                continue;
            }
            CatalogEntry cost = v.sku() == null ? null : catalog.get(v.sku());
            out.add(row(
                    v,
                    v.stockTotal(),
                    cost == null ? null : cost.cost(),
                    cost == null ? null : cost.currency(),
                    value(cost, v.stockTotal(), totals)));
        }
        totals.forEach(
                (currency, total) -> out.add(Reports.row("total", "", "ALL", "", "", null, null, currency, total)));
        return new Table("inventory-value", columns("available", "unit_cost", "currency", "value"), out);
    }

    private static BigDecimal value(CatalogEntry cost, Integer available, Map<String, BigDecimal> totals) {
        if (cost == null || cost.cost() == null || available == null || available <= 0) {
            return null;
        }
        BigDecimal value = cost.cost().multiply(BigDecimal.valueOf(available));
        totals.merge(cost.currency() == null ? "" : cost.currency(), value, BigDecimal::add);
        return value;
    }
}
