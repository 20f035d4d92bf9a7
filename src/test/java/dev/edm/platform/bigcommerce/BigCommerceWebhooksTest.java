package dev.edm.platform.bigcommerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edm.config.BigCommerceSettings;
import dev.edm.config.StoreSecrets;
import dev.edm.platform.DeliveryMeta;
import dev.edm.platform.DetailRequest;
import dev.edm.platform.UnreadablePayloadException;
import dev.edm.platform.Verification;
import dev.edm.signing.StandardWebhookScheme;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BigCommerce's published thin payloads through verification and the choice of what to read from the API. */
class BigCommerceWebhooksTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "client-secret-of-the-app";
    static final String STORE = "abc123";
    static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static BigCommerceSettings settings(Optional<BigCommerceSettings.AuthHeader> header) {
        return new BigCommerceSettings(
                new StoreSecrets(List.of(SECRET), Map.of("own1", List.of("old-own", "new-own"))),
                StoreSecrets.NONE,
                BigCommerceSettings.DEFAULT_API_BASE,
                header);
    }

    final BigCommerceWebhooks adapter = new BigCommerceWebhooks(settings(Optional.empty()), false, CLOCK);

    static byte[] fixture(String name, String store) {
        try (InputStream in =
                BigCommerceWebhooksTest.class.getResourceAsStream("/fixtures/bigcommerce/" + name + ".json")) {
            ObjectNode json = (ObjectNode) JSON.readTree(in);
            json.put("producer", "stores/" + store);
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> signed(String secret, byte[] body, Instant at) {
        Map<String, String> h = new HashMap<>(StandardWebhookScheme.fromRawKey(secret.getBytes(StandardCharsets.UTF_8))
                .headers("msg_" + at.getEpochSecond(), at, body));
        h.put("content-type", "application/json");
        return h;
    }

    DeliveryMeta verified(Verification v) {
        assertThat(v).isInstanceOf(Verification.Verified.class);
        return ((Verification.Verified) v).meta();
    }

    @Test
    void aSignedSampleIsVerifiedWithItsStoreScopeAndDedupeKey() {
        byte[] body = fixture("store_product_inventory_updated", STORE);
        DeliveryMeta meta = verified(adapter.verify(signed(SECRET, body, NOW), body));

        assertThat(meta.store()).isEqualTo(STORE);
        assertThat(meta.topic()).isEqualTo("store/product/inventory/updated");
        assertThat(meta.webhookId())
                .isEqualTo(
                        "abc123:store/product/inventory/updated:cba9eef399fbd6d384489bca6cacad24794b1086:1561478843");
        assertThat(meta.eventId()).isEqualTo("msg_" + NOW.getEpochSecond());
        assertThat(meta.triggeredAt()).isEqualTo("2019-06-25T16:07:23Z");
        assertThat(meta.signed()).isTrue();
        assertThat(meta.headers()).containsOnlyKeys("webhook-id", "webhook-timestamp", "webhook-signature");
    }

    @Test
    void theSameHashUnderAnotherScopeIsAnotherDelivery() {
        byte[] created = fixture("store_product_created", STORE);
        byte[] deleted = fixture("store_product_deleted", STORE);
        assertThat(verified(adapter.verify(signed(SECRET, created, NOW), created))
                        .webhookId())
                .isNotEqualTo(verified(adapter.verify(signed(SECRET, deleted, NOW), deleted))
                        .webhookId());
    }

    @Test
    void aPayloadWithoutCreatedAtIsKeyedWithoutIt() {
        byte[] body = fixture("store_order_statusUpdated.https_overview_example", "ABCDE");
        DeliveryMeta meta = verified(adapter.verify(signed(SECRET, body, NOW), body));
        assertThat(meta.store()).isEqualTo("abcde");
        assertThat(meta.webhookId())
                .isEqualTo("abcde:store/order/statusUpdated:3f9ea420af83450d7ef9f78b08c8af25b2213637");
        assertThat(meta.triggeredAt()).isNull();
    }

    @Test
    void wrongSecretOldTimestampOrMissingSignatureAreUnauthorized() {
        byte[] body = fixture("store_order_created", STORE);
        assertThat(adapter.verify(signed("not-the-secret", body, NOW), body))
                .isInstanceOf(Verification.Unauthorized.class);
        assertThat(adapter.verify(signed(SECRET, body, NOW.minusSeconds(301)), body))
                .isInstanceOf(Verification.Unauthorized.class);
        assertThat(adapter.verify(signed(SECRET, body, NOW.plusSeconds(301)), body))
                .isInstanceOf(Verification.Unauthorized.class);
        assertThat(adapter.verify(Map.of("content-type", "application/json"), body))
                .isEqualTo(new Verification.Unauthorized("missing webhook-signature header"));
        Map<String, String> noId = signed(SECRET, body, NOW);
        noId.remove("webhook-id");
        assertThat(adapter.verify(noId, body))
                .isEqualTo(new Verification.Invalid(Verification.Problem.MISSING_HEADER, "missing webhook-id header"));
    }

    @Test
    void aStoreWithItsOwnSecretsAcceptsEachOfThemButNotTheDefault() {
        byte[] body = fixture("store_order_created", "own1");
        assertThat(adapter.verify(signed("old-own", body, NOW), body)).isInstanceOf(Verification.Verified.class);
        assertThat(adapter.verify(signed("new-own", body, NOW), body)).isInstanceOf(Verification.Verified.class);
        assertThat(adapter.verify(signed(SECRET, body, NOW), body)).isInstanceOf(Verification.Unauthorized.class);
    }

    @Test
    void theCustomHeaderIsRequiredOnTopOfTheSignature() {
        BigCommerceWebhooks withHeader = new BigCommerceWebhooks(
                settings(Optional.of(new BigCommerceSettings.AuthHeader("x-edm-key", "s3cret"))), false, CLOCK);
        byte[] body = fixture("store_order_created", STORE);
        Map<String, String> headers = signed(SECRET, body, NOW);

        assertThat(withHeader.verify(headers, body))
                .isEqualTo(new Verification.Unauthorized("missing or wrong x-edm-key header"));
        headers.put("x-edm-key", "wrong");
        assertThat(withHeader.verify(headers, body)).isInstanceOf(Verification.Unauthorized.class);
        headers.put("x-edm-key", "s3cret");
        DeliveryMeta meta = verified(withHeader.verify(headers, body));
        assertThat(meta.headers()).doesNotContainKey("x-edm-key");
        // the header alone never replaces the signature
        assertThat(withHeader.verify(Map.of("x-edm-key", "s3cret"), body))
                .isInstanceOf(Verification.Unauthorized.class);
    }

    @Test
    void noClientSecretMeansNotConfiguredAndDebugModeAcceptsUnsigned() {
        BigCommerceWebhooks none = new BigCommerceWebhooks(
                new BigCommerceSettings(
                        StoreSecrets.NONE, StoreSecrets.NONE, BigCommerceSettings.DEFAULT_API_BASE, Optional.empty()),
                false,
                CLOCK);
        byte[] body = fixture("store_order_created", STORE);
        assertThat(none.verify(signed(SECRET, body, NOW), body)).isInstanceOf(Verification.NotConfigured.class);

        BigCommerceWebhooks debug = new BigCommerceWebhooks(settings(Optional.empty()), true, CLOCK);
        assertThat(verified(debug.verify(Map.of(), body)).signed()).isFalse();
        assertThat(debug.verify(signed("wrong", body, NOW), body)).isInstanceOf(Verification.Unauthorized.class);
    }

    @Test
    void theDocsLiteralProducerOrAForeignScopeAreMalformed() throws Exception {
        byte[] literal;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/bigcommerce/store_order_created.json")) {
            literal = in.readAllBytes();
        }
        assertThat(adapter.verify(signed(SECRET, literal, NOW), literal))
                .isEqualTo(new Verification.Invalid(
                        Verification.Problem.MALFORMED, "the payload's producer is not stores/{store_hash}"));

        ObjectNode forged = (ObjectNode) JSON.readTree(fixture("store_order_created", STORE));
        forged.put("scope", BigCommerceDocuments.ORDER_TOPIC);
        byte[] body = JSON.writeValueAsBytes(forged);
        assertThat(adapter.verify(signed(SECRET, body, NOW), body)).isInstanceOf(Verification.Invalid.class);

        byte[] broken = "{\"scope\":".getBytes(StandardCharsets.UTF_8);
        assertThat(adapter.verify(signed(SECRET, broken, NOW), broken)).isInstanceOf(Verification.Invalid.class);
        assertThat(adapter.verify(signed("wrong", broken, NOW), broken)).isInstanceOf(Verification.Unauthorized.class);
    }

    @ParameterizedTest
    @CsvSource({
        "store_product_created, product, 205",
        "store_product_updated, product, 205",
        "store_product_inventory_updated, product, 167",
        "store_product_inventory_order_updated, product, 167",
        "store_sku_created, product, 206",
        "store_sku_updated, product, 206",
        "store_sku_deleted, product, 206",
        "store_sku_inventory_updated, product, 206",
        "store_channel_inventory_product_stock_changed, product, 113",
        "store_order_created, order, 250",
        "store_order_updated, order, 250",
        "store_order_statusUpdated, order, 250",
        "store_order_statusUpdated.https_overview_example, order, 173331"
    })
    void eachHandledSampleNamesTheResourceToRead(String fixture, String resource, String id) throws Exception {
        byte[] body = fixture(fixture, STORE);
        String scope = JSON.readTree(body).get("scope").asText();

        assertThat(adapter.handlesTopic(scope)).isTrue();
        assertThat(adapter.detailRequests(scope, STORE, body)).containsExactly(new DetailRequest(resource, id));
        assertThat(adapter.interpret(scope, STORE, body, NOW)).isEmpty();
    }

    @Test
    void aRefundNamesItsOrder() {
        byte[] body = ("{\"scope\":\"store/order/refund/created\",\"data\":{\"type\":\"order\",\"id\":250,"
                        + "\"refund\":{\"refund_id\":3}},\"hash\":\"h\",\"producer\":\"stores/abc123\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(adapter.detailRequests("store/order/refund/created", STORE, body))
                .containsExactly(new DetailRequest("order", "250"));
    }

    @Test
    void aProductDeletionNeedsNoReadAndDeletesTheProduct() {
        byte[] body = fixture("store_product_deleted", STORE);
        assertThat(adapter.detailRequests("store/product/deleted", STORE, body)).isEmpty();
        assertThat(adapter.interpret("store/product/deleted", STORE, body, NOW))
                .singleElement()
                .hasToString("ProductDeleted[store=bigcommerce:abc123, at=" + NOW + ", productId=205]");
    }

    @Test
    void unhandledScopesAreIgnoredAndBadIdsAreUnreadable() {
        assertThat(adapter.handlesTopic("store/cart/created")).isFalse();
        assertThat(adapter.handlesTopic("store/order/archived")).isFalse();
        assertThat(adapter.detailRequests("store/cart/created", STORE, "{}".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        byte[] bad = "{\"scope\":\"store/order/created\",\"data\":{\"type\":\"order\",\"id\":\"../1\"}}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> adapter.detailRequests("store/order/created", STORE, bad))
                .isInstanceOf(UnreadablePayloadException.class)
                .hasMessageContaining("not a BigCommerce id");
    }
}
