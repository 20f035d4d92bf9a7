package dev.edm.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.edm.alerts.Alert;
import dev.edm.alerts.Rule;
import dev.edm.app.Core;
import dev.edm.config.ConfigLoader;
import dev.edm.inventory.SaleLine;
import dev.edm.inventory.VariantState;
import dev.edm.testing.MutableClock;
import dev.edm.testing.RunningApp;
import dev.edm.testing.SignedRequests;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /webhook/bigcommerce end to end: BigCommerce's published thin payloads, signed as BigCommerce signs them,
 * then the product and order reads from its API (stubbed by WireMock), the documents stored as deliveries, and
 * the resulting stock, sales and alerts. One subclass per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BigCommerceWebhookContract {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CLIENT_SECRET = "bc-client-secret";
    static final String HASH = "abc123";
    static final String STORE = "bigcommerce:" + HASH;
    static final String TOKEN = "tok-abc";
    static final String PRODUCT_167 = "/stores/abc123/v3/catalog/products/167?include=variants";
    static final String PRODUCT_206 = "/stores/abc123/v3/catalog/products/206?include=variants";
    static final String ORDER_250 = "/stores/abc123/v2/orders/250";
    static final String ORDER_250_PRODUCTS = "/stores/abc123/v2/orders/250/products?limit=250&page=1";
    static final String ORDER_250_REFUNDS = "/stores/abc123/v3/orders/250/payment_actions/refunds";

    WireMockServer api;

    @TempDir
    Path dir;

    MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
    RunningApp app;
    String databaseUrl;

    abstract String databaseUrl();

    @BeforeAll
    void startApi() {
        api = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        api.start();
    }

    @AfterAll
    void stopApi() {
        api.stop();
    }

    @BeforeEach
    void start() {
        databaseUrl = databaseUrl();
        app = RunningApp.start(dir, databaseUrl, env(), clock);
    }

    Map<String, String> env() {
        return Map.of(
                "BIGCOMMERCE_CLIENT_SECRET", CLIENT_SECRET,
                "BIGCOMMERCE_TOKENS", HASH + ":" + TOKEN,
                "EDM_BIGCOMMERCE_API_BASE", api.baseUrl(),
                "BIGCOMMERCE_WEBHOOK_HEADER_NAME", "X-Edm-Hook",
                "BIGCOMMERCE_WEBHOOK_HEADER_VALUE", "hook-value",
                "EDM_VERIFY_FAILURES_PER_MINUTE", "100000",
                "LOW_STOCK_THRESHOLD", "5");
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        api.resetAll();
    }

    static JsonNode resource(String path) {
        try (InputStream in = BigCommerceWebhookContract.class.getResourceAsStream("/fixtures/bigcommerce/" + path)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A published sample with a real store in {@code producer}, optionally changed. */
    static ObjectNode sample(String name, Consumer<ObjectNode> change) {
        ObjectNode json = (ObjectNode) resource(name + ".json");
        json.put("producer", "stores/" + HASH);
        change.accept(json);
        return json;
    }

    static ObjectNode sample(String name) {
        return sample(name, j -> {});
    }

    Map<String, String> headers(String secret, Instant at, byte[] body) {
        Map<String, String> h = new HashMap<>(
                SignedRequests.headers(SignedRequests.bigCommerceKey(secret), "msg_" + UUID.randomUUID(), at, body));
        h.put("X-Edm-Hook", "hook-value");
        return h;
    }

    HttpResponse<String> post(JsonNode payload) {
        byte[] body = payload.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return app.http().post("/webhook/bigcommerce", headers(CLIENT_SECRET, clock.instant(), body), body);
    }

    void accepted(JsonNode payload) {
        HttpResponse<String> res = post(payload);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).contains("\"accepted\"");
        settled();
    }

    /** Waits until every delivery is processed and every read that can succeed has been stored and processed. */
    void settled() {
        app.awaitCount(0, 10_000, "SELECT count(*) FROM delivery WHERE status = 'pending'");
        app.awaitCount(0, 10_000, "SELECT count(*) FROM fetch_job WHERE status = 'pending'");
        app.awaitCount(0, 10_000, "SELECT count(*) FROM delivery WHERE status = 'pending'");
    }

    void stub(String url, JsonNode body) {
        api.stubFor(
                get(urlEqualTo(url)).withHeader("X-Auth-Token", equalTo(TOKEN)).willReturn(okJson(body.toString())));
    }

    void stubOrder250(JsonNode order, JsonNode refunds) {
        stub(ORDER_250, order);
        stub(ORDER_250_PRODUCTS, resource("api/order_250_products.json"));
        if (refunds != null) {
            stub(ORDER_250_REFUNDS, refunds);
        }
    }

    VariantState variant(String id) {
        return app.app().core().inventory().variant(STORE, id).orElseThrow();
    }

    long stored(String topic) {
        return app.count("SELECT count(*) FROM delivery WHERE platform = 'bigcommerce' AND topic = ?", topic);
    }

    @Test
    void anInventoryUpdateIsReadFromTheApiAndSetsEachVariantsStock() {
        stub(PRODUCT_167, resource("api/product_167.json"));

        accepted(sample("store_product_inventory_updated"));

        VariantState small = variant("382");
        assertThat(small.sku()).isEqualTo("OT-S");
        assertThat(small.title()).isEqualTo("Orbit Terrarium - Small");
        assertThat(small.stockTotal())
                .as("the API's level, not the payload's value 100000000")
                .isEqualTo(3);
        assertThat(variant("383").stockTotal()).isEqualTo(40);
        List<Alert> low = app.app()
                .core()
                .alerts()
                .list(Optional.of("open"), Optional.of(Rule.LOW_STOCK), Optional.of(STORE), 100);
        assertThat(low).extracting(Alert::variantId).containsExactly("382");

        assertThat(app.text("SELECT status_reason FROM delivery WHERE topic = 'store/product/inventory/updated'"))
                .contains("read from the API: product 167");
        String key = "fetch:product:167:abc123:store/product/inventory/updated:"
                + "cba9eef399fbd6d384489bca6cacad24794b1086:1561478843";
        assertThat(app.text("SELECT topic FROM delivery WHERE webhook_id = ?", key))
                .isEqualTo("edm/fetched/product");
        assertThat(app.text("SELECT status FROM delivery WHERE webhook_id = ?", key))
                .isEqualTo("processed");
        assertThat(app.text("SELECT status FROM fetch_job WHERE job_key = ?", key))
                .isEqualTo("done");
        api.verify(1, getRequestedFor(urlEqualTo(PRODUCT_167)).withHeader("X-Auth-Token", equalTo(TOKEN)));
    }

    @Test
    void a429IsRetriedAfterTheResetTimeThenTheSkuStockIsSet() {
        api.stubFor(get(urlEqualTo(PRODUCT_206))
                .inScenario("rate limit")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("X-Rate-Limit-Time-Reset-Ms", "300"))
                .willSetStateTo("quota refreshed"));
        api.stubFor(get(urlEqualTo(PRODUCT_206))
                .inScenario("rate limit")
                .whenScenarioStateIs("quota refreshed")
                .willReturn(okJson(resource("api/product_206.json").toString())));

        accepted(sample("store_sku_inventory_updated"));

        assertThat(variant("509").stockTotal())
                .as("tracked by product: the product's level")
                .isEqualTo(12);
        api.verify(2, getRequestedFor(urlEqualTo(PRODUCT_206)));
        assertThat(app.count("SELECT attempts FROM fetch_job WHERE resource_id = '206'"))
                .as("retried within one attempt")
                .isZero();
        assertThat(app.http().get("/metrics").body())
                .contains("edm_fetch_http_retries_total{platform=\"bigcommerce\"} 1.0")
                .contains("edm_fetch_completed_total{platform=\"bigcommerce\"} 1.0");
    }

    @Test
    void skuScopesRereadTheProductSoADeletedSkuDisappears() {
        stub(PRODUCT_206, resource("api/product_206.json"));
        accepted(sample("store_sku_created"));
        assertThat(variant("509").deleted()).isFalse();

        ObjectNode without509 = (ObjectNode) resource("api/product_206.json");
        ArrayNode variants = (ArrayNode) without509.get("data").get("variants");
        ((ObjectNode) variants.get(0)).put("id", 510).put("sku", "UC-510");
        stub(PRODUCT_206, without509);
        clock.advance(Duration.ofSeconds(1));
        accepted(sample("store_sku_deleted"));

        assertThat(variant("509").deleted()).isTrue();
        assertThat(variant("510").sku()).isEqualTo("UC-510");
    }

    @Test
    void anOrderIsRecordedFromTheApiAndARefundReversesItsUnits() throws Exception {
        stubOrder250(resource("api/order_250.json"), null);

        accepted(sample("store_order_created"));

        List<SaleLine> sales =
                app.app().core().inventory().sales(Optional.of(STORE), Optional.empty(), Optional.empty());
        assertThat(sales).singleElement().satisfies(line -> {
            assertThat(line.orderId()).isEqualTo("250");
            assertThat(line.lineId()).isEqualTo("101");
            assertThat(line.variantId()).isEqualTo("382");
            assertThat(line.quantity()).isEqualTo(2);
            assertThat(line.reversedQuantity()).isZero();
            assertThat(line.soldAt()).isEqualTo(Instant.parse("2019-06-25T16:15:35Z"));
        });
        api.verify(0, getRequestedFor(urlEqualTo(ORDER_250_REFUNDS)));

        ObjectNode refunded = (ObjectNode) resource("api/order_250.json");
        refunded.put("refunded_amount", "109.0000").put("status_id", 14);
        stubOrder250(refunded, resource("api/order_250_refunds.json"));
        accepted(sample("store_order_created", j -> {
            j.put("scope", "store/order/refund/created").put("hash", "cb07cdbdda8b1965e812693d5988154807eeed02");
            ((ObjectNode) j.get("data")).putObject("refund").put("refund_id", 3);
        }));

        assertThat(app.app()
                        .core()
                        .inventory()
                        .sales(Optional.of(STORE), Optional.empty(), Optional.empty())
                        .get(0)
                        .reversedQuantity())
                .isEqualTo(1);

        // the stored order holds the customer's details; showing it masks them
        long orderDoc = app.count("SELECT max(id) FROM delivery WHERE topic = 'edm/fetched/order'");
        String shown = JSON.readTree(app.http().get("/api/events/" + orderDoc).body())
                .get("body")
                .asText();
        assertThat(shown).contains("Awaiting Fulfillment").doesNotContain("jane@example.com", "1 Main St");
    }

    @Test
    void aRetriedDeliveryIsADuplicateAndTheSameHashUnderAnotherScopeIsNot() throws Exception {
        stubOrder250(resource("api/order_250.json"), null);
        HttpResponse<String> first = post(sample("store_order_created"));
        clock.advance(Duration.ofSeconds(60)); // BigCommerce retries after 60 s with a new webhook-id and timestamp
        HttpResponse<String> retry = post(sample("store_order_created"));
        HttpResponse<String> updated = post(sample("store_order_updated"));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(retry.body()).get("status").asText()).isEqualTo("duplicate");
        assertThat(JSON.readTree(retry.body()).get("id").asLong())
                .isEqualTo(JSON.readTree(first.body()).get("id").asLong());
        assertThat(JSON.readTree(updated.body()).get("status").asText()).isEqualTo("accepted");
        settled();
        assertThat(stored("store/order/created")).isEqualTo(1);
        assertThat(app.app().core().inventory().sales(Optional.of(STORE), Optional.empty(), Optional.empty()))
                .hasSize(1);
    }

    @Test
    void aFailedReadIsVisibleAndRetriedLaterNeverLost() {
        String url = "/stores/abc123/v3/catalog/products/205?include=variants";
        api.stubFor(get(urlEqualTo(url)).willReturn(aResponse().withStatus(401)));

        HttpResponse<String> res = post(sample("store_product_updated"));
        assertThat(res.statusCode()).isEqualTo(200);
        app.awaitCount(1, 10_000, "SELECT count(*) FROM fetch_job WHERE status = 'pending' AND attempts = 1");
        assertThat(app.text("SELECT last_error FROM fetch_job WHERE resource_id = '205'"))
                .contains("HTTP 401")
                .contains("token")
                .doesNotContain(TOKEN);
        assertThat(stored("edm/fetched/product")).isZero();
        String metrics = app.http().get("/metrics").body();
        assertThat(metrics)
                .contains("edm_fetch_failures_total{platform=\"bigcommerce\"} 1.0")
                .contains("edm_fetch_pending 1.0");

        ObjectNode product205 = (ObjectNode) resource("api/product_167.json");
        ((ObjectNode) product205.get("data")).put("id", 205).put("name", "Renamed Terrarium");
        stub(url, product205);
        clock.advance(Duration.ofSeconds(31)); // the first retry is due 30 s later
        settled();

        assertThat(variant("382").title()).isEqualTo("Renamed Terrarium - Small");
        assertThat(app.text("SELECT status FROM fetch_job WHERE resource_id = '205'"))
                .isEqualTo("done");
    }

    @Test
    void aStoreWithoutATokenWaitsPendingWithTheReason() {
        HttpResponse<String> res = post(sample("store_product_updated", j -> j.put("producer", "stores/zzz999")));
        assertThat(res.statusCode()).isEqualTo(200);
        app.awaitCount(1, 10_000, "SELECT count(*) FROM fetch_job WHERE store = 'zzz999' AND attempts = 1");
        assertThat(app.text("SELECT last_error FROM fetch_job WHERE store = 'zzz999'"))
                .contains("BIGCOMMERCE_TOKENS=zzz999:");
        assertThat(api.getAllServeEvents()).isEmpty();
    }

    @Test
    void aProductDeletionNeedsNoReadAndDeletesItsVariants() {
        stub(PRODUCT_167, resource("api/product_167.json"));
        accepted(sample("store_product_inventory_updated"));
        clock.advance(Duration.ofSeconds(5));

        accepted(sample("store_product_deleted", j -> ((ObjectNode) j.get("data")).put("id", 167)));

        assertThat(variant("382").deleted()).isTrue();
        assertThat(variant("383").deleted()).isTrue();
        api.verify(1, getRequestedFor(urlPathMatching("/stores/.*")));
        assertThat(app.app().core().alerts().list(Optional.of("open"), Optional.empty(), Optional.of(STORE), 100))
                .isEmpty();
    }

    @Test
    void badSignaturesHeadersOrPayloadsAreRefusedAndNothingIsStored() {
        byte[] body = sample("store_order_created").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);

        HttpResponse<String> wrong =
                app.http().post("/webhook/bigcommerce", headers("other-secret", clock.instant(), body), body);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo("{\"error\":\"webhook-signature does not match the body\"}");

        Map<String, String> noHeader = headers(CLIENT_SECRET, clock.instant(), body);
        noHeader.remove("X-Edm-Hook");
        HttpResponse<String> missingHeader = app.http().post("/webhook/bigcommerce", noHeader, body);
        assertThat(missingHeader.statusCode()).isEqualTo(401);
        assertThat(missingHeader.body()).contains("x-edm-hook");

        HttpResponse<String> stale = app.http()
                .post(
                        "/webhook/bigcommerce",
                        headers(CLIENT_SECRET, clock.instant().minusSeconds(600), body),
                        body);
        assertThat(stale.statusCode()).isEqualTo(401);

        Map<String, String> unsigned = headers(CLIENT_SECRET, clock.instant(), body);
        unsigned.remove("webhook-signature");
        assertThat(app.http().post("/webhook/bigcommerce", unsigned, body).statusCode())
                .isEqualTo(401);

        byte[] literal =
                resource("store_order_created.json").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> noStore =
                app.http().post("/webhook/bigcommerce", headers(CLIENT_SECRET, clock.instant(), literal), literal);
        assertThat(noStore.statusCode()).isEqualTo(400);
        assertThat(noStore.body()).contains("producer");

        Map<String, String> form = headers(CLIENT_SECRET, clock.instant(), body);
        form.put("Content-Type", "application/x-www-form-urlencoded");
        assertThat(app.http().post("/webhook/bigcommerce", form, body).statusCode())
                .isEqualTo(415);

        assertThat(app.count("SELECT count(*) FROM delivery")).isZero();
        assertThat(api.getAllServeEvents()).isEmpty();
    }

    @Test
    void replayRebuildsTheSameStateFromStoredDocumentsWithoutTheNetwork() throws Exception {
        stub(PRODUCT_167, resource("api/product_167.json"));
        stubOrder250(resource("api/order_250.json"), null);
        accepted(sample("store_product_inventory_updated"));
        accepted(sample("store_order_created"));
        String live = app.app().core().inventory().checksum();
        long deliveries = app.count("SELECT count(*) FROM delivery");
        long jobs = app.count("SELECT count(*) FROM fetch_job");
        assertThat(deliveries).isEqualTo(4);
        app.close();
        app = null;
        api.resetAll();

        try (Core core = Core.open(
                ConfigLoader.load(Map.of(
                        "EDM_DATA_DIR", dir.resolve("data").toString(),
                        "EDM_OUTPUT_DIR", dir.resolve("output").toString(),
                        "EDM_LOG_DIR", dir.resolve("logs").toString(),
                        "EDM_DATABASE_URL", databaseUrl == null ? "" : databaseUrl,
                        "EDM_BIGCOMMERCE_API_BASE", api.baseUrl(),
                        "BIGCOMMERCE_TOKENS", HASH + ":" + TOKEN)),
                clock)) {
            assertThat(core.replay(Optional.empty()).deliveries()).isEqualTo(deliveries);
            assertThat(core.inventory().checksum()).isEqualTo(live);
            assertThat(core.inventory().variant(STORE, "382").orElseThrow().lastSaleAt())
                    .isEqualTo(Instant.parse("2019-06-25T16:15:35Z"));
        }
        assertThat(api.getAllServeEvents()).as("replay reads no API").isEmpty();
        RunningApp check = RunningApp.start(dir, databaseUrl, env(), clock);
        try {
            assertThat(check.count("SELECT count(*) FROM fetch_job")).isEqualTo(jobs);
        } finally {
            check.close();
        }
    }
}
