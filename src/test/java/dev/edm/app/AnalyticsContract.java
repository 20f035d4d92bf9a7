package dev.edm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edm.event.CanonicalEvent;
import dev.edm.event.CanonicalEvent.ProductUpserted;
import dev.edm.event.CanonicalEvent.SaleRecorded;
import dev.edm.event.CanonicalEvent.SaleReversed;
import dev.edm.event.CanonicalEvent.StockLevelChanged;
import dev.edm.event.CanonicalEvent.Variant;
import dev.edm.event.DeliveryEvents;
import dev.edm.event.Money;
import dev.edm.event.Platform;
import dev.edm.event.Provenance;
import dev.edm.event.StoreKey;
import dev.edm.reports.Reports;
import dev.edm.reports.Table;
import dev.edm.storage.Session;
import dev.edm.storage.Sql;
import dev.edm.testing.MutableClock;
import dev.edm.testing.RunningApp;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every analytics report's numbers on a small hand-computed dataset: a Shopify store in USD whose RED variant
 * is out of stock from 6 to 14 November (velocity over 21 days in stock, not 30), an Amazon store selling
 * the same SKU in EUR, and a third store in GBP whose revenues fall exactly on the ABC boundaries.
 */
abstract class AnalyticsContract {
    static final ObjectMapper JSON = new ObjectMapper();
    static final StoreKey SHOP = new StoreKey(Platform.SHOPIFY, "a.myshopify.com");
    static final StoreKey AMAZON = new StoreKey(Platform.AMAZON, "SELLER1");
    static final StoreKey ERP = new StoreKey(Platform.STANDARD, "erp");
    static final String WINDOW = "from=2026-11-01&to=2026-11-30";

    @TempDir
    Path dir;

    MutableClock clock = new MutableClock(Instant.parse("2026-11-30T20:00:00Z"));
    RunningApp app;
    long deliveryId;

    abstract String databaseUrl();

    @BeforeEach
    void start() {
        app = RunningApp.start(dir, databaseUrl(), Map.of(), clock);
        // Shopify, USD. RED (A1): 10 on Nov 1, 6 on Nov 2, 0 on Nov 5, 20 on Nov 15, 15 on Nov 20.
        apply("2026-10-01T10:00:00Z", product(SHOP, "p3", "A3", "GREEN", "iA3", null));
        apply("2026-10-01T10:00:00Z", level(SHOP, "iA3", 5));
        apply("2026-11-01T10:00:00Z", product(SHOP, "p1", "A1", "RED", "iA1", "10.00"));
        apply("2026-11-01T10:00:00Z", product(SHOP, "p2", "A2", "BLUE", "iA2", "15.00"));
        apply("2026-11-01T10:05:00Z", level(SHOP, "iA1", 10), level(SHOP, "iA2", 50));
        apply("2026-11-02T09:00:00Z", sale(SHOP, "o1", "A1", "RED", 4, "10.00", "USD"));
        apply("2026-11-02T09:01:00Z", level(SHOP, "iA1", 6));
        apply("2026-11-03T09:00:00Z", sale(SHOP, "o2", "A2", "BLUE", 2, "15.00", "USD"));
        apply("2026-11-05T09:00:00Z", sale(SHOP, "o3", "A1", "RED", 6, "10.00", "USD"));
        apply("2026-11-05T09:01:00Z", level(SHOP, "iA1", 0));
        // an order cancelled in full counts nowhere
        apply("2026-11-10T09:00:00Z", sale(SHOP, "o4", "A1", "RED", 3, "10.00", "USD"));
        apply("2026-11-10T10:00:00Z", new SaleReversed(SHOP, at("2026-11-10T10:00:00Z"), "o4", null, "cancel", null));
        apply("2026-11-15T08:00:00Z", level(SHOP, "iA1", 20));
        apply("2026-11-20T09:00:00Z", sale(SHOP, "o5", "A1", "RED", 5, "12.00", "USD"));
        apply("2026-11-20T09:01:00Z", level(SHOP, "iA1", 15));
        // Amazon, EUR: RED again (one canonical SKU, two channels), 8 in stock
        apply("2026-11-01T11:00:00Z", product(AMAZON, "B1", "B1", "RED", null, "20.00", 8));
        apply("2026-11-10T09:00:00Z", sale(AMAZON, "a1", "B1", "RED", 3, "20.00", "EUR"));
        // a GBP store: revenues 50, 30, 15, 5 (shares 50%, 30%, 15%, 5%)
        apply("2026-11-01T12:00:00Z", product(ERP, "P50", "P50", "P50", null, "10.00", 100));
        apply(
                "2026-11-20T12:00:00Z",
                sale(ERP, "e1", "P50", "P50", 5, "10.00", "GBP"),
                sale(ERP, "e2", "P30", "P30", 3, "10.00", "GBP"),
                sale(ERP, "e3", "P15", "P15", 1, "15.00", "GBP"),
                sale(ERP, "e4", "P5", "P5", 1, "5.00", "GBP"));
        app.app().core().database().transaction(c -> {
            Sql.update(
                    c,
                    "INSERT INTO catalog (sku, cost, currency, updated_at) VALUES ('RED', '4.00', 'USD', 0), "
                            + "('GREEN', '2.50', 'EUR', 0)");
            return null;
        });
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    static Instant at(String t) {
        return Instant.parse(t);
    }

    CanonicalEvent product(StoreKey store, String product, String variant, String sku, String item, String price) {
        return product(store, product, variant, sku, item, price, null);
    }

    CanonicalEvent product(
            StoreKey store, String product, String variant, String sku, String item, String price, Integer qty) {
        return new ProductUpserted(
                store,
                at("2026-10-01T00:00:00Z"),
                product,
                "Product " + sku,
                "active",
                List.of(new Variant(
                        variant,
                        sku,
                        "Product " + sku,
                        price == null ? null : new Money(new BigDecimal(price), "USD"),
                        item,
                        qty)));
    }

    CanonicalEvent level(StoreKey store, String item, int available) {
        return new StockLevelChanged(store, clock.instant(), item, "L1", available);
    }

    CanonicalEvent sale(
            StoreKey store, String order, String variant, String sku, int qty, String price, String currency) {
        return new SaleRecorded(
                store,
                clock.instant(),
                order,
                order + "-1",
                variant,
                sku,
                qty,
                new Money(new BigDecimal(price), currency));
    }

    /** Applies one delivery received at {@code received}; events built with the clock carry that time too. */
    void apply(String received, CanonicalEvent... events) {
        Instant t = at(received);
        List<CanonicalEvent> fixed = new ArrayList<>();
        for (CanonicalEvent e : events) {
            fixed.add(
                    switch (e) {
                        case StockLevelChanged l ->
                            new StockLevelChanged(l.store(), t, l.inventoryItemId(), l.locationId(), l.available());
                        case SaleRecorded s ->
                            new SaleRecorded(
                                    s.store(),
                                    t,
                                    s.orderId(),
                                    s.lineId(),
                                    s.variantId(),
                                    s.sku(),
                                    s.quantity(),
                                    s.unitPrice());
                        default -> e;
                    });
        }
        DeliveryEvents d = new DeliveryEvents(new Provenance(++deliveryId, t), fixed);
        app.app().core().database().transaction(c -> {
            try (Session s = new Session(c)) {
                app.app().core().inventory().applyAll(s, List.of(d));
            }
            return null;
        });
    }

    Table report(String name, String query) {
        Map<String, String> raw = new java.util.LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                raw.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        return app.app().core().reports().build(name, Reports.Filter.parse(raw));
    }

    static List<Object> row(Object... cells) {
        List<Object> out = new ArrayList<>();
        for (Object c : cells) {
            out.add(c instanceof String s && s.matches("-?\\d+\\.\\d+") ? new BigDecimal(s) : c);
        }
        return out;
    }

    List<Object> find(Table t, int column, String value) {
        return t.rows().stream()
                .filter(r -> value.equals(r.get(column)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row with " + value + " in " + t.rows()));
    }

    @Test
    void velocityCountsOnlyDaysInStock() {
        Table t = report("velocity", WINDOW + "&channel=shopify");
        assertThat(t.columns())
                .containsExactly(
                        "shop",
                        "platform",
                        "sku",
                        "variant_id",
                        "title",
                        "units",
                        "days_in_window",
                        "days_in_stock",
                        "units_per_day",
                        "available",
                        "days_of_cover",
                        "stock_history");
        // 15 units over 21 days in stock (Nov 6..14 at zero excluded): 0.714/day, 15 on hand = 21.0 days of cover
        assertThat(find(t, 3, "A1"))
                .isEqualTo(row(
                        "a.myshopify.com",
                        "shopify",
                        "RED",
                        "A1",
                        "Product RED",
                        15L,
                        30,
                        21,
                        "0.714",
                        15,
                        "21.0",
                        "yes"));
        assertThat(find(t, 3, "A2")).containsSequence(2L, 30, 30, new BigDecimal("0.067"), 50, new BigDecimal("750.0"));
        assertThat(t.rows()).noneMatch(r -> r.get(1).equals("amazon"));
        // a narrower window inside the stockout: no day in stock, no velocity
        assertThat(find(report("velocity", "from=2026-11-07&to=2026-11-12&shop=a.myshopify.com"), 3, "A1"))
                .containsSequence(0L, 6, 0, null, 15, null, "yes");
    }

    @Test
    void salesPerMonthAndWeekWithTotalsPerCurrency() {
        Table month = report("sales", "period=month&channel=shopify");
        assertThat(month.rows())
                .containsExactly(
                        row("2026-11", "a.myshopify.com", "shopify", "BLUE", "A2", "Product BLUE", 2L, "30.00", "USD"),
                        row("2026-11", "a.myshopify.com", "shopify", "RED", "A1", "Product RED", 15L, "160.00", "USD"),
                        row("total", "a.myshopify.com", "shopify", "BLUE", "", "", 2L, "30.00", "USD"),
                        row("total", "a.myshopify.com", "shopify", "RED", "", "", 15L, "160.00", "USD"),
                        row("total", "", "", "ALL", "", "", 17L, "190.00", "USD"));
        Table week = report("sales", "period=week&shop=a.myshopify.com&from=2026-11-01&to=2026-11-30");
        assertThat(week.rows().subList(0, 3))
                .containsExactly(
                        row("2026-W45", "a.myshopify.com", "shopify", "BLUE", "A2", "Product BLUE", 2L, "30.00", "USD"),
                        row("2026-W45", "a.myshopify.com", "shopify", "RED", "A1", "Product RED", 10L, "100.00", "USD"),
                        row("2026-W47", "a.myshopify.com", "shopify", "RED", "A1", "Product RED", 5L, "60.00", "USD"));
        // every currency totalled on its own, never added together
        Table all = report("sales", "");
        assertThat(all.rows().stream().filter(r -> "ALL".equals(r.get(3))).toList())
                .containsExactly(
                        row("total", "", "", "ALL", "", "", 3L, "60.00", "EUR"),
                        row("total", "", "", "ALL", "", "", 10L, "100.00", "GBP"),
                        row("total", "", "", "ALL", "", "", 17L, "190.00", "USD"));
    }

    /**
     * By week and by month (whole months from their sums, partial ones from the lines, one SKU at two prices
     * in one month, amounts of different scales and a sale without a price) the report holds exactly the sums
     * of its days, in the same order, with the same totals.
     */
    @Test
    void salesByWeekAndMonthAreTheSumsOfTheDays() {
        apply("2026-10-30T09:00:00Z", sale(SHOP, "o10", "A1", "RED", 2, "9.5", "USD"));
        apply("2026-10-31T09:00:00Z", sale(SHOP, "o11", "A1", "RED", 1, "10.125", "USD"));
        apply("2026-10-31T10:00:00Z", new SaleRecorded(SHOP, clock.instant(), "o12", "o12-1", "A2", "BLUE", 1, null));
        apply("2026-12-01T09:00:00Z", sale(SHOP, "o13", "A2", "BLUE", 3, "15.00", "USD"));
        apply("2026-12-02T09:00:00Z", sale(AMAZON, "a2", "B1", "RED", 2, "19.99", "EUR"));
        for (String range : List.of(
                "",
                "&from=2026-10-15&to=2026-11-10",
                "&from=2026-10-31&to=2026-12-01",
                "&from=2026-11-01&to=2026-11-30",
                "&from=2026-11-03&to=2026-11-05",
                "&channel=amazon&from=2026-11-02")) {
            List<List<Object>> days = report("sales", "period=day" + range).rows();
            assertThat(days).as(range).isNotEmpty();
            for (String period : List.of("month", "week")) {
                List<List<Object>> expected = new ArrayList<>();
                Map<List<Object>, List<Object>> byKey = new TreeMap<>((a, b) -> {
                    for (int i = 0; i < a.size(); i++) {
                        int c = ((String) a.get(i)).compareTo((String) b.get(i));
                        if (c != 0) {
                            return c;
                        }
                    }
                    return 0;
                });
                for (List<Object> d : days) {
                    if (d.get(0).equals("total")) {
                        expected.add(d); // the totals do not depend on the period
                        continue;
                    }
                    LocalDate day = LocalDate.parse((String) d.get(0));
                    String p = period.equals("month")
                            ? d.get(0).toString().substring(0, 7)
                            : String.format(
                                    "%d-W%02d",
                                    day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                    List<Object> key = List.of(p, d.get(2) + ":" + d.get(1), d.get(3), d.get(4), d.get(8));
                    List<Object> sum = byKey.get(key);
                    if (sum == null) {
                        sum = new ArrayList<>(d);
                        sum.set(0, p);
                        byKey.put(key, sum);
                    } else {
                        sum.set(6, (Long) sum.get(6) + (Long) d.get(6));
                        sum.set(7, ((BigDecimal) sum.get(7)).add((BigDecimal) d.get(7)));
                    }
                }
                List<List<Object>> lines = new ArrayList<>(byKey.values());
                lines.addAll(expected);
                assertThat(report("sales", "period=" + period + range).rows())
                        .as(period + range)
                        .containsExactlyElementsOf(lines);
            }
        }
    }

    @Test
    void abcClassesSplitAtEightyAndNinetyFivePercent() {
        Table t = report("abc", "");
        List<List<Object>> gbp =
                t.rows().stream().filter(r -> r.get(2).equals("GBP")).toList();
        // P30 brings the cumulative share to exactly 80%: still A; P15 starts at 80%: B; P5 starts at 95%: C
        assertThat(gbp)
                .containsExactly(
                        row("P50", "Product P50", "GBP", 5L, "50.00", "50.00", "50.00", "A"),
                        row("P30", "", "GBP", 3L, "30.00", "30.00", "80.00", "A"),
                        row("P15", "", "GBP", 1L, "15.00", "15.00", "95.00", "B"),
                        row("P5", "", "GBP", 1L, "5.00", "5.00", "100.00", "C"));
        assertThat(t.rows().stream().filter(r -> r.get(2).equals("USD")).map(r -> r.get(0) + "=" + r.get(7)))
                .containsExactly("RED=A", "BLUE=B");
    }

    @Test
    void topSellersByUnitsAndByRevenuePerCurrency() {
        Table t = report("top-sellers", "limit=2");
        assertThat(t.rows())
                .containsExactly(
                        row("units", 1, "RED", "Product RED", 15L, "160.00", "USD"),
                        row("units", 2, "P50", "Product P50", 5L, "50.00", "GBP"),
                        row("revenue", 1, "RED", "Product RED", 3L, "60.00", "EUR"),
                        row("revenue", 1, "P50", "Product P50", 5L, "50.00", "GBP"),
                        row("revenue", 2, "P30", "", 3L, "30.00", "GBP"),
                        row("revenue", 1, "RED", "Product RED", 15L, "160.00", "USD"),
                        row("revenue", 2, "BLUE", "Product BLUE", 2L, "30.00", "USD"));
    }

    @Test
    void sellThroughIsSoldOverSoldPlusOnHand() {
        Table t = report("sell-through", WINDOW);
        assertThat(find(t, 3, "A1")).containsSequence(15L, 15, new BigDecimal("50.0"));
        assertThat(find(t, 3, "A2")).containsSequence(2L, 50, new BigDecimal("3.8"));
        assertThat(find(t, 3, "B1")).containsSequence(3L, 8, new BigDecimal("27.3"));
        // on hand at the end of an earlier window comes from the stock history: 6 on Nov 2
        assertThat(find(report("sell-through", "from=2026-11-01&to=2026-11-02"), 3, "A1"))
                .containsSequence(4L, 6, new BigDecimal("40.0"));
    }

    @Test
    void deadStockAndInventoryValueUseCatalogCosts() {
        Table dead = report("dead-stock", "days=30");
        assertThat(dead.rows())
                .containsExactly(
                        row(
                                "a.myshopify.com",
                                "shopify",
                                "GREEN",
                                "A3",
                                "Product GREEN",
                                5,
                                "never",
                                60L,
                                "2.50",
                                "EUR",
                                "12.50"),
                        row("total", "", "ALL", "", "", null, "", null, null, "EUR", "12.50"));
        assertThat(report("dead-stock", "days=61").rows()).isEmpty();
        Table value = report("inventory-value", "");
        assertThat(find(value, 3, "A1")).containsSequence(15, new BigDecimal("4.00"), "USD", new BigDecimal("60.00"));
        assertThat(find(value, 3, "B1")).containsSequence(8, new BigDecimal("4.00"), "USD", new BigDecimal("32.00"));
        assertThat(find(value, 3, "A2")).containsSequence(50, null, null, null);
        assertThat(value.rows().stream().filter(r -> r.get(0).equals("total")).toList())
                .containsExactly(
                        row("total", "", "ALL", "", "", null, null, "EUR", "12.50"),
                        row("total", "", "ALL", "", "", null, null, "USD", "92.00"));
    }

    @Test
    void reportsOverHttpTakeTheSameFiltersAndRefuseBadOnes() throws Exception {
        HttpResponse<String> ok = app.http().get("/reports/velocity.json?" + WINDOW + "&channel=shopify");
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode rows = JSON.readTree(ok.body()).get("rows");
        assertThat(rows).hasSize(3);
        HttpResponse<String> csv = app.http().get("/reports/sales.csv?period=month&channel=amazon");
        assertThat(csv.body())
                .startsWith("period,shop,platform,sku,variant_id,title,units,revenue,currency\r\n"
                        + "2026-11,SELLER1,amazon,RED,B1,Product RED,3,60.00,EUR\r\n");
        Map<String, String> bad = Map.of(
                "period=year", "period must be day, week or month, got \\\"year\\\"",
                "channel=etsy", "channel must be one of [shopify, amazon, ebay, woocommerce, bigcommerce, standard]",
                "from=2026-11-30&to=2026-11-01", "from 2026-11-30 is after to 2026-11-01",
                "from=30.11.2026", "from must be a date like 2026-11-27, got \\\"30.11.2026\\\"",
                "limit=0", "limit must be a whole number from 1 to 10000, got \\\"0\\\"",
                "colour=red", "unknown filter \\\"colour\\\"");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            HttpResponse<String> res = app.http().get("/reports/sales.json?" + e.getKey());
            assertThat(res.statusCode()).as(e.getKey()).isEqualTo(400);
            assertThat(res.body()).as(e.getKey()).contains(e.getValue());
        }
    }
}
