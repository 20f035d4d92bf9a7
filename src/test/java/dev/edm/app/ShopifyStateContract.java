package dev.edm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edm.alerts.Alert;
import dev.edm.alerts.Rule;
import dev.edm.alerts.Threshold;
import dev.edm.inventory.SaleLine;
import dev.edm.inventory.VariantState;
import dev.edm.reports.Reports;
import dev.edm.reports.Table;
import dev.edm.testing.MutableClock;
import dev.edm.testing.RunningApp;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shopify end to end: real sample payloads through POST /webhook/shopify, then the resulting stock, sales,
 * alerts and report rows. One subclass per database.
 */
abstract class ShopifyStateContract {
    static final String SECRET = "state-secret";
    static final String SHOP = "state-shop.myshopify.com";
    static final String STORE = "shopify:" + SHOP;
    static final ObjectMapper JSON = new ObjectMapper();
    // ids from the fixtures (exact, from their admin_graphql_api_id)
    static final String PRODUCT = "788032119674292922";
    static final String SMALL = "642667041472713922";
    static final String MEDIUM = "757650484644203962";

    @TempDir
    Path dir;

    MutableClock clock = new MutableClock(Instant.parse("2026-11-01T12:00:00Z"));
    RunningApp app;
    String databaseUrl;

    abstract String databaseUrl();

    @BeforeEach
    void start() {
        databaseUrl = databaseUrl();
        app = RunningApp.start(dir, databaseUrl, Map.of("SHOPIFY_WEBHOOK_SECRET", SECRET), clock);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    static ObjectNode fixture(String name) throws IOException {
        try (InputStream in = ShopifyStateContract.class.getResourceAsStream("/fixtures/shopify/" + name + ".json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    /** The products/create sample with SKUs, inventory items and quantities of our choosing. */
    static ObjectNode product(String updatedAt, int smallQty, int mediumQty) throws IOException {
        ObjectNode p = fixture("topic_products__create");
        p.put("updated_at", updatedAt);
        ArrayNode variants = (ArrayNode) p.get("variants");
        ((ObjectNode) variants.get(0))
                .put("sku", "TS-S")
                .put("inventory_item_id", 1001L)
                .put("inventory_quantity", smallQty);
        ((ObjectNode) variants.get(1))
                .put("sku", "TS-M")
                .put("inventory_item_id", 1002L)
                .put("inventory_quantity", mediumQty);
        return p;
    }

    static ObjectNode level(long item, long location, Integer available, String updatedAt) {
        ObjectNode l = JSON.createObjectNode();
        l.put("inventory_item_id", item).put("location_id", location).put("updated_at", updatedAt);
        if (available == null) {
            l.putNull("available");
        } else {
            l.put("available", available);
        }
        l.put("admin_graphql_api_id", "gid://shopify/InventoryLevel/" + location + "?inventory_item_id=" + item);
        return l;
    }

    /** The cancelled-order sample turned into a live order of one line for the Small variant. */
    static ObjectNode order(long orderId, int quantity, String processedAt) throws IOException {
        ObjectNode o = fixture("topic_orders__cancelled");
        o.put("id", orderId)
                .putNull("cancelled_at")
                .put("processed_at", processedAt)
                .put("created_at", processedAt);
        ArrayNode lines = (ArrayNode) o.get("line_items");
        ObjectNode first = (ObjectNode) lines.get(0);
        first.put("id", orderId * 10)
                .put("variant_id", Long.parseLong(SMALL))
                .put("sku", "TS-S")
                .put("quantity", quantity)
                .put("price", "19.99");
        lines.removeAll();
        lines.add(first);
        o.putArray("refunds");
        return o;
    }

    void post(String topic, JsonNode body) {
        HttpResponse<String> res =
                app.http().signed(SECRET, topic, SHOP, UUID.randomUUID().toString(), body.toString());
        assertThat(res.statusCode()).as("%s answered %s", topic, res.body()).isEqualTo(200);
        processed();
    }

    void processed() {
        app.awaitCount(0, 10_000, "SELECT count(*) FROM delivery WHERE status = 'pending'");
    }

    VariantState variant(String id) {
        return app.app().core().inventory().variant(STORE, id).orElseThrow();
    }

    List<Alert> alerts(String status, Rule rule) {
        return app.app().core().alerts().list(Optional.of(status), Optional.of(rule), Optional.of(STORE), 100);
    }

    List<Alert> open(Rule rule, String variantId) {
        return alerts("open", rule).stream()
                .filter(a -> a.variantId().equals(variantId))
                .toList();
    }

    @Test
    void aProductBelowThresholdOpensLowStockAndARestockResolvesIt() throws Exception {
        post("products/create", product("2026-11-01T10:00:00Z", 3, 50));

        VariantState small = variant(SMALL);
        assertThat(small.title()).isEqualTo("Example T-Shirt - Small");
        assertThat(small.sku()).isEqualTo("TS-S");
        assertThat(small.price()).isEqualTo("19.99");
        assertThat(small.stockTotal()).isEqualTo(3);
        assertThat(open(Rule.LOW_STOCK, SMALL)).singleElement().satisfies(a -> {
            assertThat(a.reason()).contains("3 available <= threshold 5");
            assertThat(a.severity()).isEqualTo("warning");
        });
        assertThat(open(Rule.LOW_STOCK, MEDIUM)).isEmpty();
        long firstAlert = open(Rule.LOW_STOCK, SMALL).get(0).id();

        // levels now exist for the item: they give the stock, per location
        post("inventory_levels/update", level(1001, 1, 0, "2026-11-01T11:00:00Z"));
        assertThat(variant(SMALL).stockTotal()).isZero();
        assertThat(open(Rule.OUT_OF_STOCK, SMALL))
                .singleElement()
                .satisfies(a -> assertThat(a.severity()).isEqualTo("critical"));
        assertThat(open(Rule.LOW_STOCK, SMALL))
                .singleElement()
                .satisfies(a -> assertThat(a.id()).isEqualTo(firstAlert));

        post("inventory_levels/update", level(1001, 1, 20, "2026-11-01T12:00:00Z"));
        post("inventory_levels/update", level(1001, 2, 4, "2026-11-01T12:00:00Z"));
        assertThat(variant(SMALL).stockTotal()).isEqualTo(24);
        assertThat(open(Rule.LOW_STOCK, SMALL)).isEmpty();
        assertThat(open(Rule.OUT_OF_STOCK, SMALL)).isEmpty();
        assertThat(alerts("resolved", Rule.LOW_STOCK)).anySatisfy(a -> {
            assertThat(a.id()).isEqualTo(firstAlert);
            assertThat(a.resolveReason()).contains("restocked");
            assertThat(a.resolvedAt()).isNotNull();
        });

        // a later breach opens a new alert; the history keeps the old one
        post("inventory_levels/update", level(1001, 1, 0, "2026-11-01T13:00:00Z"));
        assertThat(variant(SMALL).stockTotal()).isEqualTo(4);
        assertThat(open(Rule.LOW_STOCK, SMALL))
                .singleElement()
                .satisfies(a -> assertThat(a.id()).isNotEqualTo(firstAlert));

        // the disconnected location no longer counts
        post("inventory_levels/disconnect", level(1001, 2, null, "2026-11-01T14:00:00Z"));
        assertThat(variant(SMALL).stockTotal()).isZero();
    }

    @Test
    void levelsArrivingBeforeTheProductAreAttachedWhenItArrives() throws Exception {
        post("inventory_levels/update", level(1002, 7, 2, "2026-11-01T09:00:00Z"));
        post("products/create", product("2026-11-01T10:00:00Z", 80, 80));

        assertThat(variant(MEDIUM).stockTotal())
                .as("levels win over the product's total")
                .isEqualTo(2);
        assertThat(open(Rule.LOW_STOCK, MEDIUM)).hasSize(1);
        assertThat(variant(SMALL).stockTotal()).isEqualTo(80);
    }

    @Test
    void outOfOrderAndDuplicateDeliveriesGiveTheCorrectFinalState() throws Exception {
        post("products/update", product("2026-11-01T10:00:00Z", 10, 10));
        post("inventory_levels/update", level(1001, 1, 30, "2026-11-01T12:00:00Z"));
        post("inventory_levels/update", level(1001, 1, 1, "2026-11-01T11:00:00Z")); // stale: older updated_at
        post("products/update", product("2026-11-01T09:00:00Z", 99, 99)); // stale product description

        assertThat(variant(SMALL).stockTotal()).isEqualTo(30);
        assertThat(variant(MEDIUM).stockTotal()).isEqualTo(10);
        assertThat(open(Rule.LOW_STOCK, SMALL)).isEmpty();

        // the very same delivery twice (Shopify retry): stored and applied once
        String body = level(1001, 1, 3, "2026-11-01T13:00:00Z").toString();
        String id = UUID.randomUUID().toString();
        assertThat(app.http()
                        .signed(SECRET, "inventory_levels/update", SHOP, id, body)
                        .statusCode())
                .isEqualTo(200);
        assertThat(app.http()
                        .signed(SECRET, "inventory_levels/update", SHOP, id, body)
                        .statusCode())
                .isEqualTo(200);
        processed();
        assertThat(app.count("SELECT count(*) FROM delivery WHERE webhook_id = ?", id))
                .isEqualTo(1);
        assertThat(variant(SMALL).stockTotal()).isEqualTo(3);
    }

    @Test
    void anOrderRecordsASaleOnceAndACancellationReversesIt() throws Exception {
        post("products/create", product("2026-11-01T10:00:00Z", 50, 50));
        ObjectNode order = order(5001, 2, "2026-11-01T11:30:00-05:00");

        post("orders/create", order);
        post("orders/paid", order); // the same order through another topic counts once

        List<SaleLine> sales =
                app.app().core().inventory().sales(Optional.of(STORE), Optional.empty(), Optional.empty());
        assertThat(sales).singleElement().satisfies(l -> {
            assertThat(l.quantity()).isEqualTo(2);
            assertThat(l.netQuantity()).isEqualTo(2);
            assertThat(l.variantId()).isEqualTo(SMALL);
            assertThat(l.soldAt()).isEqualTo(Instant.parse("2026-11-01T16:30:00Z"));
        });
        assertThat(variant(SMALL).lastSaleAt()).isEqualTo(Instant.parse("2026-11-01T16:30:00Z"));
        Table report = app.app().core().reports().build("sales", Reports.Filter.none());
        assertThat(report.rows().get(0))
                .containsExactly(
                        "2026-11-01",
                        SHOP,
                        "shopify",
                        "TS-S",
                        SMALL,
                        "Example T-Shirt - Small",
                        2L,
                        new java.math.BigDecimal("39.98"),
                        "USD");

        ObjectNode cancelled = order.deepCopy();
        cancelled.put("cancelled_at", "2026-11-01T12:00:00-05:00");
        post("orders/cancelled", cancelled);

        assertThat(app.app().core().inventory().sales(Optional.of(STORE), Optional.empty(), Optional.empty()))
                .singleElement()
                .satisfies(l -> assertThat(l.netQuantity()).isZero());
        assertThat(variant(SMALL).lastSaleAt()).as("the only sale was reversed").isNull();
    }

    @Test
    void aRefundReversesOnlyTheRefundedUnits() throws Exception {
        post("products/create", product("2026-11-01T10:00:00Z", 50, 50));
        post("orders/create", order(6001, 3, "2026-11-01T11:00:00Z"));
        ObjectNode refund = JSON.createObjectNode();
        refund.put("id", 77).put("order_id", 6001).put("created_at", "2026-11-02T10:00:00Z");
        refund.putArray("refund_line_items")
                .addObject()
                .put("line_item_id", 60010)
                .put("quantity", 1);
        post("refunds/create", refund);
        post("refunds/create", refund); // a second delivery of the same refund (new webhook id)

        assertThat(app.app().core().inventory().sales(Optional.of(STORE), Optional.empty(), Optional.empty()))
                .singleElement()
                .satisfies(l -> assertThat(l.netQuantity()).isEqualTo(2));
    }

    @Test
    void noSalesFiresOnTheSixtyFirstDayAndASaleResolvesIt() throws Exception {
        post("products/create", product("2026-11-01T10:00:00Z", 10, 0));
        assertThat(variant(SMALL).firstSeen()).isEqualTo(Instant.parse("2026-11-01T12:00:00Z"));

        clock.advance(Duration.ofDays(60));
        app.app().core().alerts().checkAll();
        assertThat(open(Rule.NO_SALES, SMALL))
                .as("60 days is not more than NO_SALES_DAYS")
                .isEmpty();

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        app.app().core().alerts().checkAll();
        assertThat(open(Rule.NO_SALES, SMALL)).singleElement().satisfies(a -> {
            assertThat(a.reason()).contains("no sales for 61 days").contains("never sold");
            assertThat(a.severity()).isEqualTo("info");
        });
        assertThat(open(Rule.NO_SALES, MEDIUM)).as("no stock, nothing to sell").isEmpty();

        post("orders/create", order(7001, 1, clock.instant().toString()));
        assertThat(open(Rule.NO_SALES, SMALL)).isEmpty();
        assertThat(alerts("resolved", Rule.NO_SALES))
                .singleElement()
                .satisfies(a -> assertThat(a.resolveReason()).contains("sold again"));
    }

    @Test
    void noSalesNeverFiresForUnknownStockOrASaleDatedInTheFuture() throws Exception {
        post("products/create", product("2026-11-01T10:00:00Z", 10, 10));
        // Small: stock unknown (the only level is untracked)
        post("inventory_levels/update", level(1001, 1, null, "2026-11-01T11:00:00Z"));
        // Medium: a sale stamped far in the future (a bad clock upstream)
        ObjectNode future = order(8001, 1, "2027-06-01T00:00:00Z");
        ((ObjectNode) future.get("line_items").get(0))
                .put("variant_id", Long.parseLong(MEDIUM))
                .put("sku", "TS-M");
        post("orders/create", future);

        clock.advance(Duration.ofDays(90));
        app.app().core().alerts().checkAll();
        assertThat(alerts("open", Rule.NO_SALES)).isEmpty();
    }

    @Test
    void deletingTheProductResolvesItsAlerts() throws Exception {
        post("products/create", product("2026-11-01T10:00:00Z", 1, 0));
        assertThat(alerts("open", Rule.LOW_STOCK)).hasSize(2);
        assertThat(alerts("open", Rule.OUT_OF_STOCK)).hasSize(1);

        post("products/delete", fixture("topic_products__delete"));

        assertThat(variant(SMALL).deleted()).isTrue();
        assertThat(alerts("open", Rule.LOW_STOCK)).isEmpty();
        assertThat(alerts("open", Rule.OUT_OF_STOCK)).isEmpty();
        assertThat(alerts("resolved", Rule.LOW_STOCK))
                .allSatisfy(a -> assertThat(a.resolveReason()).isEqualTo("product deleted"));
    }

    @Test
    void aDeletionDeliveredBeforeTheCreationKeepsTheProductGone() throws Exception {
        // Shopify does not order deliveries: the product was created, then deleted, but the deletion came first
        post("products/delete", fixture("topic_products__delete"));
        post("products/create", product("2026-11-01T10:00:00Z", 1, 0));

        assertThat(app.app().core().inventory().variant(STORE, SMALL)).isEmpty();
        assertThat(alerts("open", Rule.LOW_STOCK)).isEmpty();
        assertThat(alerts("open", Rule.OUT_OF_STOCK)).isEmpty();
        assertThat(app.count("SELECT count(*) FROM delivery WHERE status = 'processed'"))
                .isEqualTo(2);

        // a description written after the deletion (a restored product) is applied
        post("products/update", product(clock.instant().plusSeconds(60).toString(), 1, 0));
        assertThat(variant(SMALL).deleted()).isFalse();
        assertThat(alerts("open", Rule.OUT_OF_STOCK)).hasSize(1);
    }

    @Test
    void perSkuAndPerLocationThresholds() throws Exception {
        post("products/create", product("2026-11-01T10:00:00Z", 10, 10));
        post("inventory_levels/update", level(1002, 1, 8, "2026-11-01T11:00:00Z"));
        post("inventory_levels/update", level(1002, 2, 2, "2026-11-01T11:00:00Z"));
        assertThat(open(Rule.LOW_STOCK, MEDIUM)).isEmpty();

        app.app().core().alerts().setThreshold(new Threshold("", "TS-M", "", 12));
        assertThat(open(Rule.LOW_STOCK, MEDIUM)).singleElement().satisfies(a -> {
            assertThat(a.threshold()).isEqualTo(12);
            assertThat(a.locationId()).isEmpty();
        });

        app.app().core().alerts().setThreshold(new Threshold(STORE, "TS-M", "2", 3));
        assertThat(open(Rule.LOW_STOCK, MEDIUM)).hasSize(2).anySatisfy(a -> {
            assertThat(a.locationId()).isEqualTo("2");
            assertThat(a.currentValue()).isEqualTo(2);
        });
        Table lowStock = app.app().core().reports().build("low-stock", Reports.Filter.none());
        assertThat(lowStock.columns())
                .startsWith("product_id", "title", "platform", "current_stock", "threshold", "last_update");
        assertThat(lowStock.rows()).extracting(r -> r.get(9)).containsExactlyInAnyOrder("", "2");

        post("inventory_levels/update", level(1002, 2, 9, "2026-11-01T12:00:00Z"));
        assertThat(open(Rule.LOW_STOCK, MEDIUM)).isEmpty();
    }

    @Test
    void anUnreadableDeliveryIsFailedVisiblyAndDoesNotBlockTheNext() throws Exception {
        ObjectNode broken = product("2026-11-01T10:00:00Z", 1, 1);
        ((ObjectNode) broken.get("variants").get(0)).remove("id");
        HttpResponse<String> res = app.http().signed(SECRET, "products/update", SHOP, "broken-1", broken.toString());
        assertThat(res.statusCode()).isEqualTo(200);
        post("products/create", product("2026-11-01T11:00:00Z", 40, 40));

        String failed = app.http().get("/api/events?status=failed").body();
        assertThat(failed).contains("broken-1").contains("missing variants[].id");
        assertThat(variant(SMALL).stockTotal()).isEqualTo(40);
    }

    @Test
    void unknownTopicsAreIgnoredAndUninstallDisconnectsTheShop() throws Exception {
        post("themes/publish", JSON.createObjectNode().put("id", 1));
        post("app/uninstalled", fixture("topic_app__uninstalled"));

        assertThat(app.text("SELECT status FROM delivery WHERE topic = 'themes/publish'"))
                .isEqualTo("ignored");
        assertThat(app.text("SELECT status FROM store_state WHERE store = ?", STORE))
                .isEqualTo("disconnected");
    }

    @Test
    void replayRebuildsExactlyTheLiveState() throws Exception {
        post("products/create", product("2026-11-01T10:00:00Z", 10, 3));
        post("inventory_levels/update", level(1001, 1, 4, "2026-11-01T11:00:00Z"));
        post("inventory_levels/update", level(1001, 2, 6, "2026-11-01T11:00:00Z"));
        post("orders/create", order(9001, 2, "2026-11-01T11:30:00Z"));
        post("orders/create", order(9002, 1, "2026-11-01T11:40:00Z"));
        ObjectNode cancel = order(9002, 1, "2026-11-01T11:40:00Z").put("cancelled_at", "2026-11-01T12:00:00Z");
        post("orders/cancelled", cancel);
        post(
                "inventory_items/update",
                JSON.createObjectNode().put("id", 1002).put("sku", "TS-M2").put("updated_at", "2026-11-01T12:30:00Z"));
        String live = app.app().core().inventory().checksum();
        long openAlerts = app.count("SELECT count(*) FROM alert WHERE status = 'open'");
        app.close();
        app = null;

        try (Core core = Core.open(
                dev.edm.config.ConfigLoader.load(Map.of(
                        "EDM_DATA_DIR", dir.resolve("data").toString(),
                        "EDM_OUTPUT_DIR", dir.resolve("output").toString(),
                        "EDM_LOG_DIR", dir.resolve("logs").toString(),
                        "EDM_DATABASE_URL", databaseUrl == null ? "" : databaseUrl)),
                clock)) {
            var result = core.replay(Optional.empty());
            assertThat(result.deliveries()).isEqualTo(7);
            assertThat(core.inventory().checksum()).isEqualTo(live);
            assertThat(core.inventory().variant(STORE, MEDIUM).orElseThrow().sku())
                    .isEqualTo("TS-M2");
            assertThat(core.alerts().list(Optional.of("open"), Optional.empty(), Optional.empty(), 100))
                    .hasSize((int) openAlerts);

            core.replay(Optional.of(Instant.parse("2026-01-01T00:00:00Z")));
            assertThat(core.inventory().checksum())
                    .as("re-applying on top of state is idempotent")
                    .isEqualTo(live);

            // in batches of 2: each batch is read and parsed ahead while the one before is written
            assertThat(core.replay(Optional.empty(), 2).deliveries()).isEqualTo(7);
            assertThat(core.inventory().checksum())
                    .as("replay in small batches, read ahead")
                    .isEqualTo(live);
        }
    }

    @Test
    void reportsAreWrittenAsNeverOverwrittenFilesAndServedOverHttp() throws Exception {
        post("products/create", product("2026-11-01T10:00:00Z", 2, 0));
        Reports reports = app.app().core().reports();

        Path a = reports.write("low-stock", "csv", Reports.Filter.none(), Optional.empty());
        Path b = reports.write("low-stock", "csv", Reports.Filter.none(), Optional.empty());
        Path c = reports.write("out-of-stock", "json", Reports.Filter.none(), Optional.empty());

        assertThat(a.getFileName().toString()).isEqualTo("low_stock_20261101_120000_000.csv");
        assertThat(b.getFileName().toString()).isEqualTo("low_stock_20261101_120000_000_1.csv");
        assertThat(c.getFileName().toString()).isEqualTo("out_of_stock_20261101_120000_000.json");
        List<String> lines = Files.readAllLines(a);
        assertThat(lines.get(0))
                .isEqualTo(
                        "product_id,title,platform,current_stock,threshold,last_update,shop,variant_id,sku,location");
        assertThat(lines)
                .hasSize(3)
                .anySatisfy(l -> assertThat(l).startsWith(PRODUCT + ",Example T-Shirt - Small,shopify,2,5,"));
        assertThat(Files.readString(c)).contains("\"current_stock\" : 0").contains("\"sku\" : \"TS-M\"");
        try (var files = Files.list(a.getParent())) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp")))
                    .isEmpty();
        }

        HttpResponse<String> csv = app.http().get("/reports/low-stock.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.body()).startsWith("product_id,title,platform,current_stock,threshold,last_update");
        assertThat(app.http().get("/reports/no-sales.json").statusCode()).isEqualTo(200);
        assertThat(app.http().get("/reports/nope.csv").statusCode()).isEqualTo(404);
        assertThat(app.http().get("/reports/sales.csv?from=yesterday").statusCode())
                .isEqualTo(400);

        HttpResponse<String> api = app.http().get("/api/alerts?status=open&rule=low_stock");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(api.body()).get("count").asInt()).isEqualTo(2);
        assertThat(app.http().get("/api/alerts?rule=bogus").statusCode()).isEqualTo(400);
        assertThat(app.http().get("/api/alerts?status=maybe").statusCode()).isEqualTo(400);
    }
}
