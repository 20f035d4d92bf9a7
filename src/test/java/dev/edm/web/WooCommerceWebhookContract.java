package dev.edm.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edm.testing.RunningApp;
import dev.edm.testing.ShopifyRequests;
import dev.edm.testing.WooCommerceRequests;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * POST /webhook/woocommerce over real HTTP against a real database: every status code the receiver gives, the
 * creation ping, and what it leaves in the inbox. One subclass per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WooCommerceWebhookContract {
    static final String SECRET = "wc_test_secret";
    static final String SOURCE = "https://Shop.Example.com/";
    static final String HOST = "shop.example.com";
    static final ObjectMapper JSON = new ObjectMapper();

    RunningApp app;
    ShopifyRequests http;
    Path dir;

    /** The EDM_DATABASE_URL for this run, or null for SQLite. */
    abstract String databaseUrl();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("edm-woo-webhook-it");
        // per-store secrets only: a store without one has no secret at all (503)
        app = RunningApp.start(
                dir,
                databaseUrl(),
                Map.of(
                        "WOOCOMMERCE_SECRETS",
                        HOST + ":" + SECRET + ",rotating.example.org:old-secret,rotating.example.org:new-secret",
                        "EDM_VERIFY_FAILURES_PER_MINUTE",
                        "100000",
                        "EDM_MAX_BODY_BYTES",
                        "65536"));
        http = app.http();
    }

    @AfterAll
    void stop() {
        app.close();
    }

    HttpResponse<String> post(String secret, String topic, String deliveryId, String body) {
        return WooCommerceRequests.post(http, secret, topic, SOURCE, deliveryId, body);
    }

    long stored(String deliveryId) {
        return app.count("SELECT count(*) FROM delivery WHERE platform = 'woocommerce' AND event_id = ?", deliveryId);
    }

    long deliveries() {
        return app.count("SELECT count(*) FROM delivery");
    }

    @Test
    void theCreationPingIsAnswered200AndCreatesNothing() throws Exception {
        long before = deliveries();
        long stores = app.count("SELECT count(*) FROM store_state");

        HttpResponse<String> res =
                WooCommerceRequests.ping(http, WooCommerceRequests.fixture("ping.body.form-urlencoded.txt"));

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(res.body())).isEqualTo(JSON.readTree("{\"status\":\"ping\"}"));
        assertThat(deliveries()).isEqualTo(before);
        assertThat(app.count("SELECT count(*) FROM store_state")).isEqualTo(stores);
        assertThat(http.get("/metrics").body()).contains("outcome=\"acknowledged\"");
    }

    @Test
    void aSignedProductIsAcceptedAndStoredWithItsHeaders() throws Exception {
        byte[] body = WooCommerceRequests.fixture("product.rest_v3_example.json");
        String deliveryId = WooCommerceRequests.deliveryId();

        HttpResponse<String> res = http.post(
                WooCommerceRequests.PATH,
                WooCommerceRequests.headers(SECRET, "product.updated", SOURCE, deliveryId, body),
                body);

        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode json = JSON.readTree(res.body());
        assertThat(json.get("status").asText()).isEqualTo("accepted");
        long id = json.get("id").asLong();
        assertThat(app.text("SELECT platform FROM delivery WHERE id = ?", id)).isEqualTo("woocommerce");
        assertThat(app.text("SELECT store FROM delivery WHERE id = ?", id)).isEqualTo(HOST);
        assertThat(app.text("SELECT topic FROM delivery WHERE id = ?", id)).isEqualTo("product.updated");
        assertThat(app.text("SELECT event_id FROM delivery WHERE id = ?", id)).isEqualTo(deliveryId);
        assertThat(app.text("SELECT webhook_id FROM delivery WHERE id = ?", id))
                .startsWith(WooCommerceRequests.WEBHOOK_ID + ":" + deliveryId + ":");
        assertThat(app.count("SELECT signed FROM delivery WHERE id = ?", id)).isEqualTo(1);
        assertThat(app.count("SELECT length(body) FROM delivery_body WHERE delivery_id = ?", id))
                .isEqualTo(body.length);
        assertThat(app.text("SELECT headers FROM delivery WHERE id = ?", id))
                .contains("x-wc-webhook-source")
                .contains(SOURCE);
        app.awaitCount(1, 5_000, "SELECT count(*) FROM delivery WHERE id = ? AND status = 'processed'", id);
    }

    @Test
    void theSameRequestTwiceIsADuplicateStoredOnce() throws Exception {
        String deliveryId = WooCommerceRequests.deliveryId();
        HttpResponse<String> first = post(SECRET, "order.updated", deliveryId, "{\"id\":1,\"status\":\"pending\"}");
        HttpResponse<String> again = post(SECRET, "order.updated", deliveryId, "{\"id\":1,\"status\":\"pending\"}");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("status").asText()).isEqualTo("duplicate");
        assertThat(JSON.readTree(again.body()).get("id").asLong())
                .isEqualTo(JSON.readTree(first.body()).get("id").asLong());
        assertThat(stored(deliveryId)).isEqualTo(1);
    }

    @Test
    void oneDeliveryIdForTwoResourcesIsTwoDeliveries() throws Exception {
        // X-WC-Webhook-Delivery-ID hashes the webhook id and the current second: two products saved within one
        // second share it, and neither may be lost
        String deliveryId = WooCommerceRequests.deliveryId();
        HttpResponse<String> a = post(SECRET, "product.updated", deliveryId, "{\"id\":11}");
        HttpResponse<String> b = post(SECRET, "product.updated", deliveryId, "{\"id\":12}");

        assertThat(JSON.readTree(a.body()).get("status").asText()).isEqualTo("accepted");
        assertThat(JSON.readTree(b.body()).get("status").asText()).isEqualTo("accepted");
        assertThat(stored(deliveryId)).isEqualTo(2);
    }

    @Test
    void aTamperedBodyIsRefusedWith401AndNothingIsStored() throws Exception {
        String deliveryId = WooCommerceRequests.deliveryId();
        byte[] body = "{\"id\":1,\"stock_quantity\":1}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = WooCommerceRequests.headers(SECRET, "product.updated", SOURCE, deliveryId, body);
        byte[] tampered = "{\"id\":1,\"stock_quantity\":9}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> res = http.post(WooCommerceRequests.PATH, headers, tampered);

        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(res.body()).get("error").asText()).contains("X-WC-Webhook-Signature");
        assertThat(stored(deliveryId)).isZero();
    }

    @Test
    void anUnsignedDeliveryIsRefusedWhateverItsPeerOrHeaders() {
        String deliveryId = WooCommerceRequests.deliveryId();
        byte[] body = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = WooCommerceRequests.headers(null, "product.updated", SOURCE, deliveryId, body);
        headers.put("X-Forwarded-For", "127.0.0.1");
        headers.put("X-Debug", "true");

        HttpResponse<String> res = http.post(WooCommerceRequests.PATH, headers, body);

        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.body()).contains("missing X-WC-Webhook-Signature");
        assertThat(stored(deliveryId)).isZero();
    }

    @Test
    void aWrongSecretIsRefused() {
        String deliveryId = WooCommerceRequests.deliveryId();
        assertThat(post("not-the-secret", "product.updated", deliveryId, "{}").statusCode())
                .isEqualTo(401);
        assertThat(stored(deliveryId)).isZero();
    }

    @Test
    void woocommercesEmptySecretVectorIsRefusedBecauseEdmNeedsASecret() {
        // signature_vector.txt: key "" (WooCommerce's default in its unit test), body "secret"
        byte[] body = WooCommerceRequests.fixture("signature_vector.body.txt");
        String deliveryId = WooCommerceRequests.deliveryId();
        Map<String, String> headers = WooCommerceRequests.headers(SECRET, "product.updated", SOURCE, deliveryId, body);
        headers.put("X-WC-Webhook-Signature", "GBDo00G55h6IiV+6CxqivQPLbI//KzaOZm747971tPs=");

        assertThat(http.post(WooCommerceRequests.PATH, headers, body).statusCode())
                .isEqualTo(401);
        assertThat(stored(deliveryId)).isZero();
    }

    @Test
    void bothSecretsOfARotatingStoreAreAcceptedButNoOther() {
        String source = "https://rotating.example.org/";
        String a = WooCommerceRequests.deliveryId();
        String b = WooCommerceRequests.deliveryId();
        String c = WooCommerceRequests.deliveryId();
        assertThat(WooCommerceRequests.post(http, "old-secret", "product.updated", source, a, "{}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(WooCommerceRequests.post(http, "new-secret", "product.updated", source, b, "{}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(WooCommerceRequests.post(http, SECRET, "product.updated", source, c, "{}")
                        .statusCode())
                .isEqualTo(401);
        assertThat(stored(a) + stored(b) + stored(c)).isEqualTo(2);
        assertThat(app.text("SELECT store FROM delivery WHERE event_id = ?", a)).isEqualTo("rotating.example.org");
    }

    @Test
    void aStoreWithoutASecretIs503() {
        String deliveryId = WooCommerceRequests.deliveryId();
        HttpResponse<String> res = WooCommerceRequests.post(
                http, "whatever", "product.updated", "https://unknown.example.net/", deliveryId, "{}");
        assertThat(res.statusCode()).isEqualTo(503);
        assertThat(res.body()).contains("WOOCOMMERCE_WEBHOOK_SECRET");
        assertThat(stored(deliveryId)).isZero();
    }

    @Test
    void missingHeadersAndMalformedJsonAre400AndNotStored() {
        String deliveryId = WooCommerceRequests.deliveryId();
        HttpResponse<String> noTopic = post(SECRET, null, deliveryId, "{\"id\":1}");
        assertThat(noTopic.statusCode()).isEqualTo(400);
        assertThat(noTopic.body()).contains("X-WC-Webhook-Topic");

        HttpResponse<String> noSource =
                WooCommerceRequests.post(http, SECRET, "product.updated", null, deliveryId, "{\"id\":1}");
        assertThat(noSource.statusCode()).isEqualTo(400);
        assertThat(noSource.body()).contains("X-WC-Webhook-Source");

        HttpResponse<String> noDelivery = post(SECRET, "product.updated", null, "{\"id\":1}");
        assertThat(noDelivery.statusCode()).isEqualTo(400);
        assertThat(noDelivery.body()).contains("X-WC-Webhook-Delivery-ID");

        HttpResponse<String> broken = post(SECRET, "product.updated", deliveryId, "{\"id\": ");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("not valid JSON");
        assertThat(stored(deliveryId)).isZero();
    }

    @Test
    void wrongMediaTypesAre415() {
        String deliveryId = WooCommerceRequests.deliveryId();
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> text = WooCommerceRequests.headers(SECRET, "product.updated", SOURCE, deliveryId, body);
        text.put("Content-Type", "text/plain");
        assertThat(http.post(WooCommerceRequests.PATH, text, body).statusCode()).isEqualTo(415);

        byte[] form = "webhook_id=142&topic=product.updated".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> notAPing = WooCommerceRequests.ping(http, form);
        assertThat(notAPing.statusCode()).isEqualTo(415);
        assertThat(notAPing.body()).contains("creation ping");
        assertThat(stored(deliveryId)).isZero();
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String deliveryId = WooCommerceRequests.deliveryId();
        char[] filler = new char[70_000];
        Arrays.fill(filler, 'x');
        HttpResponse<String> res =
                post(SECRET, "product.updated", deliveryId, "{\"note\":\"" + new String(filler) + "\"}");
        assertThat(res.statusCode()).isEqualTo(413);
        assertThat(res.body()).contains("larger than the limit");
        assertThat(stored(deliveryId)).isZero();
    }

    @Test
    void otherTopicsAreStoredAndMarkedIgnored() {
        String deliveryId = WooCommerceRequests.deliveryId();
        assertThat(post(SECRET, "coupon.created", deliveryId, "{\"id\":5}").statusCode())
                .isEqualTo(200);
        app.awaitCount(1, 5_000, "SELECT count(*) FROM delivery WHERE event_id = ? AND status = 'ignored'", deliveryId);
        assertThat(app.text("SELECT status_reason FROM delivery WHERE event_id = ?", deliveryId))
                .contains("coupon.created");
    }

    @Test
    void eventsApiFiltersWooCommerceDeliveriesAndMasksCustomers() throws Exception {
        String deliveryId = WooCommerceRequests.deliveryId();
        String order = new String(WooCommerceRequests.fixture("order.rest_v3_example.json"), StandardCharsets.UTF_8);
        long id = JSON.readTree(post(SECRET, "order.created", deliveryId, order).body())
                .get("id")
                .asLong();

        JsonNode list = JSON.readTree(
                http.get("/api/events?platform=woocommerce&limit=1000").body());
        assertThat(list.get("events").findValuesAsText("event_id")).contains(deliveryId);
        String shown =
                JSON.readTree(http.get("/api/events/" + id).body()).get("body").asText();
        assertThat(shown).contains("Bar3").doesNotContain("john.doe@example.com", "969 Market", "(555) 555-5555");
    }
}
