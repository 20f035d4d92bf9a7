package dev.edm.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edm.testing.RunningApp;
import dev.edm.testing.ShopifyRequests;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * POST /webhook/shopify over real HTTP against a real database: every status code the receiver gives,
 * and what it leaves in the inbox. One subclass per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ShopifyWebhookContract {
    static final String SECRET = "test_secret_key";
    static final String SHOP = "shop1.myshopify.io";
    static final ObjectMapper JSON = new ObjectMapper();

    RunningApp app;
    ShopifyRequests http;
    Path dir;

    /** The EDM_DATABASE_URL for this run, or null for SQLite. */
    abstract String databaseUrl();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("edm-webhook-it");
        app = RunningApp.start(
                dir,
                databaseUrl(),
                Map.of(
                        "SHOPIFY_WEBHOOK_SECRET", SECRET,
                        "SHOPIFY_SECRETS", "rotating.myshopify.com:old-secret,rotating.myshopify.com:new-secret",
                        "EDM_VERIFY_FAILURES_PER_MINUTE", "100000",
                        "EDM_MAX_BODY_BYTES", "65536"));
        http = app.http();
    }

    @AfterAll
    void stop() {
        app.close();
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    long stored(String webhookId) {
        return app.count("SELECT count(*) FROM delivery WHERE webhook_id = ?", webhookId);
    }

    @Test
    void shopifysOwnVectorIsAcceptedAndStoredWithItsHeaders() throws Exception {
        // Shopify/shopify-app-js validate.test.ts: secret test_secret_key, body {"foo": "bar"}
        byte[] body = "{\"foo\": \"bar\"}".getBytes(StandardCharsets.UTF_8);
        String webhookId = id();
        Map<String, String> headers = ShopifyRequests.headers(null, "products/create", SHOP, webhookId, body);
        headers.put("X-Shopify-Hmac-Sha256", "B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=");

        HttpResponse<String> res = http.post("/webhook/shopify", headers, body);

        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode json = JSON.readTree(res.body());
        assertThat(json.get("status").asText()).isEqualTo("accepted");
        long id = json.get("id").asLong();
        assertThat(app.text("SELECT store FROM delivery WHERE id = ?", id)).isEqualTo(SHOP);
        assertThat(app.text("SELECT topic FROM delivery WHERE id = ?", id)).isEqualTo("products/create");
        assertThat(app.text("SELECT event_id FROM delivery WHERE id = ?", id)).isEqualTo("evt-" + webhookId);
        assertThat(app.text("SELECT api_version FROM delivery WHERE id = ?", id))
                .isEqualTo("2026-01");
        assertThat(app.text("SELECT triggered_at FROM delivery WHERE id = ?", id))
                .isEqualTo("2026-11-27T18:00:27.877041743Z");
        assertThat(app.count("SELECT signed FROM delivery WHERE id = ?", id)).isEqualTo(1);
        assertThat(app.count("SELECT length(body) FROM delivery_body WHERE delivery_id = ?", id))
                .isEqualTo(14);
        // authentic but not a product: kept, marked failed with the reason, visible in /api/events
        app.awaitCount(1, 5_000, "SELECT count(*) FROM delivery WHERE id = ? AND status = 'failed'", id);
        assertThat(app.text("SELECT status_reason FROM delivery WHERE id = ?", id))
                .contains("missing id");
    }

    @Test
    void aRepeatedWebhookIdAnswers200AndIsStoredAndProcessedOnce() throws Exception {
        String webhookId = id();
        HttpResponse<String> first = http.signed(SECRET, "orders/create", SHOP, webhookId, "{\"id\":1}");
        HttpResponse<String> again = http.signed(SECRET, "orders/create", SHOP, webhookId, "{\"id\":1}");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("status").asText()).isEqualTo("duplicate");
        assertThat(JSON.readTree(again.body()).get("id").asLong())
                .isEqualTo(JSON.readTree(first.body()).get("id").asLong());
        assertThat(stored(webhookId)).isEqualTo(1);
    }

    @Test
    void aTamperedBodyIsRefusedWith401AndNothingIsStored() {
        String webhookId = id();
        byte[] body = "{\"id\":1,\"price\":\"10.00\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = ShopifyRequests.headers(SECRET, "orders/create", SHOP, webhookId, body);
        byte[] tampered = "{\"id\":1,\"price\":\"99.00\"}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> res = http.post("/webhook/shopify", headers, tampered);

        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.body()).contains("\"error\"");
        assertThat(stored(webhookId)).isZero();
    }

    @Test
    void anUnsignedRequestIsRefusedWhateverItsPeerOrHeaders() {
        String webhookId = id();
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = ShopifyRequests.headers(null, "orders/create", SHOP, webhookId, body);
        headers.put("X-Forwarded-For", "127.0.0.1");
        headers.put("X-Debug", "true");

        HttpResponse<String> res = http.post("/webhook/shopify", headers, body);

        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.body()).contains("missing X-Shopify-Hmac-Sha256");
        assertThat(stored(webhookId)).isZero();
    }

    @Test
    void aWrongSecretIsRefused() {
        String webhookId = id();
        HttpResponse<String> res = http.signed("not-the-secret", "orders/create", SHOP, webhookId, "{}");
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(stored(webhookId)).isZero();
    }

    @Test
    void bothSecretsOfARotatingShopAreAcceptedButNotTheDefault() {
        String a = id();
        String b = id();
        String c = id();
        assertThat(http.signed("old-secret", "orders/create", "rotating.myshopify.com", a, "{}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.signed("new-secret", "orders/create", "rotating.myshopify.com", b, "{}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.signed(SECRET, "orders/create", "rotating.myshopify.com", c, "{}")
                        .statusCode())
                .isEqualTo(401);
        assertThat(stored(a) + stored(b) + stored(c)).isEqualTo(2);
    }

    @Test
    void malformedJsonIs400AndNotStored() {
        String webhookId = id();
        HttpResponse<String> res = http.signed(SECRET, "orders/create", SHOP, webhookId, "{\"id\": ");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("not valid JSON");
        assertThat(stored(webhookId)).isZero();
    }

    @Test
    void aMissingTopicIs400() {
        String webhookId = id();
        HttpResponse<String> res = http.signed(SECRET, null, SHOP, webhookId, "{\"id\":1}");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("X-Shopify-Topic");
        assertThat(stored(webhookId)).isZero();
    }

    @Test
    void aNonJsonContentTypeIs415() {
        String webhookId = id();
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = ShopifyRequests.headers(SECRET, "orders/create", SHOP, webhookId, body);
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        HttpResponse<String> res = http.post("/webhook/shopify", headers, body);
        assertThat(res.statusCode()).isEqualTo(415);
        assertThat(stored(webhookId)).isZero();
    }

    @Test
    void aBodyOverTheLimitIs413ByDeclaredLength() {
        String webhookId = id();
        byte[] body = bigJson(70_000);
        HttpResponse<String> res = http.post(
                "/webhook/shopify", ShopifyRequests.headers(SECRET, "orders/create", SHOP, webhookId, body), body);
        assertThat(res.statusCode()).isEqualTo(413);
        assertThat(res.body()).contains("larger than the limit");
        assertThat(stored(webhookId)).isZero();
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() {
        String webhookId = id();
        byte[] body = bigJson(70_000);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(http.baseUrl() + "/webhook/shopify"))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        ShopifyRequests.headers(SECRET, "orders/create", SHOP, webhookId, body).forEach(b::header);
        HttpResponse<String> res = ShopifyRequests.send(b.build());
        assertThat(res.statusCode()).isEqualTo(413);
        assertThat(stored(webhookId)).isZero();
    }

    @Test
    void aChunkedBodyUnderTheLimitIsAccepted() {
        String webhookId = id();
        byte[] body = bigJson(30_000);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(http.baseUrl() + "/webhook/shopify"))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        ShopifyRequests.headers(SECRET, "orders/create", SHOP, webhookId, body).forEach(b::header);
        HttpResponse<String> res = ShopifyRequests.send(b.build());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(app.count(
                        "SELECT length(b.body) FROM delivery d JOIN delivery_body b ON b.delivery_id = d.id WHERE d.webhook_id = ?",
                        webhookId))
                .isEqualTo(body.length);
    }

    @Test
    void anUnknownTopicIsStoredAndMarkedIgnored() {
        String webhookId = id();
        assertThat(http.signed(SECRET, "themes/publish", SHOP, webhookId, "{}").statusCode())
                .isEqualTo(200);
        app.awaitCount(
                1, 5_000, "SELECT count(*) FROM delivery WHERE webhook_id = ? AND status = 'ignored'", webhookId);
        assertThat(app.text("SELECT status_reason FROM delivery WHERE webhook_id = ?", webhookId))
                .contains("themes/publish");
    }

    @Test
    void eventsApiListsDeliveriesWithStatusAndFilters() throws Exception {
        String webhookId = id();
        http.signed(
                SECRET,
                "inventory_levels/update",
                SHOP,
                webhookId,
                "{\"inventory_item_id\":1,\"location_id\":2,\"available\":3,\"updated_at\":\"2026-01-01T00:00:00Z\"}");
        app.awaitCount(
                1, 5_000, "SELECT count(*) FROM delivery WHERE webhook_id = ? AND status = 'processed'", webhookId);

        JsonNode all = JSON.readTree(http.get("/api/events?limit=1000").body());
        assertThat(all.get("events").findValuesAsText("webhook_id")).contains(webhookId);
        JsonNode processed = JSON.readTree(http.get("/api/events?platform=shopify&status=processed&limit=1000")
                .body());
        assertThat(processed.get("events").findValuesAsText("status")).containsOnly("processed");
        assertThat(processed.get("events").get(0).has("body")).isFalse();

        assertThat(http.get("/api/events?limit=0").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/events?limit=abc").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/events?status=done").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/events?platform=etsy").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/events/abc").statusCode()).isEqualTo(400);
        assertThat(http.get("/api/events/999999999").statusCode()).isEqualTo(404);
    }

    @Test
    void oneEventShowsItsBodyWithCustomerDataMasked() throws Exception {
        String webhookId = id();
        String body = "{\"id\":42,\"email\":\"jane@example.com\",\"phone\":\"+15555550100\","
                + "\"shipping_address\":{\"address1\":\"1 Main St\",\"city\":\"Ottawa\"},"
                + "\"line_items\":[{\"sku\":\"SKU-1\",\"quantity\":2}]}";
        long id = JSON.readTree(http.signed(SECRET, "orders/create", SHOP, webhookId, body)
                        .body())
                .get("id")
                .asLong();

        HttpResponse<String> res = http.get("/api/events/" + id);

        assertThat(res.statusCode()).isEqualTo(200);
        String shown = JSON.readTree(res.body()).get("body").asText();
        assertThat(shown).contains("SKU-1").contains("42");
        assertThat(shown).doesNotContain("jane@example.com", "+15555550100", "1 Main St", "Ottawa");
    }

    @Test
    void healthAndMetricsAnswer() {
        HttpResponse<String> health = http.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"database\":\"ok\"").doesNotContain(SECRET);

        http.signed("wrong", "orders/create", SHOP, id(), "{}");
        String metrics = http.get("/metrics").body();
        assertThat(metrics)
                .contains("edm_deliveries_received_total{platform=\"shopify\"}")
                .contains("outcome=\"accepted\"")
                .contains("reason=\"unauthorized\"")
                .contains("edm_inbox_commit_seconds_bucket")
                .contains("edm_processing_backlog");
    }

    static byte[] bigJson(int size) {
        char[] filler = new char[size];
        Arrays.fill(filler, 'x');
        return ("{\"note\":\"" + new String(filler) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
