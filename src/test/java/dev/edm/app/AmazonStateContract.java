package dev.edm.app;

import static dev.edm.testing.AmazonFixtures.eventBridge;
import static dev.edm.testing.AmazonFixtures.freshId;
import static dev.edm.testing.AmazonFixtures.notification;
import static dev.edm.testing.AmazonFixtures.respelled;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edm.alerts.Alert;
import dev.edm.alerts.Rule;
import dev.edm.inventory.LevelState;
import dev.edm.inventory.SaleLine;
import dev.edm.inventory.VariantState;
import dev.edm.reports.Reports;
import dev.edm.reports.Table;
import dev.edm.testing.MutableClock;
import dev.edm.testing.RunningApp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Amazon end to end: the published SP-API samples through POST /webhook/amazon, then the stock, listings,
 * sales, alerts and price observations they leave, keyed by seller SKU. One subclass per database.
 */
abstract class AmazonStateContract {
    static final String SECRET = "amazon-state-secret";
    static final String SELLER = "A3TH9S8BH6GOGM";
    static final String STORE = "amazon:" + SELLER;

    @TempDir
    Path dir;

    MutableClock clock = new MutableClock(Instant.parse("2026-11-01T12:00:00Z"));
    RunningApp app;
    String databaseUrl;

    abstract String databaseUrl();

    @BeforeEach
    void start() {
        databaseUrl = databaseUrl();
        app = RunningApp.start(dir, databaseUrl, Map.of("EDM_AMAZON_FORWARD_SECRET", SECRET), clock);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** A sample with a fresh notification id, for our seller. */
    static ObjectNode sample(String fixture) {
        ObjectNode n = notification(fixture);
        freshId(n);
        return n;
    }

    static ObjectNode mfn(String sku, int quantity, String eventTime) {
        ObjectNode n = sample("LISTINGS_ITEM_MFN_QUANTITY_CHANGE");
        n.put("EventTime", eventTime);
        ((ObjectNode) n.get("Payload")).put("SellerId", SELLER).put("Sku", sku).put("Quantity", quantity);
        return n;
    }

    static ObjectNode status(String sku, String eventTime, String... statuses) {
        ObjectNode n = sample("LISTINGS_ITEM_STATUS_CHANGE");
        n.put("EventTime", eventTime);
        ObjectNode payload = (ObjectNode) n.get("Payload");
        payload.put("SellerId", SELLER).put("Sku", sku);
        var array = payload.putArray("Status");
        for (String s : statuses) {
            array.add(s);
        }
        return n;
    }

    static ObjectNode order(String status) {
        ObjectNode n = sample("ORDER_CHANGE");
        ((ObjectNode) n.at("/Payload/OrderChangeNotification/Summary")).put("OrderStatus", status);
        return n;
    }

    void post(JsonNode body) {
        HttpResponse<String> res = app.http()
                .post(
                        "/webhook/amazon",
                        Map.of("Content-Type", "application/json", "x-auth-token", SECRET),
                        body.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        app.awaitCount(0, 10_000, "SELECT count(*) FROM delivery WHERE status = 'pending'");
        assertThat(app.count("SELECT count(*) FROM delivery WHERE status = 'failed'"))
                .as("no failed deliveries")
                .isZero();
    }

    VariantState variant(String sku) {
        return app.app().core().inventory().variant(STORE, sku).orElseThrow();
    }

    List<Alert> open(Rule rule, String sku) {
        return app.app().core().alerts().list(Optional.of("open"), Optional.of(rule), Optional.of(STORE), 100).stream()
                .filter(a -> a.variantId().equals(sku))
                .toList();
    }

    @Test
    void fbaStockPerMarketplaceLandsOnTheSellerSku() {
        post(eventBridge(respelled(notification("FBA_INVENTORY_AVAILABILITY_CHANGES"), true), "eb-fba-1"));

        VariantState v = variant("SELLERSKU-1");
        assertThat(v.sku()).isEqualTo("SELLERSKU-1");
        assertThat(v.inventoryItemId()).isEqualTo("SELLERSKU-1");
        assertThat(v.productId()).isEqualTo("B00001ABCD");
        assertThat(v.title()).isEqualTo("Product Title");
        assertThat(v.stockTotal()).isEqualTo(90);
        assertThat(v.monitored()).isTrue();
        assertThat(app.app().core().inventory().levels(Optional.of(STORE)))
                .extracting(LevelState::locationId, LevelState::available)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("fba:ATVPDKIKX0DER", 50),
                        org.assertj.core.groups.Tuple.tuple("fba:A2EUQ1WTGCTBG2", 40));
    }

    @Test
    void mfnQuantityOpensLowStockAndAnOlderChangeArrivingLateIsIgnored() {
        post(mfn("MUG-1", 99, "2026-11-01T10:00:00Z"));
        assertThat(variant("MUG-1").stockTotal()).isEqualTo(99);
        assertThat(open(Rule.LOW_STOCK, "MUG-1")).isEmpty();

        post(mfn("MUG-1", 3, "2026-11-01T11:00:00Z"));
        post(mfn("MUG-1", 80, "2026-11-01T10:30:00Z")); // stale

        assertThat(variant("MUG-1").stockTotal()).isEqualTo(3);
        assertThat(open(Rule.LOW_STOCK, "MUG-1"))
                .singleElement()
                .satisfies(a -> assertThat(a.reason()).contains("3 available <= threshold 5"));

        // FBA stock of the same SKU adds up with the seller-fulfilled stock
        ObjectNode fba = notification("FBA_INVENTORY_AVAILABILITY_CHANGES");
        ((ObjectNode) fba.get("Payload")).put("SKU", "MUG-1");
        post(fba);
        assertThat(variant("MUG-1").stockTotal()).isEqualTo(93);
        assertThat(open(Rule.LOW_STOCK, "MUG-1")).isEmpty();
    }

    @Test
    void listingStatusDecidesWhetherTheSkuIsMonitoredAndTheNewestStatusWins() {
        post(mfn("CUP-1", 0, "2026-11-01T10:00:00Z"));
        assertThat(open(Rule.OUT_OF_STOCK, "CUP-1")).hasSize(1);

        post(status("CUP-1", "2026-11-01T11:00:00Z", "DISCOVERABLE"));
        assertThat(variant("CUP-1").status()).isEqualTo("inactive");
        assertThat(open(Rule.OUT_OF_STOCK, "CUP-1"))
                .as("an unbuyable listing is not monitored")
                .isEmpty();

        post(status("CUP-1", "2026-11-01T12:00:00Z", "BUYABLE", "DISCOVERABLE"));
        post(status("CUP-1", "2026-11-01T11:30:00Z", "DISCOVERABLE")); // older, arrives late
        assertThat(variant("CUP-1").status()).isEqualTo("active");
        assertThat(variant("CUP-1").productId()).isEqualTo("BT6RZ7JM4H");
        assertThat(open(Rule.OUT_OF_STOCK, "CUP-1")).hasSize(1);

        post(status("CUP-1", "2026-11-01T13:00:00Z", "DELETED"));
        assertThat(variant("CUP-1").deleted()).isTrue();
        assertThat(open(Rule.OUT_OF_STOCK, "CUP-1")).isEmpty();
    }

    @Test
    void anOrderRecordsASalePerItemOnceAndACancellationReversesIt() {
        post(order("Unshipped"));
        post(respelled(order("Shipped"), true)); // the same order again, as another notification

        List<SaleLine> sales =
                app.app().core().inventory().sales(Optional.of(STORE), Optional.empty(), Optional.empty());
        assertThat(sales).singleElement().satisfies(l -> {
            assertThat(l.orderId()).isEqualTo("903-8868176-2219830");
            assertThat(l.lineId()).isEqualTo("OIID34853450");
            assertThat(l.variantId()).isEqualTo("SellerSKUID1");
            assertThat(l.sku()).isEqualTo("SellerSKUID1");
            assertThat(l.quantity()).isEqualTo(10);
            assertThat(l.soldAt()).isEqualTo(Instant.parse("2022-07-13T19:42:04.284Z"));
        });
        assertThat(variant("SellerSKUID1").lastSaleAt()).isEqualTo(Instant.parse("2022-07-13T19:42:04.284Z"));
        Table report = app.app().core().reports().build("sales", Reports.Filter.none());
        assertThat(report.rows().get(0)).contains("2022-07-13", SELLER, "amazon", "SellerSKUID1", 10L);

        post(order("Canceled"));
        assertThat(app.app().core().inventory().sales(Optional.of(STORE), Optional.empty(), Optional.empty()))
                .singleElement()
                .satisfies(l -> assertThat(l.netQuantity()).isZero());
        assertThat(variant("SellerSKUID1").lastSaleAt()).isNull();
    }

    @Test
    void offerAndPricingHealthNotificationsAreKeptAsPriceObservationsOnce() {
        ObjectNode offers = sample("ANY_OFFER_CHANGED");
        post(offers);
        post(eventBridge(offers, "eb-again")); // the same notification id again: stored once
        ObjectNode health = sample("PRICING_HEALTH");
        ((ObjectNode) health.get("payload")).put("sellerId", SELLER);
        post(health);

        assertThat(app.count("SELECT count(*) FROM price_observation WHERE store = ?", STORE))
                .isEqualTo(2);
        String where = " FROM price_observation WHERE store = ? AND source = ?";
        assertThat(app.text("SELECT buy_box_price" + where, STORE, "ANY_OFFER_CHANGED"))
                .isEqualTo("10");
        assertThat(app.text("SELECT competitive_price" + where, STORE, "ANY_OFFER_CHANGED"))
                .isEqualTo("22");
        assertThat(app.count("SELECT offer_count" + where, STORE, "ANY_OFFER_CHANGED"))
                .isEqualTo(10);
        assertThat(app.text("SELECT own_price" + where, STORE, "PRICING_HEALTH"))
                .isEqualTo("8188.72");
        assertThat(app.text("SELECT own_currency" + where, STORE, "PRICING_HEALTH"))
                .isEqualTo("USD");
        assertThat(app.text("SELECT issue" + where, STORE, "PRICING_HEALTH")).isEqualTo("BuyBoxDisqualification");
        assertThat(app.text("SELECT product_id" + where, STORE, "PRICING_HEALTH"))
                .isEqualTo("B007IBIWZY");
        assertThat(app.count("SELECT observed_at" + where, STORE, "PRICING_HEALTH"))
                .isEqualTo(Instant.parse("2020-09-23T21:30:13.409Z").toEpochMilli());
    }

    @Test
    void otherTypesAreIgnoredAndLeaveNoState() {
        post(sample("ITEM_INVENTORY_EVENT_CHANGE"));
        post(sample("REPORT_PROCESSING_FINISHED.seller"));
        assertThat(app.count("SELECT count(*) FROM delivery WHERE platform = 'amazon' AND status = 'ignored'"))
                .isEqualTo(2);
        assertThat(app.count("SELECT count(*) FROM variant")).isZero();
    }

    @Test
    void replayRebuildsExactlyTheLiveState() {
        post(notification("FBA_INVENTORY_AVAILABILITY_CHANGES"));
        post(mfn("SELLERSKU-1", 2, "2026-11-01T10:00:00Z"));
        post(status("SELLERSKU-1", "2026-11-01T10:00:00Z", "BUYABLE"));
        post(order("Unshipped"));
        post(order("Canceled"));
        post(sample("ANY_OFFER_CHANGED"));
        String live = app.app().core().inventory().checksum();
        app.close();
        app = null;

        try (Core core = Core.open(
                dev.edm.config.ConfigLoader.load(Map.of(
                        "EDM_DATA_DIR", dir.resolve("data").toString(),
                        "EDM_OUTPUT_DIR", dir.resolve("output").toString(),
                        "EDM_LOG_DIR", dir.resolve("logs").toString(),
                        "EDM_DATABASE_URL", databaseUrl == null ? "" : databaseUrl)),
                clock)) {
            assertThat(core.replay(Optional.empty()).deliveries()).isEqualTo(6);
            assertThat(core.inventory().checksum()).isEqualTo(live);
            assertThat(core.inventory()
                            .variant(STORE, "SELLERSKU-1")
                            .orElseThrow()
                            .stockTotal())
                    .isEqualTo(92);
        }
    }
}
