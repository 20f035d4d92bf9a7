import dev.edm.app.Core;
import dev.edm.config.ConfigLoader;
import dev.edm.reports.Reports;
import java.io.Writer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Report bench, run by bench/reports.sh with the edm jar on the class path: writes SKUS variants with SKUS x
 * DAYS days of sales history (each SKU sells on a day with its own probability, 10% on average, 1-3 units) and
 * a stock history with stockouts straight into a fresh SQLite database, then times each report in process.
 * Args: WORK_DIR SKUS DAYS SEED [REPORTS, comma-separated: only these]. Deterministic for a seed.
 */
public final class ReportsBench {
    static final String STORE = "shopify:bench.myshopify.com";
    static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    /** The whole process: the calling thread and the one reading ahead for it (and the JIT and GC). */
    static final com.sun.management.OperatingSystemMXBean PROCESS = (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int skus = Integer.parseInt(args[1]);
        int days = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        LocalDate last = LocalDate.parse("2026-11-27");
        LocalDate first = last.minusDays(days - 1);
        Clock clock = Clock.fixed(last.atTime(20, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        Map<String, String> env = Map.of(
                "EDM_DATA_DIR", work.resolve("data").toString(),
                "EDM_OUTPUT_DIR", work.resolve("output").toString(),
                "EDM_LOG_DIR", work.resolve("logs").toString(),
                "EDM_MIN_FREE_MB", "1");
        try (Core core = Core.open(ConfigLoader.load(env), clock)) {
            long t0 = System.nanoTime();
            long[] lines = {0};
            boolean reuse = core.database().read(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM variant")) {
                    return rs.next() && rs.getLong(1) > 0;
                }
            });
            if (!reuse) core.database().transaction(c -> {
                lines[0] = generate(c, skus, first, days, seed);
                // what the batch apply keeps for each written line, here in one statement (as migration V57 does)
                c.createStatement()
                        .executeUpdate("INSERT INTO sales_month (store, sku, variant_id, currency, unit_price, month, "
                                + "units) SELECT store, COALESCE(sku, ''), COALESCE(variant_id, ''), "
                                + "COALESCE(currency, ''), COALESCE(unit_price, ''), substr(sale_day, 1, 7), "
                                + "SUM(quantity - reversed_quantity) FROM sale_line GROUP BY 1, 2, 3, 4, 5, 6");
                return null;
            });
            if (!reuse) System.out.printf(
                    "generated %,d SKUs, %,d sale lines over %d days in %.1f s%n",
                    skus, lines[0], days, (System.nanoTime() - t0) / 1e9);
            core.database().transaction(c -> {
                c.createStatement().execute("ANALYZE");
                return null;
            });
            Map<String, Map<String, String>> runs = new LinkedHashMap<>();
            runs.put("sales", Map.of("period", "month"));
            runs.put("velocity", Map.of());
            runs.put("abc", Map.of());
            runs.put("dead-stock", Map.of());
            runs.put("inventory-value", Map.of());
            runs.put("top-sellers", Map.of());
            runs.put("sell-through", Map.of());
            List<String> only = args.length > 4 && !args[4].isBlank() ? List.of(args[4].split(",")) : List.of();
            int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 2;
            for (var run : runs.entrySet()) {
                if (!only.isEmpty() && !only.contains(run.getKey())) {
                    continue;
                }
                for (int round = 1; round <= rounds; round++) {
                    long cpu = THREADS.getCurrentThreadCpuTime();
                    long processCpu = PROCESS.getProcessCpuTime();
                    long start = System.nanoTime();
                    // the report written as CSV as its rows are made (as the CLI and HTTP route do), counted
                    long[] count = {0, 0}; // chars, lines
                    Writer sink = new Writer() {
                        @Override
                        public void write(char[] buf, int off, int len) {
                            count[0] += len;
                            for (int i = off; i < off + len; i++) {
                                if (buf[i] == '\n') count[1]++;
                            }
                        }

                        @Override
                        public void write(String str, int off, int len) {
                            count[0] += len;
                            for (int i = off; i < off + len; i++) {
                                if (str.charAt(i) == '\n') count[1]++;
                            }
                        }

                        @Override
                        public void flush() {}

                        @Override
                        public void close() {}
                    };
                    core.reports().prepare(run.getKey(), Reports.Filter.parse(run.getValue()), "csv").writeTo(sink);
                    double total = (System.nanoTime() - start) / 1e9;
                    double cpuTotal = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
                    double processTotal = (PROCESS.getProcessCpuTime() - processCpu) / 1e9;
                    System.out.printf(
                            "RESULT %-16s %-14s round %d: as CSV in %.2f s (%.2f s CPU of the calling thread, %.2f s of"
                                    + " the process; %,d rows, %,d chars; heap used %,d MB)%n",
                            run.getKey(),
                            run.getValue().isEmpty() ? "" : run.getValue().toString(),
                            round,
                            total,
                            cpuTotal,
                            processTotal,
                            count[1] - 1,
                            count[0],
                            (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
                }
            }
        }
    }

    static long generate(Connection c, int skus, LocalDate first, int days, long seed) throws SQLException {
        SplittableRandom r = new SplittableRandom(seed);
        long firstSeen = first.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() - 86_400_000L;
        long lines = 0;
        try (PreparedStatement variant = c.prepareStatement("INSERT INTO variant (store, variant_id, product_id, sku, "
                        + "title, price, currency, inventory_item_id, status, deleted, first_seen, product_updated_at, "
                        + "variant_quantity, stock_total, last_sale_at, delivery_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, 'USD', ?, 'active', 0, ?, ?, NULL, ?, ?, 1)");
                PreparedStatement sale = c.prepareStatement("INSERT INTO sale_line (store, order_id, line_id, "
                        + "variant_id, sku, quantity, reversed_quantity, unit_price, currency, sold_at, sale_day, "
                        + "delivery_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'USD', ?, ?, 1)");
                PreparedStatement stock = c.prepareStatement("INSERT INTO stock_day (store, variant_id, day, "
                        + "start_available, min_available, max_available, end_available) VALUES (?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING");
                PreparedStatement catalog = c.prepareStatement(
                        "INSERT INTO catalog (sku, cost, currency, updated_at) VALUES (?, ?, 'USD', 0)")) {
            for (int i = 0; i < skus; i++) {
                String id = "v" + i;
                String sku = String.format("SKU-%06d", i);
                String price = (5 + r.nextInt(95)) + "." + (10 + r.nextInt(90));
                // popularity: most SKUs sell rarely, a few often (mean ~10% of days); 5% never sell
                double p = r.nextInt(20) == 0 ? 0 : Math.min(0.9, -Math.log(1 - r.nextDouble()) * 0.1);
                int level = 20 + r.nextInt(80);
                int stockoutStart = r.nextInt(4) == 0 ? r.nextInt(days) : -1;
                Long lastSale = null;
                stock.setString(1, STORE);
                stock.setString(2, id);
                for (int d = 0; d < days; d++) {
                    LocalDate day = first.plusDays(d);
                    boolean out = stockoutStart >= 0 && d >= stockoutStart && d < stockoutStart + 14;
                    if (!out && r.nextDouble() < p) {
                        int qty = 1 + r.nextInt(3);
                        long at = day.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli() + r.nextInt(3_600_000);
                        sale.setString(1, STORE);
                        sale.setString(2, "o" + i + "-" + d);
                        sale.setString(3, "1");
                        sale.setString(4, id);
                        sale.setString(5, sku);
                        sale.setInt(6, qty);
                        sale.setInt(7, r.nextInt(50) == 0 ? qty : 0);
                        sale.setString(8, price);
                        sale.setLong(9, at);
                        sale.setString(10, day.toString());
                        sale.addBatch();
                        lines++;
                        lastSale = at;
                        int before = level;
                        level = Math.max(0, level - qty);
                        if (level == 0 || r.nextInt(10) == 0) {
                            addStock(stock, day, before, Math.min(before, level), before, level);
                        }
                    }
                    if (out && d == stockoutStart) {
                        addStock(stock, day, level, 0, level, 0);
                        level = 0;
                    } else if (level == 0 && !out) {
                        int restock = 30 + r.nextInt(50);
                        addStock(stock, day, 0, 0, restock, restock);
                        level = restock;
                    }
                }
                variant.setString(1, STORE);
                variant.setString(2, id);
                variant.setString(3, "p" + i);
                variant.setString(4, sku);
                variant.setString(5, "Product " + i);
                variant.setString(6, price);
                variant.setString(7, "i" + i);
                variant.setLong(8, firstSeen);
                variant.setLong(9, firstSeen);
                variant.setInt(10, level);
                if (lastSale == null) {
                    variant.setNull(11, java.sql.Types.BIGINT);
                } else {
                    variant.setLong(11, lastSale);
                }
                variant.addBatch();
                if (r.nextInt(5) != 0) {
                    catalog.setString(1, sku);
                    catalog.setString(2, (1 + r.nextInt(40)) + ".50");
                    catalog.addBatch();
                }
                if (i % 1000 == 999) {
                    for (PreparedStatement ps : List.of(variant, sale, stock, catalog)) {
                        ps.executeBatch();
                    }
                }
            }
            for (PreparedStatement ps : List.of(variant, sale, stock, catalog)) {
                ps.executeBatch();
            }
        }
        return lines;
    }

    static void addStock(PreparedStatement stock, LocalDate day, int start, int min, int max, int end)
            throws SQLException {
        stock.setString(3, day.toString());
        stock.setInt(4, start);
        stock.setInt(5, min);
        stock.setInt(6, max);
        stock.setInt(7, end);
        stock.addBatch();
    }
}
