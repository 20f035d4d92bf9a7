package dev.edm.inventory;

import dev.edm.storage.Database;
import dev.edm.storage.PackedColumns;
import dev.edm.storage.PackedRow;
import dev.edm.storage.PackedStream;
import dev.edm.storage.Sql;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Read queries for analytics, aggregated in the database: sold units by period, SKU and unit price (revenue
 * is multiplied out exactly by the caller), the daily stock history, and the catalog's costs.
 */
public final class SalesHistory {
    private final Database db;

    public SalesHistory(Database db) {
        this.db = db;
    }

    /** Which rows: one store, one platform (channel), a day range (yyyy-mm-dd, inclusive); all optional. */
    public record Scope(
            Optional<String> store, Optional<String> platform, Optional<String> from, Optional<String> to) {}

    /** Net units sold (after reversals) at one unit price, in one period, of one SKU or variant in one store. */
    public record Sold(
            String period,
            String store,
            String sku,
            String variantId,
            String currency,
            BigDecimal unitPrice,
            long units) {}

    /** A day with a stock change (see {@code stock_day}). */
    public record StockDay(String store, String variantId, String day, Integer start, int min, int max, int end) {}

    /** Cost and supplier data of a SKU from {@code edm import catalog}. */
    public record CatalogEntry(String sku, BigDecimal cost, String currency, Integer leadTimeDays, String supplier) {}

    /**
     * Sold units grouped by period: {@code dayLength} 10 groups by day (yyyy-mm-dd), 7 by month (yyyy-mm),
     * 0 into one period named "". Whole months of the range are read from {@code sales_month}, the days of
     * partial months at its ends (and every day, by day) from {@code sale_line}.
     */
    public List<Sold> sold(Scope scope, int dayLength) {
        List<Sold> out = new ArrayList<>();
        SoldRow row = new SoldRow();
        read(
                scope,
                dayLength,
                false,
                row,
                () -> out.add(new Sold(
                        row.period(),
                        row.store(),
                        blank(row.sku()),
                        blank(row.variantId()),
                        blank(row.currency()),
                        row.unitPrice(),
                        row.units())));
        return out;
    }

    /**
     * The rows of {@link #sold} by day (10) or month (7), handed to {@code sink} one by one in the order of
     * period, store, SKU, variant and currency (unknown as ''), so a caller can group neighbours without holding
     * them all. The row is reused: its values are read before the next.
     */
    public void forEachSold(Scope scope, int dayLength, Consumer<SoldRow> sink) {
        if (dayLength != 10 && dayLength != 7) {
            throw new IllegalArgumentException("ordered rows are by day or month");
        }
        SoldRow row = new SoldRow();
        read(scope, dayLength, true, row, () -> sink.accept(row));
    }

    /**
     * A row of {@link #forEachSold}: what {@link Sold} holds, with unknown values as '' and made only when asked
     * for, straight from the bytes the database returned (millions of rows per report).
     */
    public static final class SoldRow {
        private final PackedRow row = new PackedRow(7);

        public String period() {
            return row.text(0);
        }

        /** Whether the period is {@code period} (without making a string). */
        public boolean periodIs(String period) {
            return row.is(0, period);
        }

        /** Store, SKU, variant and currency as one string: equal exactly when all four are. */
        public String series() {
            return row.key(1, 5);
        }

        public String store() {
            return row.text(1);
        }

        public String sku() {
            return row.text(2);
        }

        public String variantId() {
            return row.text(3);
        }

        public String currency() {
            return row.text(4);
        }

        /** The exact unit price, null when unknown. */
        public BigDecimal unitPrice() {
            return row.decimal(5);
        }

        public long units() {
            return row.number(6);
        }
    }

    /**
     * Reads the parts' rows into {@code row}, in report order when {@code ordered}, streamed (PostgreSQL too)
     * and read ahead on another thread while {@code each} uses them.
     */
    private void read(Scope scope, int dayLength, boolean ordered, SoldRow row, Runnable each) {
        PackedStream.read(db, parts(scope, dayLength, ordered ? db.byteOrder() : null), row.row, each);
    }

    /**
     * The queries of a read (each selecting period, store, SKU, variant, currency, unit price and units, packed),
     * in period order: whole months of the range from {@code sales_month}, the days of
     * partial months at its ends (and every day, by day) from {@code sale_line}; ordered when {@code collate}
     * is not null.
     */
    private List<PackedStream.Query> parts(Scope scope, int dayLength, String collate) {
        if (dayLength == 10) {
            return List.of(fromLines(scope, dayLength, collate));
        }
        Optional<LocalDate> from = scope.from().map(LocalDate::parse);
        Optional<LocalDate> to = scope.to().map(LocalDate::parse);
        YearMonth first = from.map(d -> d.getDayOfMonth() == 1
                        ? YearMonth.from(d)
                        : YearMonth.from(d).plusMonths(1))
                .orElse(null);
        YearMonth last = to.map(d -> d.equals(YearMonth.from(d).atEndOfMonth())
                        ? YearMonth.from(d)
                        : YearMonth.from(d).minusMonths(1))
                .orElse(null);
        if (first != null && last != null && first.isAfter(last)) {
            return List.of(fromLines(scope, dayLength, collate));
        }
        List<PackedStream.Query> out = new ArrayList<>();
        if (first != null && from.get().isBefore(first.atDay(1))) {
            out.add(fromLines(
                    new Scope(
                            scope.store(),
                            scope.platform(),
                            scope.from(),
                            Optional.of(first.atDay(1).minusDays(1).toString())),
                    dayLength,
                    collate));
        }
        out.add(fromMonths(scope, first, last, dayLength, collate));
        if (last != null && to.get().isAfter(last.atEndOfMonth())) {
            out.add(fromLines(
                    new Scope(
                            scope.store(),
                            scope.platform(),
                            Optional.of(last.plusMonths(1).atDay(1).toString()),
                            scope.to()),
                    dayLength,
                    collate));
        }
        return out;
    }

    private PackedStream.Query fromLines(Scope scope, int dayLength, String collate) {
        String period = dayLength == 0 ? "''" : dayLength == 10 ? "sale_day" : "substr(sale_day, 1, " + dayLength + ")";
        List<Object> params = new ArrayList<>();
        String where = where(scope, "sale_day", params);
        return PackedStream.Query.of(
                List.of(
                        period,
                        "store",
                        "sku",
                        "variant_id",
                        "currency",
                        "unit_price",
                        "SUM(quantity - reversed_quantity)"),
                "FROM sale_line WHERE quantity > reversed_quantity" + where
                        + " GROUP BY " + (dayLength == 0 ? "" : period + ", ")
                        + "store, sku, variant_id, currency, unit_price"
                        + (collate != null
                                ? orderBy(
                                        collate,
                                        period,
                                        "store",
                                        "COALESCE(sku, '')",
                                        "COALESCE(variant_id, '')",
                                        "COALESCE(currency, '')")
                                : ""),
                params);
    }

    /** Months first..last (either open) from {@code sales_month}, by month (7) or summed (0). */
    private PackedStream.Query fromMonths(Scope scope, YearMonth first, YearMonth last, int dayLength, String collate) {
        List<Object> params = new ArrayList<>();
        String where = where(
                new Scope(
                        scope.store(),
                        scope.platform(),
                        Optional.ofNullable(first).map(YearMonth::toString),
                        Optional.ofNullable(last).map(YearMonth::toString)),
                "month",
                params);
        return dayLength == 7
                ? PackedStream.Query.of(
                        List.of("month", "store", "sku", "variant_id", "currency", "unit_price", "units"),
                        "FROM sales_month WHERE units > 0" + where
                                + (collate != null
                                        ? orderBy(collate, "month", "store", "sku", "variant_id", "currency")
                                        : ""),
                        params)
                : PackedStream.Query.of(
                        List.of("''", "store", "sku", "variant_id", "currency", "unit_price", "SUM(units)"),
                        "FROM sales_month WHERE units > 0" + where
                                + " GROUP BY store, sku, variant_id, currency, unit_price",
                        params);
    }

    private static String orderBy(String collate, String... columns) {
        StringBuilder sql = new StringBuilder(" ORDER BY ");
        for (int i = 0; i < columns.length; i++) {
            sql.append(i == 0 ? "" : ", ").append(columns[i]).append(collate);
        }
        return sql.toString();
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** Stock-history rows between two days (inclusive), by store, variant and day. */
    public List<StockDay> stockDays(Scope scope) {
        List<Object> params = new ArrayList<>();
        String where = where(scope, "day", params);
        PackedRow row = new PackedRow(7);
        List<StockDay> out = new ArrayList<>();
        PackedStream.read(
                db,
                List.of(PackedStream.Query.of(
                        List.of(
                                "store",
                                "variant_id",
                                "day",
                                "start_available",
                                "min_available",
                                "max_available",
                                "end_available"),
                        "FROM stock_day WHERE 1 = 1" + where + " ORDER BY store, variant_id, day",
                        params)),
                row,
                () -> out.add(new StockDay(
                        row.text(0),
                        row.text(1),
                        row.text(2),
                        row.isEmpty(3) ? null : (int) row.number(3),
                        (int) row.number(4),
                        (int) row.number(5),
                        (int) row.number(6))));
        return out;
    }

    /** Each variant's total available at the end of the last day before {@code day} that changed it. */
    public Map<VariantRef, Integer> stockBefore(Scope scope, String day) {
        List<Object> params = new ArrayList<>();
        String where =
                where(new Scope(scope.store(), scope.platform(), Optional.empty(), Optional.empty()), "day", params);
        params.add(day);
        Map<VariantRef, Integer> out = new HashMap<>();
        PackedRow row = new PackedRow(3);
        db.read(c -> Sql.query(
                c,
                "SELECT " + PackedColumns.select(List.of("s.store", "s.variant_id", "s.end_available"))
                        + " FROM stock_day s JOIN (SELECT store, variant_id, "
                        + "MAX(day) AS last_day FROM stock_day WHERE 1 = 1" + where
                        + " AND day < ? GROUP BY store, variant_id) m ON s.store = m.store "
                        + "AND s.variant_id = m.variant_id AND s.day = m.last_day",
                rs -> {
                    row.read(rs, 1);
                    return out.put(new VariantRef(row.text(0), row.text(1)), (int) row.number(2));
                },
                params.toArray()));
        return out;
    }

    /** The catalog by SKU. */
    public Map<String, CatalogEntry> catalog() {
        Map<String, CatalogEntry> out = new HashMap<>();
        db.read(c -> Sql.query(
                c,
                "SELECT sku, cost, currency, lead_time_days, supplier FROM catalog",
                rs -> out.put(
                        rs.getString(1),
                        new CatalogEntry(
                                rs.getString(1),
                                rs.getString(2) == null ? null : new BigDecimal(rs.getString(2)),
                                rs.getString(3),
                                Sql.getInt(rs, 4),
                                rs.getString(5)))));
        return out;
    }

    private static String where(Scope scope, String dayColumn, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        scope.store().ifPresent(s -> {
            sql.append(" AND store = ?");
            params.add(s);
        });
        scope.platform().ifPresent(p -> {
            sql.append(" AND store LIKE ?");
            params.add(p + ":%");
        });
        scope.from().ifPresent(d -> {
            sql.append(" AND ").append(dayColumn).append(" >= ?");
            params.add(d);
        });
        scope.to().ifPresent(d -> {
            sql.append(" AND ").append(dayColumn).append(" <= ?");
            params.add(d);
        });
        return sql.toString();
    }
}
