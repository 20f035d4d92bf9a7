package dev.edm.web;

import static dev.edm.testing.AmazonFixtures.eventBridge;
import static dev.edm.testing.AmazonFixtures.freshId;
import static dev.edm.testing.AmazonFixtures.notification;
import static dev.edm.testing.AmazonFixtures.respelled;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edm.testing.RunningApp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * POST /webhook/amazon (EventBridge API destinations, Lambda forwarders) over real HTTP against a real database:
 * the shared-secret check in every header form, both envelopes, dedupe on NotificationId, and the error
 * contract. One subclass per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AmazonWebhookContract {
    static final String SECRET = "amazon-forward-secret";
    static final ObjectMapper JSON = new ObjectMapper();

    RunningApp app;
    Path dir;

    abstract String databaseUrl();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("edm-amazon-it");
        app = RunningApp.start(
                dir,
                databaseUrl(),
                Map.of(
                        "EDM_AMAZON_FORWARD_SECRET", "old-secret," + SECRET,
                        "EDM_VERIFY_FAILURES_PER_MINUTE", "100000",
                        "EDM_MAX_BODY_BYTES", "65536"));
    }

    @AfterAll
    void stop() {
        app.close();
    }

    HttpResponse<String> post(String header, String value, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (header != null) {
            headers.put(header, value);
        }
        return app.http().post("/webhook/amazon", headers, body.getBytes(StandardCharsets.UTF_8));
    }

    long stored(String notificationId) {
        return app.count("SELECT count(*) FROM delivery WHERE platform = 'amazon' AND webhook_id = ?", notificationId);
    }

    static ObjectNode fresh(String fixture) {
        ObjectNode n = notification(fixture);
        freshId(n);
        return n;
    }

    static String idOf(JsonNode n) {
        JsonNode m = n.has("NotificationMetadata") ? n.get("NotificationMetadata") : n.get("notificationMetadata");
        return m.has("NotificationId")
                ? m.get("NotificationId").asText()
                : m.get("notificationId").asText();
    }

    @Test
    void eachHeaderFormWithTheSecretIsAcceptedAndStoredUnderTheSeller() throws Exception {
        for (String[] form : new String[][] {
            {"x-auth-token", SECRET},
            {"Authorization", "Bearer " + SECRET},
            {"x-api-key", SECRET},
            {"x-api-key", "old-secret"}
        }) {
            ObjectNode n = fresh("ORDER_CHANGE");
            HttpResponse<String> res = post(form[0], form[1], n.toString());

            assertThat(res.statusCode()).as(form[0]).isEqualTo(200);
            JsonNode json = JSON.readTree(res.body());
            assertThat(json.get("status").asText()).isEqualTo("accepted");
            long id = json.get("id").asLong();
            assertThat(app.text("SELECT store FROM delivery WHERE id = ?", id)).isEqualTo("A3TH9S8BH6GOGM");
            assertThat(app.text("SELECT topic FROM delivery WHERE id = ?", id)).isEqualTo("ORDER_CHANGE");
            assertThat(app.text("SELECT webhook_id FROM delivery WHERE id = ?", id))
                    .isEqualTo(idOf(n));
            assertThat(app.text("SELECT headers FROM delivery WHERE id = ?", id))
                    .contains("https")
                    .doesNotContain(SECRET);
        }
    }

    @Test
    void aMissingSecretIs401AndNothingIsStored() {
        ObjectNode n = fresh("ORDER_CHANGE");
        HttpResponse<String> res = post(null, null, n.toString());
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.body()).startsWith("{\"error\":").contains("x-auth-token");
        assertThat(stored(idOf(n))).isZero();
    }

    @Test
    void aWrongSecretIs401InEveryHeaderForm() {
        for (String[] form : new String[][] {
            {"x-auth-token", "wrong"},
            {"Authorization", "Bearer wrong"},
            {"Authorization", "Basic " + SECRET},
            {"x-api-key", "wrong"},
            {"x-auth-token", SECRET.substring(1)}
        }) {
            ObjectNode n = fresh("ORDER_CHANGE");
            HttpResponse<String> res = post(form[0], form[1], n.toString());
            assertThat(res.statusCode()).as("%s: %s", form[0], form[1]).isEqualTo(401);
            assertThat(res.body()).contains("\"error\"");
            assertThat(stored(idOf(n))).isZero();
        }
    }

    @Test
    void theEventBridgeEnvelopeIsUnwrappedAndARepeatedNotificationIdIsADuplicate() throws Exception {
        ObjectNode n = fresh("LISTINGS_ITEM_MFN_QUANTITY_CHANGE");
        String event = eventBridge(n, "eb-" + idOf(n)).toString();

        HttpResponse<String> first = post("x-api-key", SECRET, event);
        HttpResponse<String> bare =
                post("x-auth-token", SECRET, respelled(n, true).toString());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).get("status").asText()).isEqualTo("accepted");
        assertThat(bare.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(bare.body()).get("status").asText()).isEqualTo("duplicate");
        assertThat(JSON.readTree(bare.body()).get("id").asLong())
                .isEqualTo(JSON.readTree(first.body()).get("id").asLong());
        assertThat(stored(idOf(n))).isEqualTo(1);
        assertThat(app.text("SELECT event_id FROM delivery WHERE webhook_id = ?", idOf(n)))
                .isEqualTo("eb-" + idOf(n));
        app.awaitCount(
                1, 5_000, "SELECT count(*) FROM delivery WHERE webhook_id = ? AND status = 'processed'", idOf(n));
    }

    @Test
    void malformedJsonOrABodyWithoutNotificationTypeIs400() {
        HttpResponse<String> broken = post("x-auth-token", SECRET, "{\"NotificationType\": ");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("not valid JSON");

        HttpResponse<String> noType = post("x-auth-token", SECRET, "{\"Payload\":{\"SellerId\":\"A1\"}}");
        assertThat(noType.statusCode()).isEqualTo(400);
        assertThat(noType.body()).contains("NotificationType");
        assertThat(app.count("SELECT count(*) FROM delivery WHERE store = 'A1'"))
                .isZero();
    }

    @Test
    void aWrongContentTypeIs415AndAnOversizedBodyIs413() {
        ObjectNode n = fresh("ORDER_CHANGE");
        Map<String, String> headers = Map.of("Content-Type", "text/plain", "x-auth-token", SECRET);
        assertThat(app.http()
                        .post("/webhook/amazon", headers, n.toString().getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(415);
        byte[] big = ShopifyWebhookContract.bigJson(70_000);
        assertThat(app.http()
                        .post(
                                "/webhook/amazon",
                                Map.of("Content-Type", "application/json", "x-auth-token", SECRET),
                                big)
                        .statusCode())
                .isEqualTo(413);
        assertThat(stored(idOf(n))).isZero();
    }

    @Test
    void otherTypesAreStoredAndIgnoredAndAWrongShapeIsKeptAsFailed() {
        ObjectNode feed = fresh("FEED_PROCESSING_FINISHED.vendor");
        assertThat(post("x-auth-token", SECRET, feed.toString()).statusCode()).isEqualTo(200);
        ObjectNode broken = fresh("ORDER_CHANGE");
        ((ObjectNode) broken.at("/Payload/OrderChangeNotification/Summary/OrderItems/0")).remove("SellerSKU");
        assertThat(post("x-auth-token", SECRET, broken.toString()).statusCode()).isEqualTo(200);

        app.awaitCount(
                1, 5_000, "SELECT count(*) FROM delivery WHERE webhook_id = ? AND status = 'ignored'", idOf(feed));
        assertThat(app.text("SELECT store FROM delivery WHERE webhook_id = ?", idOf(feed)))
                .isEqualTo("amzn1.vg.6213651");
        assertThat(app.text("SELECT status_reason FROM delivery WHERE webhook_id = ?", idOf(feed)))
                .contains("FEED_PROCESSING_FINISHED");
        app.awaitCount(
                1, 5_000, "SELECT count(*) FROM delivery WHERE webhook_id = ? AND status = 'failed'", idOf(broken));
        assertThat(app.text("SELECT status_reason FROM delivery WHERE webhook_id = ?", idOf(broken)))
                .contains("missing OrderItems[].SellerSKU");
    }

    @Test
    void oneEventShowsItsBodyWithTheBuyersPostalCodeMasked() throws Exception {
        ObjectNode n = fresh("ORDER_CHANGE");
        long id = JSON.readTree(post("x-auth-token", SECRET, n.toString()).body())
                .get("id")
                .asLong();

        String shown = JSON.readTree(app.http().get("/api/events/" + id).body())
                .get("body")
                .asText();

        assertThat(shown).contains("SellerSKUID1").doesNotContain("48110");
    }

    @Test
    void metricsCountAmazonDeliveries() {
        post("x-auth-token", "wrong", fresh("ORDER_CHANGE").toString());
        post("x-auth-token", SECRET, fresh("ORDER_CHANGE").toString());
        assertThat(app.http().get("/metrics").body())
                .contains("edm_deliveries_received_total{platform=\"amazon\"}")
                .containsPattern("edm_deliveries_total\\{[^}]*platform=\"amazon\"[^}]*reason=\"unauthorized\"");
    }
}
