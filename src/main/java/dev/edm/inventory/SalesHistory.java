package dev.edm.inventory;

import dev.edm.storage.Database;
import dev.edm.storage.PackedColumns;
import dev.edm.storage.PackedRow;
import dev.edm.storage.PackedStream;
import dev.edm.storage.Sql;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

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
     * Sold units over the whole range (period ""), per store, SKU, variant, currency and unit price. Whole
     * months of the range are read from {@code sales_month}, the days of partial months at its ends from
     * {@code sale_line}.
     */
    public List<Sold> sold(Scope scope) {
        List<Sold> out = new ArrayList<>();
        SoldRow row = new SoldRow();
        PackedStream.read(
                db,
                byMonths(scope, s -> fromLines(s, false, null), (first, last) -> fromMonths(scope, first, last)),
                row.row,
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
     * Sold units by day (yyyy-mm-dd) from {@code sale_line}, handed to {@code sink} one by one without holding
     * them all, streamed (PostgreSQL too) and read ahead on another thread; when {@code ordered}, in the order
     * of day, store, SKU, variant and currency (unknown as ''), so a caller can group neighbours. The row is
     * reused: its values are read before the next.
     */
    public void forEachSold(Scope scope, boolean ordered, Consumer<SoldRow> sink) {
        SoldRow row = new SoldRow();
        PackedStream.read(
                db, List.of(fromLines(scope, true, ordered ? db.byteOrder() : null)), row.row, () -> sink.accept(row));
    }

    /**
     * The series of a packed row of sales (store, SKU, variant and currency from column {@code first}, unknown
     * values as '').
     */
    public abstract static sealed class SeriesValues permits SoldRow, SeriesRow {
        final PackedRow row;
        private final int first;

        SeriesValues(int count, int first) {
            this.row = new PackedRow(count);
            this.first = first;
        }

        /** Store, SKU, variant and currency as one string: equal exactly when all four are. */
        public String series() {
            return row.key(first, first + 4);
        }

        public String store() {
            return row.text(first);
        }

        public String sku() {
            return row.text(first + 1);
        }

        public String variantId() {
            return row.text(first + 2);
        }

        public String currency() {
            return row.text(first + 3);
        }
    }

    /**
     * A row of {@link #forEachSold}: what {@link Sold} holds, with unknown values as '' and made only when asked
     * for, straight from the bytes the database returned (millions of rows per report).
     */
    public static final class SoldRow extends SeriesValues {
        SoldRow() {
            super(7, 1);
        }

        public String period() {
            return row.text(0);
        }

        /** Whether the period is {@code period} (without making a string). */
        public boolean periodIs(String period) {
            return row.is(0, period);
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
     * Sold units by month, a series (store, SKU, variant and currency, unknown as '') at a time: each row holds
     * a series and its months' units at each unit price. A report of a year reads a row per series instead of
     * one per series and month. Whole months come from {@code sales_month}, the days of partial months at the
     * range's ends from {@code sale_line}, so a series may come in more than one row; rows are in no order.
     */
    public void forEachMonthSeries(Scope scope, Consumer<SeriesRow> sink) {
        SeriesRow row = new SeriesRow();
        PackedStream.read(
                db,
                byMonths(scope, this::seriesFromLines, (first, last) -> seriesFromMonths(scope, first, last)),
                row.row,
                () -> {
                    row.start();
                    sink.accept(row);
                });
    }

    /** Separates a series' entries, and an entry's month, unit price and units (never in those values). */
    private static final char ENTRIES = '\u001e';

    private static final char FIELDS = '\u001d';

    /** The packed columns of a series read: store, SKU, variant, currency and the entries of {@code from}. */
    private static PackedStream.Query series(String store, String from, List<Object> params) {
        return PackedStream.Query.of(
                List.of(
                        store,
                        "sku",
                        "variant_id",
                        "currency",
                        "string_agg(concat(month, '" + FIELDS + "', unit_price, '" + FIELDS + "', units), '" + ENTRIES
                                + "')"),
                from + " GROUP BY " + store + ", sku, variant_id, currency",
                params);
    }

    private PackedStream.Query seriesFromMonths(Scope scope, YearMonth first, YearMonth last) {
        List<Object> params = new ArrayList<>();
        String where = monthsWhere(scope, first, last, params);
        return series("store", "FROM sales_month WHERE units > 0" + where, params);
    }

    private PackedStream.Query seriesFromLines(Scope scope) {
        List<Object> params = new ArrayList<>();
        String where = where(scope, "sale_day", params);
        return series(
                "line_store",
                "FROM (SELECT store AS line_store, COALESCE(sku, '') AS sku, COALESCE(variant_id, '') AS variant_id,"
                        + " COALESCE(currency, '') AS currency, COALESCE(unit_price, '') AS unit_price,"
                        + " substr(sale_day, 1, 7) AS month, SUM(quantity - reversed_quantity) AS units"
                        + " FROM sale_line WHERE quantity > reversed_quantity" + where
                        + " GROUP BY store, 2, 3, 4, 5, 6) AS lines",
                params);
    }

    /**
     * A row of {@link #forEachMonthSeries}: the series, and its entries (month, unit price, units) one at a time
     * with {@link #next}, read straight from the bytes the database returned. The row is reused.
     */
    public static final class SeriesRow extends SeriesValues {
        private final PackedRow.Slice slice = new PackedRow.Slice();
        private byte[] entries;
        private int position;
        private int limit;
        private int periodStart;
        private int priceStart;
        private int priceEnd;
        private long units;

        SeriesRow() {
            super(5, 0);
        }

        private void start() {
            row.slice(4, slice);
            entries = slice.bytes;
            position = slice.start;
            limit = slice.end;
        }

        /** Moves to the series' next entry: false when there is none. */
        public boolean next() {
            byte[] b = entries;
            if (position >= limit) {
                return false;
            }
            periodStart = position;
            int i = position;
            while (b[i] != FIELDS) {
                i++;
            }
            priceStart = ++i;
            while (b[i] != FIELDS) {
                i++;
            }
            priceEnd = i++;
            long n = 0;
            boolean negative = b[i] == '-';
            if (negative) {
                i++;
            }
            for (; i < limit && b[i] != ENTRIES; i++) {
                n = n * 10 + (b[i] - '0');
            }
            units = negative ? -n : n;
            position = i + 1;
            return true;
        }

        /** The entry's month (yyyy-mm). */
        public String period() {
            return new String(entries, periodStart, priceStart - 1 - periodStart, StandardCharsets.ISO_8859_1);
        }

        /** Whether the entry's month is {@code period} (without making a string). */
        public boolean periodIs(String period) {
            return PackedRow.is(entries, periodStart, priceStart - 1, period);
        }

        public long units() {
            return units;
        }

        /** Whether the entry's unit price is known. */
        public boolean hasPrice() {
            return priceEnd > priceStart;
        }

        /**
         * The unit price's digits as a whole number, {@link #priceScale} of them after the point; {@link
         * Long#MIN_VALUE} when the price is not a plain decimal of up to 18 digits (then {@link #unitPrice}).
         */
        public long priceUnscaled() {
            return PackedRow.unscaled(entries, priceStart, priceEnd);
        }

        /** Digits after the point of a plain unit price (see {@link #priceUnscaled}). */
        public int priceScale() {
            return PackedRow.scale(entries, priceStart, priceEnd);
        }

        /** The exact unit price, null when unknown. */
        public BigDecimal unitPrice() {
            return hasPrice()
                    ? new BigDecimal(new String(entries, priceStart, priceEnd - priceStart, StandardCharsets.UTF_8))
                    : null;
        }
    }

    /**
     * A read by month split where the data lives, in period order: whole months of the range ({@code first} to
     * {@code last}, either open) from {@code sales_month}, the days of partial months at its ends from
     * {@code sale_line} (the range is then narrowed to those days).
     */
    private static List<PackedStream.Query> byMonths(
            Scope scope,
            Function<Scope, PackedStream.Query> lines,
            BiFunction<YearMonth, YearMonth, PackedStream.Query> months) {
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
            return List.of(lines.apply(scope));
        }
        List<PackedStream.Query> out = new ArrayList<>();
        if (first != null && from.get().isBefore(first.atDay(1))) {
            out.add(lines.apply(new Scope(
                    scope.store(),
                    scope.platform(),
                    scope.from(),
                    Optional.of(first.atDay(1).minusDays(1).toString()))));
        }
        out.add(months.apply(first, last));
        if (last != null && to.get().isAfter(last.atEndOfMonth())) {
            out.add(lines.apply(new Scope(
                    scope.store(),
                    scope.platform(),
                    Optional.of(last.plusMonths(1).atDay(1).toString()),
                    scope.to())));
        }
        return out;
    }

    /** Sold units from {@code sale_line}, by day or summed over the range; ordered when {@code collate} is not null. */
    private PackedStream.Query fromLines(Scope scope, boolean byDay, String collate) {
        String period = byDay ? "sale_day" : "''";
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
                        + " GROUP BY " + (byDay ? period + ", " : "")
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

    /** Months first..last (either open) from {@code sales_month}, summed over the range. */
    private PackedStream.Query fromMonths(Scope scope, YearMonth first, YearMonth last) {
        List<Object> params = new ArrayList<>();
        String where = monthsWhere(scope, first, last, params);
        return PackedStream.Query.of(
                List.of("''", "store", "sku", "variant_id", "currency", "unit_price", "SUM(units)"),
                "FROM sales_month WHERE units > 0" + where + " GROUP BY store, sku, variant_id, currency, unit_price",
                params);
    }

    /** The conditions of a read of months first..last (either open) from {@code sales_month}. */
    private static String monthsWhere(Scope scope, YearMonth first, YearMonth last, List<Object> params) {
        return where(
                new Scope(
                        scope.store(),
                        scope.platform(),
                        Optional.ofNullable(first).map(YearMonth::toString),
                        Optional.ofNullable(last).map(YearMonth::toString)),
                "month",
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
