package dev.edm.app;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.edm.testing.EbayRequests.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.edm.alerts.Alert;
import dev.edm.alerts.Rule;
import dev.edm.config.ConfigLoader;
import dev.edm.inventory.SaleLine;
import dev.edm.inventory.VariantState;
import dev.edm.testing.EbayRequests;
import dev.edm.testing.MutableClock;
import dev.edm.testing.RunningApp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * eBay end to end: signed Notification API and legacy deliveries through the HTTP receivers, then the stock,
 * catalog, sales and alerts they leave, and what an account deletion erases. eBay's key endpoint is WireMock
 * serving a key we sign with. One subclass per database.
 */
abstract class EbayStateContract {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String KID = "d1b6c8a2-0000-4000-8000-00000000e0a1";
    static final String SELLER = "mugseller";
    static final String STORE = "ebay:" + SELLER;
    static final KeyPair KEY = EbayRequests.newKey();

    @TempDir
    Path dir;

    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:16:00Z"));
    WireMockServer ebay;
    RunningApp app;
    EbayRequests http;
    String databaseUrl;

    abstract String databaseUrl();

    @BeforeEach
    void start() {
        ebay = new WireMockServer(wireMockConfig().dynamicPort());
        ebay.start();
        ebay.stubFor(
                post("/identity/v1/oauth2/token").willReturn(okJson("{\"access_token\":\"t\",\"expires_in\":7200}")));
        ebay.stubFor(get("/commerce/notification/v1/public_key/" + KID)
                .willReturn(okJson(EbayRequests.keyResponse(KEY.getPublic(), "SHA1"))));
        databaseUrl = databaseUrl();
        app = RunningApp.start(dir, databaseUrl, env(), clock);
        http = new EbayRequests(app.port());
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("EBAY_CLIENT_ID", EbayRequests.APP_ID);
        env.put("EBAY_CLIENT_SECRET", EbayRequests.CERT_ID);
        env.put("EBAY_DEV_ID", EbayRequests.DEV_ID);
        env.put("EDM_EBAY_API_BASE", ebay.baseUrl());
        return env;
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        ebay.stop();
    }

    /** A signed Notification API delivery; returns its delivery row id. */
    long notify(String topic, String eventDate, String data) {
        return notify(topic, UUID.randomUUID().toString(), eventDate, data);
    }

    long notify(String topic, String notificationId, String eventDate, String data) {
        byte[] body = EbayRequests.notification(topic, notificationId, eventDate, data)
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> res =
                http.postJson(EbayRequests.signatureHeader(KID, KEY.getPrivate(), "SHA1", body), body);
        assertThat(res.statusCode()).as("%s answered %s", topic, res.body()).isEqualTo(200);
        processed();
        return id(res);
    }

    /** A legacy delivery signed with the test keyset at this Timestamp (the clock stands just after it). */
    long legacy(String xml, String timestamp) {
        clock.set(Instant.parse(timestamp).plusSeconds(5));
        HttpResponse<String> res = http.postSoap(EbayRequests.soap(xml, timestamp));
        assertThat(res.statusCode()).as("answered %s", res.body()).isEqualTo(200);
        processed();
        return id(res);
    }

    static long id(HttpResponse<String> res) {
        try {
            return JSON.readTree(res.body()).get("id").asLong();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
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

    String body(long deliveryId) {
        return new String(
                app.bytes("SELECT body FROM delivery_body WHERE delivery_id = ?", deliveryId), StandardCharsets.UTF_8);
    }

    @Test
    void legacyListingsSalesAndOutOfStockGiveStockSalesAndAlerts() {
        String listing = fixture("constructed_ItemListed_variations.xml");
        legacy(listing, "2026-03-01T09:00:00.000Z");

        VariantState small = variant("110000000002/TS-S");
        assertThat(small.sku()).isEqualTo("TS-S");
        assertThat(small.title()).isEqualTo("T-shirt - S");
        assertThat(small.price()).isEqualTo("19.99");
        assertThat(small.stockTotal()).isEqualTo(4);
        assertThat(variant("110000000002/TS-M").stockTotal()).isEqualTo(3);
        assertThat(open(Rule.LOW_STOCK, "110000000002/TS-M")).hasSize(1);

        String sale = fixture("constructed_FixedPriceTransaction.xml");
        legacy(sale, "2026-03-02T10:15:00.000Z");
        legacy(sale.replace("FixedPriceTransaction", "AuctionCheckoutComplete"), "2026-03-02T10:15:30.000Z");
        assertThat(sales()).singleElement().satisfies(l -> {
            assertThat(l.orderId()).isEqualTo("110000000001-2000000001");
            assertThat(l.sku()).isEqualTo("MUG-1");
            assertThat(l.quantity()).isEqualTo(2);
            assertThat(l.unitPrice()).isEqualByComparingTo("12.50");
            assertThat(l.soldAt()).isEqualTo(Instant.parse("2026-03-02T10:14:31Z"));
        });

        legacy(listing.replace("ItemListed", "ItemOutOfStock"), "2026-03-02T11:00:00.000Z");
        assertThat(variant("110000000002/TS-S").stockTotal()).isZero();
        assertThat(open(Rule.OUT_OF_STOCK, "110000000002/TS-S")).hasSize(1);

        // an older listing description arriving late changes nothing
        legacy(listing, "2026-03-01T09:00:00.000Z");
        assertThat(variant("110000000002/TS-S").stockTotal()).isZero();
        assertThat(app.text("SELECT status FROM store_state WHERE store = ?", STORE))
                .isEqualTo("connected");
    }

    @Test
    void notificationApiTopicsGiveStockPriceAndOneSalePerOrderLine() {
        String seller = "\"seller\":{\"userName\":\"" + SELLER + "\",\"userId\":\"u-1\"}";
        notify(
                "ITEM_AVAILABILITY",
                "2026-03-02T09:00:00.000Z",
                "{\"itemId\":\"v1|120000000001|0\",\"sku\":\"CUP-1\","
                        + "\"title\":\"Cup\",\"availability\":\"AVAILABLE\",\"quantity\":5," + seller + "}");
        VariantState cup = variant("120000000001");
        assertThat(cup.sku()).isEqualTo("CUP-1");
        assertThat(cup.title()).isEqualTo("Cup");
        assertThat(cup.stockTotal()).isEqualTo(5);

        notify(
                "ITEM_PRICE_REVISION",
                "2026-03-02T09:10:00.000Z",
                "{\"itemId\":\"v1|120000000001|0\"," + "\"price\":{\"value\":\"13.75\",\"currency\":\"USD\"}," + seller
                        + "}");
        assertThat(variant("120000000001").price()).isEqualTo("13.75");
        assertThat(variant("120000000001").sku()).isEqualTo("CUP-1");
        assertThat(variant("120000000001").stockTotal()).isEqualTo(5);

        // an older revision arriving late is skipped
        notify(
                "ITEM_PRICE_REVISION",
                "2026-03-02T09:05:00.000Z",
                "{\"itemId\":\"v1|120000000001|0\"," + "\"price\":{\"value\":\"99.00\",\"currency\":\"USD\"}," + seller
                        + "}");
        assertThat(variant("120000000001").price()).isEqualTo("13.75");

        String order =
                "{\"orderId\":\"04-20000-00001\",\"lineItemId\":\"10000000009\",\"itemId\":\"v1|120000000001|0\","
                        + "\"sku\":\"CUP-1\",\"quantity\":2," + seller + "}";
        String confirmation = UUID.randomUUID().toString();
        notify("ORDER_CONFIRMATION", confirmation, "2026-03-02T09:20:00.000Z", order);
        HttpResponse<String> redelivered = http.postJson(
                EbayRequests.signatureHeader(
                        KID, KEY.getPrivate(), "SHA1", bytes("ORDER_CONFIRMATION", confirmation, order)),
                bytes("ORDER_CONFIRMATION", confirmation, order));
        assertThat(redelivered.body()).contains("duplicate");
        notify("ORDER_CONFIRMATION", "2026-03-02T09:25:00.000Z", order); // checkout completed again
        notify("ITEM_MARKED_SHIPPED", "2026-03-03T08:00:00.000Z", order);
        assertThat(sales()).singleElement().satisfies(l -> {
            assertThat(l.quantity()).isEqualTo(2);
            assertThat(l.variantId()).isEqualTo("120000000001");
            assertThat(l.soldAt()).isEqualTo(Instant.parse("2026-03-02T09:20:00Z"));
        });
        assertThat(variant("120000000001").lastSaleAt()).isEqualTo(Instant.parse("2026-03-02T09:20:00Z"));

        notify(
                "ITEM_AVAILABILITY",
                "2026-03-02T10:00:00.000Z",
                "{\"itemId\":\"v1|120000000001|0\",\"availability\":\"TEMPORARILY_UNAVAILABLE\"," + seller + "}");
        assertThat(variant("120000000001").stockTotal()).isZero();
        assertThat(open(Rule.OUT_OF_STOCK, "120000000001")).hasSize(1);
    }

    static byte[] bytes(String topic, String id, String data) {
        return EbayRequests.notification(topic, id, "2026-03-02T09:20:00.000Z", data)
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aVerifiedPayloadWithoutWhatItsTopicNeedsIsKeptAndMarkedFailed() {
        long id = notify(
                "ITEM_PRICE_REVISION",
                "2026-03-02T09:10:00.000Z",
                "{\"itemId\":\"1\",\"seller\":{\"userName\":\"" + SELLER + "\"}}");
        assertThat(app.text("SELECT status FROM delivery WHERE id = ?", id)).isEqualTo("failed");
        assertThat(app.text("SELECT status_reason FROM delivery WHERE id = ?", id))
                .contains("missing price");
        long noSeller = notify("ORDER_CONFIRMATION", "2026-03-02T09:10:00.000Z", "{\"orderId\":\"1\"}");
        assertThat(app.text("SELECT store FROM delivery WHERE id = ?", noSeller))
                .isEqualTo("_app");
        assertThat(app.text("SELECT status_reason FROM delivery WHERE id = ?", noSeller))
                .contains("EBAY_STORE");
    }

    @Test
    void anAccountDeletionErasesTheUserFromEveryStoredDeliveryAndKeepsTheState() throws Exception {
        long sale = legacy(fixture("constructed_FixedPriceTransaction.xml"), "2026-03-02T10:15:00.000Z");
        String seller = "\"seller\":{\"userName\":\"" + SELLER + "\"}";
        long confirmation = notify(
                "ORDER_CONFIRMATION",
                "2026-03-02T10:16:00.000Z",
                "{\"orderId\":\"04-1\",\"itemId\":\"110000000001\",\"quantity\":1,"
                        + "\"buyer\":{\"username\":\"Jane_Buyer\",\"email\":\"jane.buyer@example.com\"}," + seller
                        + "}");
        long other = notify(
                "ORDER_CONFIRMATION",
                "2026-03-02T10:17:00.000Z",
                "{\"orderId\":\"04-2\",\"itemId\":\"110000000001\",\"quantity\":1,\"buyer\":{\"username\":\"bob\"},"
                        + seller + "}");
        assertThat(body(sale)).contains("jane_buyer", "Jane Buyer", "Ottawa");
        String checksum = app.app().core().inventory().checksum();

        long deletion = notify(
                "MARKETPLACE_ACCOUNT_DELETION",
                "2026-03-02T11:00:00.000Z",
                "{\"username\":\"jane_buyer\",\"userId\":\"j-immutable-1\",\"eiasToken\":\"nY+sHZ2PrBmdj6wVnY+sEZ2PrA2dj6wFk4GkDpWEpwmdj6x9nY+seQ==\"}");

        assertThat(app.text("SELECT status FROM delivery WHERE id = ?", deletion))
                .isEqualTo("processed");
        assertThat(app.text("SELECT status_reason FROM delivery WHERE id = ?", deletion))
                .isEqualTo("erased personal data from 2 stored deliveries");
        for (long id : new long[] {sale, confirmation}) {
            assertThat(body(id))
                    .doesNotContainIgnoringCase("jane_buyer")
                    .doesNotContain("jane.buyer@example.com", "Jane Buyer", "1 Main Street", "Ottawa", "613 555 0100");
        }
        assertThat(body(sale)).contains("110000000001", "MUG-1", "2000000001");
        assertThat(body(confirmation)).contains("04-1");
        assertThat(body(other)).contains("bob");
        assertThat(body(deletion)).doesNotContain("jane_buyer", "j-immutable-1", "nY+sHZ2P");
        assertThat(app.count("SELECT count(*) FROM personal_ref WHERE delivery_id IN (?, ?)", sale, confirmation))
                .isZero();
        assertThat(app.count("SELECT count(*) FROM personal_ref WHERE delivery_id = ?", other))
                .isPositive();
        assertThat(app.count("SELECT count(*) FROM erased_subject WHERE platform = 'ebay'"))
                .isEqualTo(3);
        assertThat(app.app().core().inventory().checksum()).isEqualTo(checksum);

        // a late delivery naming the erased user is redacted as soon as it is processed
        long late = notify(
                "ITEM_MARKED_SHIPPED",
                "2026-03-02T12:00:00.000Z",
                "{\"orderId\":\"04-1\",\"itemId\":\"110000000001\",\"buyer\":{\"username\":\"JANE_BUYER\"}," + seller
                        + "}");
        assertThat(body(late)).doesNotContainIgnoringCase("jane_buyer").contains("04-1");
        assertThat(sales()).hasSize(3);

        // the redacted inbox replays to the same state
        String live = app.app().core().inventory().checksum();
        app.close();
        app = null;
        Map<String, String> offline = new HashMap<>(env());
        offline.put("EDM_DATA_DIR", dir.resolve("data").toString());
        offline.put("EDM_OUTPUT_DIR", dir.resolve("output").toString());
        offline.put("EDM_LOG_DIR", dir.resolve("logs").toString());
        offline.put("EDM_DATABASE_URL", databaseUrl == null ? "" : databaseUrl);
        try (Core core = Core.open(ConfigLoader.load(offline), clock)) {
            core.replay(Optional.empty());
            assertThat(core.inventory().checksum()).isEqualTo(live);
        }
    }
}
