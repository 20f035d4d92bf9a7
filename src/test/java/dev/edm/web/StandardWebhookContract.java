package dev.edm.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edm.alerts.Alert;
import dev.edm.alerts.Rule;
import dev.edm.inventory.SaleLine;
import dev.edm.inventory.VariantState;
import dev.edm.signing.StandardWebhookScheme;
import dev.edm.testing.RunningApp;
import dev.edm.testing.SignedRequests;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * POST /webhook/standard/{source} over real HTTP against a real database: every status code, what is stored,
 * and the state the canonical payloads lead to. One subclass per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StandardWebhookContract {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String OLD = SignedRequests.whsec("erp-old");
    static final String NEW = SignedRequests.whsec("erp-new");
    static final String OTHER = SignedRequests.whsec("wms");
    static final StandardWebhookScheme OLD_KEY = StandardWebhookScheme.fromSecret(OLD);
    static final StandardWebhookScheme NEW_KEY = StandardWebhookScheme.fromSecret(NEW);
    static final StandardWebhookScheme OTHER_KEY = StandardWebhookScheme.fromSecret(OTHER);

    RunningApp app;

    /** The EDM_DATABASE_URL for this run, or null for SQLite. */
    abstract String databaseUrl();

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("edm-standard-it");
        app = RunningApp.start(
                dir,
                databaseUrl(),
                Map.of(
                        "EDM_STANDARD_WEBHOOK_SECRETS", "erp:" + OLD + ",erp:" + NEW + ",wms:" + OTHER,
                        "EDM_VERIFY_FAILURES_PER_MINUTE", "100000",
                        "LOW_STOCK_THRESHOLD", "5"));
    }

    @AfterAll
    void stop() {
        app.close();
    }

    static String msg() {
        return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }

    HttpResponse<String> post(String source, StandardWebhookScheme key, String id, Instant at, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return app.http().post("/webhook/standard/" + source, SignedRequests.headers(key, id, at, bytes), bytes);
    }

    HttpResponse<String> post(String source, StandardWebhookScheme key, String body) {
        return post(source, key, msg(), Instant.now(), body);
    }

    void accepted(HttpResponse<String> res) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).contains("\"accepted\"");
        app.awaitCount(0, 10_000, "SELECT count(*) FROM delivery WHERE status = 'pending'");
    }

    long stored(String source, String id) {
        return app.count("SELECT count(*) FROM delivery WHERE webhook_id = ?", source + ":" + id);
    }

    static String event(String type, String data) {
        return "{\"type\":\"" + type + "\",\"timestamp\":\"" + Instant.now() + "\",\"data\":" + data + "}";
    }

    VariantState variant(String source, String sku) {
        return app.app().core().inventory().variant("standard:" + source, sku).orElseThrow();
    }

    @Test
    void aSignedDeliveryIsStoredUnderItsSourceAndProcessed() throws Exception {
        String id = msg();
        HttpResponse<String> res = post(
                "erp",
                NEW_KEY,
                id,
                Instant.now(),
                event("inventory.updated", "{\"items\":[{\"sku\":\"STORED-1\",\"available\":9}]}"));

        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        long deliveryId = JSON.readTree(res.body()).get("id").asLong();
        assertThat(app.text("SELECT platform FROM delivery WHERE id = ?", deliveryId))
                .isEqualTo("standard");
        assertThat(app.text("SELECT store FROM delivery WHERE id = ?", deliveryId))
                .isEqualTo("erp");
        assertThat(app.text("SELECT topic FROM delivery WHERE id = ?", deliveryId))
                .isEqualTo("inventory.updated");
        assertThat(app.text("SELECT webhook_id FROM delivery WHERE id = ?", deliveryId))
                .isEqualTo("erp:" + id);
        assertThat(app.text("SELECT event_id FROM delivery WHERE id = ?", deliveryId))
                .isEqualTo(id);
        assertThat(app.count("SELECT signed FROM delivery WHERE id = ?", deliveryId))
                .isEqualTo(1);
        assertThat(app.text("SELECT headers FROM delivery WHERE id = ?", deliveryId))
                .contains("webhook-signature");
        app.awaitCount(1, 10_000, "SELECT count(*) FROM delivery WHERE id = ? AND status = 'processed'", deliveryId);
        assertThat(app.count(
                        "SELECT available FROM stock_level WHERE store = ? AND inventory_item_id = ? AND location_id = ?",
                        "standard:erp",
                        "STORED-1",
                        "default"))
                .isEqualTo(9);
    }

    @Test
    void productsStockSalesAndCancellationsGiveTheExpectedState() {
        accepted(post(
                "erp",
                OLD_KEY,
                event(
                        "product.updated",
                        "{\"items\":[{\"sku\":\"TSHIRT-RED-M\",\"title\":\"T-shirt red M\",\"price\":\"19.90\","
                                + "\"currency\":\"EUR\"},{\"sku\":\"MUG-01\",\"title\":\"Mug\",\"available\":50}]}")));
        accepted(post(
                "erp",
                NEW_KEY,
                event(
                        "inventory.updated",
                        "{\"items\":[{\"sku\":\"TSHIRT-RED-M\",\"location\":\"main\",\"available\":3},"
                                + "{\"sku\":\"TSHIRT-RED-M\",\"location\":\"shop\",\"available\":1}]}")));

        VariantState shirt = variant("erp", "TSHIRT-RED-M");
        assertThat(shirt.sku()).isEqualTo("TSHIRT-RED-M");
        assertThat(shirt.title()).isEqualTo("T-shirt red M");
        assertThat(shirt.price()).isEqualTo("19.90");
        assertThat(shirt.stockTotal()).isEqualTo(4);
        assertThat(variant("erp", "MUG-01").stockTotal()).isEqualTo(50);
        List<Alert> low = app.app()
                .core()
                .alerts()
                .list(Optional.of("open"), Optional.of(Rule.LOW_STOCK), Optional.of("standard:erp"), 100);
        assertThat(low).extracting(Alert::variantId).contains("TSHIRT-RED-M").doesNotContain("MUG-01");

        accepted(post(
                "erp",
                NEW_KEY,
                event(
                        "order.created",
                        "{\"order_id\":\"SO-1\",\"created_at\":\"2026-05-01T09:00:00Z\",\"currency\":\"EUR\","
                                + "\"lines\":[{\"sku\":\"MUG-01\",\"quantity\":2,\"unit_price\":\"8.00\"}]}")));
        List<SaleLine> sales =
                app.app().core().inventory().sales(Optional.of("standard:erp"), Optional.empty(), Optional.empty());
        assertThat(sales).singleElement().satisfies(s -> {
            assertThat(s.orderId()).isEqualTo("SO-1");
            assertThat(s.sku()).isEqualTo("MUG-01");
            assertThat(s.quantity()).isEqualTo(2);
            assertThat(s.reversedQuantity()).isZero();
        });
        assertThat(variant("erp", "MUG-01").lastSaleAt()).isEqualTo(Instant.parse("2026-05-01T09:00:00Z"));

        accepted(post("erp", OLD_KEY, event("order.cancelled", "{\"order_id\":\"SO-1\"}")));
        assertThat(app.app()
                        .core()
                        .inventory()
                        .sales(Optional.of("standard:erp"), Optional.empty(), Optional.empty())
                        .get(0)
                        .reversedQuantity())
                .isEqualTo(2);
        assertThat(variant("erp", "MUG-01").lastSaleAt()).isNull();

        accepted(post("erp", OLD_KEY, event("product.deleted", "{\"items\":[{\"sku\":\"MUG-01\"}]}")));
        assertThat(variant("erp", "MUG-01").deleted()).isTrue();
    }

    @Test
    void aRepeatedWebhookIdIsADuplicateButTheSameIdFromAnotherSourceIsNot() throws Exception {
        String id = msg();
        String body = event("inventory.updated", "{\"items\":[{\"sku\":\"DUP-1\",\"available\":1}]}");
        HttpResponse<String> first = post("erp", NEW_KEY, id, Instant.now(), body);
        HttpResponse<String> again = post("erp", OLD_KEY, id, Instant.now(), body);
        HttpResponse<String> elsewhere = post("wms", OTHER_KEY, id, Instant.now(), body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("status").asText()).isEqualTo("duplicate");
        assertThat(JSON.readTree(again.body()).get("id").asLong())
                .isEqualTo(JSON.readTree(first.body()).get("id").asLong());
        assertThat(JSON.readTree(elsewhere.body()).get("status").asText()).isEqualTo("accepted");
        assertThat(stored("erp", id)).isEqualTo(1);
        assertThat(stored("wms", id)).isEqualTo(1);
    }

    @Test
    void aWrongSecretOrAnotherSourcesSecretIs401AndNothingIsStored() {
        String id = msg();
        HttpResponse<String> res = post("erp", OTHER_KEY, id, Instant.now(), event("inventory.updated", "{}"));
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.body()).isEqualTo("{\"error\":\"webhook-signature does not match the body\"}");
        assertThat(stored("erp", id)).isZero();
    }

    @Test
    void aTamperedBodyIs401() {
        String id = msg();
        byte[] signedBody = event("inventory.updated", "{\"items\":[{\"sku\":\"A\",\"available\":1}]}")
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = SignedRequests.headers(NEW_KEY, id, Instant.now(), signedBody);
        byte[] tampered = new String(signedBody, StandardCharsets.UTF_8)
                .replace("\"available\":1", "\"available\":100")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(app.http().post("/webhook/standard/erp", headers, tampered).statusCode())
                .isEqualTo(401);
        assertThat(stored("erp", id)).isZero();
    }

    @Test
    void timestampsOutsideFiveMinutesAre401() {
        String old = msg();
        String future = msg();
        String body = event("inventory.updated", "{}");
        HttpResponse<String> tooOld = post("erp", NEW_KEY, old, Instant.now().minusSeconds(360), body);
        HttpResponse<String> tooNew = post("erp", NEW_KEY, future, Instant.now().plusSeconds(360), body);

        assertThat(tooOld.statusCode()).isEqualTo(401);
        assertThat(tooOld.body()).contains("too old");
        assertThat(tooNew.statusCode()).isEqualTo(401);
        assertThat(tooNew.body()).contains("too new");
        assertThat(stored("erp", old) + stored("erp", future)).isZero();
    }

    @Test
    void aMissingSignatureIs401AndAMissingIdOrTimestampIs400() {
        byte[] body = event("inventory.updated", "{}").getBytes(StandardCharsets.UTF_8);
        String id = msg();
        Map<String, String> headers = SignedRequests.headers(NEW_KEY, id, Instant.now(), body);

        Map<String, String> unsigned = new java.util.HashMap<>(headers);
        unsigned.remove("webhook-signature");
        HttpResponse<String> noSignature = app.http().post("/webhook/standard/erp", unsigned, body);
        assertThat(noSignature.statusCode()).isEqualTo(401);
        assertThat(noSignature.body()).contains("missing webhook-signature");

        Map<String, String> noId = new java.util.HashMap<>(headers);
        noId.remove("webhook-id");
        HttpResponse<String> missingId = app.http().post("/webhook/standard/erp", noId, body);
        assertThat(missingId.statusCode()).isEqualTo(400);
        assertThat(missingId.body()).isEqualTo("{\"error\":\"missing webhook-id header\"}");

        Map<String, String> noTimestamp = new java.util.HashMap<>(headers);
        noTimestamp.remove("webhook-timestamp");
        assertThat(app.http().post("/webhook/standard/erp", noTimestamp, body).statusCode())
                .isEqualTo(400);
        assertThat(stored("erp", id)).isZero();
    }

    @Test
    void anUnknownSourceIs503AndABadSourceNameIs400() {
        HttpResponse<String> unknown = post("crm", NEW_KEY, event("inventory.updated", "{}"));
        assertThat(unknown.statusCode()).isEqualTo(503);
        assertThat(unknown.body()).contains("EDM_STANDARD_WEBHOOK_SECRETS=crm:whsec_");

        HttpResponse<String> bad = post("bad%20source", NEW_KEY, event("inventory.updated", "{}"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"error\"");
    }

    @Test
    void malformedJsonAMissingTypeOrAWrongMediaTypeAreRefused() {
        String broken = msg();
        assertThat(post("erp", NEW_KEY, broken, Instant.now(), "{\"type\":").statusCode())
                .isEqualTo(400);
        HttpResponse<String> untyped = post("erp", NEW_KEY, "{\"data\":{}}");
        assertThat(untyped.statusCode()).isEqualTo(400);
        assertThat(untyped.body()).contains("\\\"type\\\"");

        byte[] body = event("inventory.updated", "{}").getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = SignedRequests.headers(NEW_KEY, msg(), Instant.now(), body);
        headers.put("Content-Type", "text/plain");
        assertThat(app.http().post("/webhook/standard/erp", headers, body).statusCode())
                .isEqualTo(415);
        assertThat(stored("erp", broken)).isZero();
    }

    @Test
    void unknownTypesAreIgnoredAndUnusableDataIsKeptAsFailed() throws Exception {
        String unknownId = msg();
        byte[] spec;
        try (var in = getClass().getResourceAsStream("/fixtures/standard-webhooks/spec_example_payload.json")) {
            spec = in.readAllBytes();
        }
        HttpResponse<String> res =
                post("erp", NEW_KEY, unknownId, Instant.now(), new String(spec, StandardCharsets.UTF_8));
        assertThat(res.statusCode()).isEqualTo(200);
        app.awaitCount(
                1,
                10_000,
                "SELECT count(*) FROM delivery WHERE webhook_id = ? AND status = 'ignored'",
                "erp:" + unknownId);

        String badId = msg();
        assertThat(post("erp", NEW_KEY, badId, Instant.now(), event("inventory.updated", "{\"items\":[]}"))
                        .statusCode())
                .isEqualTo(200);
        app.awaitCount(
                1, 10_000, "SELECT count(*) FROM delivery WHERE webhook_id = ? AND status = 'failed'", "erp:" + badId);
        assertThat(app.text("SELECT status_reason FROM delivery WHERE webhook_id = ?", "erp:" + badId))
                .contains("\"items\" must be a non-empty array");
    }

    @Test
    void metricsCountTheStandardPlatform() {
        post("erp", OTHER_KEY, event("inventory.updated", "{}"));
        String metrics = app.http().get("/metrics").body();
        assertThat(metrics).contains("edm_deliveries_received_total{platform=\"standard\"}");
        assertThat(metrics).contains("platform=\"standard\",reason=\"unauthorized\"");
    }
}
