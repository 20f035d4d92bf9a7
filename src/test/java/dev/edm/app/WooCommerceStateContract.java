package dev.edm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edm.alerts.Alert;
import dev.edm.alerts.Rule;
import dev.edm.inventory.SaleLine;
import dev.edm.inventory.VariantState;
import dev.edm.reports.Reports;
import dev.edm.reports.Table;
import dev.edm.testing.MutableClock;
import dev.edm.testing.RunningApp;
import dev.edm.testing.WooCommerceRequests;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WooCommerce end to end: the published REST examples (and variations of them) through POST
 * /webhook/woocommerce, then the resulting catalog, stock, sales, reversals and alerts. One subclass per
 * database.
 */
abstract class WooCommerceStateContract {
    static final String SECRET = "woo-state-secret";
    static final String SOURCE = "https://state-shop.example.com/";
    static final String HOST = "state-shop.example.com";
    static final String STORE = "woocommerce:" + HOST;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    MutableClock clock = new MutableClock(Instant.parse("2026-11-01T12:00:00Z"));
    RunningApp app;
    String databaseUrl;

    abstract String databaseUrl();

    @BeforeEach
    void start() {
        databaseUrl = databaseUrl();
        app = RunningApp.start(dir, databaseUrl, Map.of("WOOCOMMERCE_WEBHOOK_SECRET", SECRET), clock);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    static ObjectNode fixture(String name) throws IOException {
        return (ObjectNode) JSON.readTree(WooCommerceRequests.fixture(name));
    }

    /** The product example as a simple product of our choosing. */
    static ObjectNode simple(long id, String sku, Boolean manageStock, Integer quantity, String stockStatus, String at)
            throws IOException {
        ObjectNode p = fixture("product.rest_v3_example.json");
        p.put("id", id).put("type", "simple").put("sku", sku).put("price", "21.99");
        p.put("manage_stock", manageStock).put("stock_quantity", quantity).put("stock_status", stockStatus);
        p.put("date_modified_gmt", at);
        return p;
    }

    /** A variation, as WooCommerce sends it under product.* (the product representation, type variation). */
    static ObjectNode variation(long id, long parent, String sku, int quantity, String at) throws IOException {
        ObjectNode v = simple(id, sku, true, quantity, quantity > 0 ? "instock" : "outofstock", at);
        v.put("type", "variation").put("parent_id", parent).put("name", "Ship Your Idea - " + sku);
        return v;
    }

    /** The published variable product (id 799) with the given variations. */
    static ObjectNode variable(String at, long... variations) throws IOException {
        ObjectNode p = fixture("product.rest_v3_example.json");
        p.put("date_modified_gmt", at);
        var list = p.putArray("variations");
        for (long v : variations) {
            list.add(v);
        }
        return p;
    }

    /** The published order (727: product 93 x2, variation 23 of product 22 x1) in the given status. */
    static ObjectNode order(String status, boolean paid, String modifiedAt) throws IOException {
        ObjectNode o = fixture("order.rest_v3_example.json");
        o.put("status", status).put("date_modified_gmt", modifiedAt);
        if (!paid) {
            o.putNull("date_paid").putNull("date_paid_gmt");
        }
        return o;
    }

    HttpResponse<String> send(String topic, JsonNode body) {
        return WooCommerceRequests.post(
                app.http(), SECRET, topic, SOURCE, WooCommerceRequests.deliveryId(), body.toString());
    }

    void post(String topic, JsonNode body) {
        HttpResponse<String> res = send(topic, body);
        assertThat(res.statusCode()).as("%s answered %s", topic, res.body()).isEqualTo(200);
        processed();
    }

    void processed() {
        app.awaitCount(0, 10_000, "SELECT count(*) FROM delivery WHERE status = 'pending'");
    }

    VariantState variant(String id) {
        return app.app().core().inventory().variant(STORE, id).orElseThrow();
    }

    List<SaleLine> sales() {
        return app.app().core().inventory().sales(Optional.of(STORE), Optional.empty(), Optional.empty());
    }

    List<Alert> open(Rule rule, String variantId) {
        return app.app().core().alerts().list(Optional.of("open"), Optional.of(rule), Optional.of(STORE), 100).stream()
                .filter(a -> a.variantId().equals(variantId))
                .toList();
    }

    @Test
    void aSimpleProductWithManagedStockOpensLowStockAndARestockResolvesIt() throws Exception {
        post("product.created", simple(93, "WOO-1", true, 3, "instock", "2026-11-01T10:00:00"));

        VariantState v = variant("93");
        assertThat(v.productId()).isEqualTo("93");
        assertThat(v.sku()).isEqualTo("WOO-1");
        assertThat(v.title()).isEqualTo("Ship Your Idea");
        assertThat(v.price()).isEqualTo("21.99");
        assertThat(v.status()).isEqualTo("active");
        assertThat(v.stockTotal()).isEqualTo(3);
        assertThat(v.updatedAt()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(open(Rule.LOW_STOCK, "93"))
                .singleElement()
                .satisfies(a -> assertThat(a.reason()).contains("3 available <= threshold 5"));

        post("product.updated", simple(93, "WOO-1", true, 40, "instock", "2026-11-01T11:00:00"));
        assertThat(variant("93").stockTotal()).isEqualTo(40);
        assertThat(open(Rule.LOW_STOCK, "93")).isEmpty();

        post("product.updated", simple(93, "WOO-1", true, -1, "onbackorder", "2026-11-01T11:30:00"));
        assertThat(variant("93").stockTotal()).as("backorders go below zero").isEqualTo(-1);
        assertThat(open(Rule.OUT_OF_STOCK, "93")).hasSize(1);
    }

    @Test
    void theStoreRecordsWhenItsLastDeliveryArrived() throws Exception {
        post("product.created", simple(93, "WOO-1", true, 30, "instock", "2026-11-01T10:00:00"));
        assertThat(app.text("SELECT platform FROM store_state WHERE store = ?", STORE))
                .isEqualTo("woocommerce");
        assertThat(app.count("SELECT last_event FROM store_state WHERE store = ?", STORE))
                .isEqualTo(Instant.parse("2026-11-01T12:00:00Z").toEpochMilli());

        clock.advance(Duration.ofHours(3));
        post("order.updated", order("processing", true, "2026-11-01T14:00:00"));

        assertThat(app.count("SELECT last_event FROM store_state WHERE store = ?", STORE))
                .isEqualTo(Instant.parse("2026-11-01T15:00:00Z").toEpochMilli());
        assertThat(app.count("SELECT first_seen FROM store_state WHERE store = ?", STORE))
                .isEqualTo(Instant.parse("2026-11-01T12:00:00Z").toEpochMilli());
    }

    @Test
    void unmanagedStockIsUnknownButOutOfStockByHandIsZero() throws Exception {
        post("product.created", simple(94, "WOO-2", false, null, "instock", "2026-11-01T10:00:00"));
        assertThat(variant("94").stockTotal())
                .as("not 0: WooCommerce does not count it")
                .isNull();
        assertThat(open(Rule.LOW_STOCK, "94")).isEmpty();
        assertThat(open(Rule.OUT_OF_STOCK, "94")).isEmpty();

        post("product.updated", simple(94, "WOO-2", false, null, "outofstock", "2026-11-01T11:00:00"));
        assertThat(variant("94").stockTotal()).isZero();
        assertThat(open(Rule.OUT_OF_STOCK, "94")).hasSize(1);

        post("product.updated", simple(94, "WOO-2", false, null, "instock", "2026-11-01T12:00:00"));
        assertThat(variant("94").stockTotal()).isNull();
        assertThat(open(Rule.OUT_OF_STOCK, "94")).isEmpty();
    }

    @Test
    void variationsAreVariantsOfTheirParentWhichListsThem() throws Exception {
        post("product.updated", variable("2026-11-01T09:00:00", 800, 801));
        post("product.updated", variation(800, 799, "SYI-S", 2, "2026-11-01T09:00:00"));
        post("product.updated", variation(801, 799, "SYI-M", 10, "2026-11-01T09:05:00"));

        assertThat(variant("800").productId()).isEqualTo("799");
        assertThat(variant("800").title()).isEqualTo("Ship Your Idea - SYI-S");
        assertThat(variant("800").stockTotal()).isEqualTo(2);
        assertThat(variant("801").stockTotal()).isEqualTo(10);
        assertThat(open(Rule.LOW_STOCK, "800")).hasSize(1);

        // one variation's update leaves its sibling alone; a stale one is skipped
        post("product.updated", variation(801, 799, "SYI-M", 9, "2026-11-01T10:00:00"));
        post("product.updated", variation(801, 799, "SYI-M", 99, "2026-11-01T09:30:00"));
        assertThat(variant("801").stockTotal()).isEqualTo(9);
        assertThat(variant("800").deleted()).isFalse();

        // the parent no longer lists 801: it is gone
        post("product.updated", variable("2026-11-01T11:00:00", 800));
        assertThat(variant("801").deleted()).isTrue();
        assertThat(variant("800").deleted()).isFalse();

        // trashing the parent deletes its variations and resolves their alerts
        post("product.deleted", JSON.createObjectNode().put("id", 799));
        assertThat(variant("800").deleted()).isTrue();
        assertThat(open(Rule.LOW_STOCK, "800")).isEmpty();

        // restoring it brings back the variations it lists, with their alerts
        post("product.restored", variable("2026-11-01T13:00:00", 800));
        assertThat(variant("800").deleted()).isFalse();
        assertThat(variant("801").deleted()).isTrue();
        assertThat(open(Rule.LOW_STOCK, "800")).hasSize(1);
    }

    @Test
    void thePublishedOrderRecordsEachLineOnceAndCancellingReversesIt() throws Exception {
        post("product.created", simple(93, "WOO-1", true, 50, "instock", "2026-11-01T10:00:00"));
        post("product.created", variation(23, 22, "Bar3", 50, "2026-11-01T10:00:00"));

        post("order.created", fixture("order.rest_v3_example.json"));
        post("order.updated", order("completed", true, "2017-03-23T08:00:00")); // the same lines again

        Instant paid = Instant.parse("2017-03-22T19:28:08Z");
        assertThat(sales()).hasSize(2).allSatisfy(l -> {
            assertThat(l.orderId()).isEqualTo("727");
            assertThat(l.soldAt()).isEqualTo(paid);
            assertThat(l.netQuantity()).isEqualTo(l.quantity());
        });
        assertThat(sales())
                .extracting(SaleLine::lineId, SaleLine::variantId, SaleLine::quantity)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("315", "93", 2),
                        org.assertj.core.groups.Tuple.tuple("316", "23", 1));
        assertThat(variant("93").lastSaleAt()).isEqualTo(paid);
        assertThat(variant("23").lastSaleAt()).isEqualTo(paid);
        Table report = app.app().core().reports().build("sales", Reports.Filter.none());
        assertThat(report.rows())
                .contains(List.of(
                        "2017-03-22",
                        HOST,
                        "woocommerce",
                        "Bar3",
                        "23",
                        "Ship Your Idea - Bar3",
                        1L,
                        new BigDecimal("12"),
                        "USD"));

        post("order.updated", order("cancelled", true, "2017-03-24T08:00:00"));
        post("order.updated", order("cancelled", true, "2017-03-24T08:00:00")); // delivered again

        assertThat(sales()).allSatisfy(l -> assertThat(l.netQuantity()).isZero());
        assertThat(app.count("SELECT count(*) FROM sale_reversal WHERE store = ?", STORE))
                .isEqualTo(1);
        assertThat(variant("93").lastSaleAt()).as("the only sale was reversed").isNull();
    }

    @Test
    void anUnpaidOrderIsNotASaleUntilPaidAndAFailedPaymentReversesNothing() throws Exception {
        post("product.created", simple(93, "WOO-1", true, 50, "instock", "2026-11-01T10:00:00"));

        post("order.created", order("pending", false, "2017-03-22T19:28:02"));
        post("order.updated", order("failed", false, "2017-03-22T19:29:00"));
        assertThat(sales()).isEmpty();

        // the customer pays on a second try: now it is a sale, and the failed attempt did not reverse it
        post("order.updated", order("processing", true, "2017-03-22T19:35:00"));
        assertThat(sales())
                .hasSize(2)
                .allSatisfy(l -> assertThat(l.netQuantity()).isEqualTo(l.quantity()));
    }

    @Test
    void aRefundedOrderIsReversedOnce() throws Exception {
        post("order.created", order("processing", true, "2017-03-22T19:28:08"));
        post("order.updated", order("refunded", true, "2017-03-25T10:00:00"));
        post("order.updated", order("refunded", true, "2017-03-25T10:00:00"));

        assertThat(sales())
                .hasSize(2)
                .allSatisfy(l -> assertThat(l.netQuantity()).isZero());
        assertThat(app.text("SELECT reversal_id FROM sale_reversal WHERE store = ?", STORE))
                .isEqualTo("status:refunded");
    }

    @Test
    void outOfOrderAndDuplicateDeliveriesGiveTheCorrectFinalState() throws Exception {
        post("product.updated", simple(93, "WOO-1", true, 30, "instock", "2026-11-01T11:00:00"));
        post("product.updated", simple(93, "WOO-1", true, 1, "instock", "2026-11-01T10:00:00")); // stale
        assertThat(variant("93").stockTotal()).isEqualTo(30);

        // the very same request twice: stored and applied once
        String body =
                simple(93, "WOO-1", true, 4, "instock", "2026-11-01T12:00:00").toString();
        String deliveryId = WooCommerceRequests.deliveryId();
        for (int i = 0; i < 2; i++) {
            assertThat(WooCommerceRequests.post(app.http(), SECRET, "product.updated", SOURCE, deliveryId, body)
                            .statusCode())
                    .isEqualTo(200);
        }
        processed();
        assertThat(app.count("SELECT count(*) FROM delivery WHERE event_id = ?", deliveryId))
                .isEqualTo(1);
        assertThat(variant("93").stockTotal()).isEqualTo(4);
    }

    @Test
    void thePingCreatesNoStateAndOtherTopicsAreIgnored() throws Exception {
        HttpResponse<String> ping =
                WooCommerceRequests.ping(app.http(), WooCommerceRequests.fixture("ping.body.form-urlencoded.txt"));
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(app.count("SELECT count(*) FROM delivery")).isZero();
        assertThat(app.count("SELECT count(*) FROM store_state")).isZero();

        post("coupon.created", JSON.createObjectNode().put("id", 5));
        post("order.deleted", JSON.createObjectNode().put("id", 727));
        assertThat(app.count("SELECT count(*) FROM delivery WHERE status = 'ignored'"))
                .isEqualTo(2);
        assertThat(app.count("SELECT count(*) FROM variant")).isZero();
    }

    @Test
    void anUnreadableDeliveryIsFailedVisiblyAndDoesNotBlockTheNext() throws Exception {
        ObjectNode broken = variation(800, 799, "SYI-S", 2, "2026-11-01T10:00:00");
        broken.put("parent_id", 0);
        assertThat(send("product.updated", broken).statusCode()).isEqualTo(200);
        post("product.updated", simple(93, "WOO-1", true, 40, "instock", "2026-11-01T11:00:00"));

        assertThat(app.http()
                        .get("/api/events?status=failed&platform=woocommerce")
                        .body())
                .contains("missing parent_id");
        assertThat(variant("93").stockTotal()).isEqualTo(40);
    }

    @Test
    void replayRebuildsExactlyTheLiveState() throws Exception {
        post("product.updated", variable("2026-11-01T09:00:00", 800, 801));
        post("product.updated", variation(800, 799, "SYI-S", 2, "2026-11-01T09:00:00"));
        post("product.updated", variation(801, 799, "SYI-M", 0, "2026-11-01T09:00:00"));
        post("product.created", simple(93, "WOO-1", false, null, "outofstock", "2026-11-01T10:00:00"));
        post("order.created", order("processing", true, "2017-03-22T19:28:08"));
        post("order.updated", order("cancelled", true, "2017-03-23T19:28:08"));
        post("product.updated", variable("2026-11-01T11:00:00", 800));
        String live = app.app().core().inventory().checksum();
        long openAlerts = app.count("SELECT count(*) FROM alert WHERE status = 'open'");
        assertThat(openAlerts).isPositive();
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
            assertThat(core.alerts().list(Optional.of("open"), Optional.empty(), Optional.empty(), 100))
                    .hasSize((int) openAlerts);
        }
    }
}
