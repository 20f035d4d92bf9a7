package dev.edm.platform.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edm.config.ShopifySettings;
import dev.edm.config.StoreSecrets;
import dev.edm.platform.DeliveryMeta;
import dev.edm.platform.Verification;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShopifyWebhooksTest {
    private static final String VECTOR_SECRET = "test_secret_key";
    private static final String VECTOR_HMAC = "B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=";
    private static final String SHOP = "shop1.myshopify.io";

    private static byte[] vectorBody() {
        try (InputStream in =
                ShopifyWebhooksTest.class.getResourceAsStream("/fixtures/shopify/hmac_vector.body.json")) {
            assertThat(in).as("fixture on the test classpath").isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ShopifySettings defaults(String... secrets) {
        return new ShopifySettings(new StoreSecrets(List.of(secrets), Map.of()), Optional.empty(), Optional.empty());
    }

    private static ShopifyWebhooks adapter(String... defaultSecrets) {
        return new ShopifyWebhooks(defaults(defaultSecrets), false);
    }

    /** The headers of the shopify-app-js test that produced the vector, in lower case. */
    private static Map<String, String> headers(String hmac) {
        Map<String, String> headers = new HashMap<>();
        if (hmac != null) {
            headers.put("x-shopify-hmac-sha256", hmac);
        }
        headers.put("x-shopify-topic", "products/create");
        headers.put("x-shopify-shop-domain", SHOP);
        headers.put("x-shopify-api-version", "2023-01");
        headers.put("x-shopify-webhook-id", "123456789");
        return headers;
    }

    private static DeliveryMeta verifiedMeta(Verification result) {
        assertThat(result).isInstanceOf(Verification.Verified.class);
        return ((Verification.Verified) result).meta();
    }

    private static void assertInvalid(Verification result, Verification.Problem problem) {
        assertThat(result).isInstanceOf(Verification.Invalid.class);
        assertThat(((Verification.Invalid) result).problem()).isEqualTo(problem);
    }

    @Test
    void fixtureIsTheExactFourteenBytes() {
        assertThat(new String(vectorBody(), StandardCharsets.UTF_8)).isEqualTo("{\"foo\": \"bar\"}");
    }

    @Test
    void signMatchesShopifysVector() {
        assertThat(ShopifyWebhooks.sign(VECTOR_SECRET, vectorBody())).isEqualTo(VECTOR_HMAC);
    }

    @Test
    void shopifysVectorVerifies() {
        Verification result = adapter(VECTOR_SECRET).verify(headers(VECTOR_HMAC), vectorBody());

        DeliveryMeta meta = verifiedMeta(result);
        assertThat(meta.store()).isEqualTo(SHOP);
        assertThat(meta.topic()).isEqualTo("products/create");
        assertThat(meta.webhookId()).isEqualTo("123456789");
        assertThat(meta.apiVersion()).isEqualTo("2023-01");
        assertThat(meta.signed()).isTrue();
    }

    @Test
    void tamperedBodyIsUnauthorized() {
        byte[] body = vectorBody();
        body[9] = 'c'; // {"foo": "car"}

        Verification result = adapter(VECTOR_SECRET).verify(headers(VECTOR_HMAC), body);

        assertThat(result).isInstanceOf(Verification.Unauthorized.class);
    }

    @Test
    void appendedNewlineIsUnauthorized() {
        byte[] body = (new String(vectorBody(), StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);

        assertThat(adapter(VECTOR_SECRET).verify(headers(VECTOR_HMAC), body))
                .isInstanceOf(Verification.Unauthorized.class);
    }

    @Test
    void wrongSecretIsUnauthorized() {
        assertThat(adapter("another_secret").verify(headers(VECTOR_HMAC), vectorBody()))
                .isInstanceOf(Verification.Unauthorized.class);
    }

    @Test
    void badBase64HeaderIsUnauthorizedWithoutException() {
        assertThat(adapter(VECTOR_SECRET).verify(headers("not base64 at all!!"), vectorBody()))
                .isInstanceOf(Verification.Unauthorized.class);
        assertThat(adapter(VECTOR_SECRET).verify(headers("B"), vectorBody()))
                .as("a lone base64 character")
                .isInstanceOf(Verification.Unauthorized.class);
        assertThat(adapter(VECTOR_SECRET).verify(headers(VECTOR_HMAC.substring(0, 40)), vectorBody()))
                .as("truncated signature")
                .isInstanceOf(Verification.Unauthorized.class);
    }

    @Test
    void missingHeaderWithoutDebugIsUnauthorized() {
        assertThat(adapter(VECTOR_SECRET).verify(headers(null), vectorBody()))
                .isInstanceOf(Verification.Unauthorized.class);
    }

    @Test
    void blankHeaderWithoutDebugIsUnauthorized() {
        assertThat(adapter(VECTOR_SECRET).verify(headers("  "), vectorBody()))
                .isInstanceOf(Verification.Unauthorized.class);
    }

    @Test
    void missingHeaderInDebugModeIsVerifiedButUnsigned() {
        ShopifyWebhooks debug = new ShopifyWebhooks(defaults(VECTOR_SECRET), true);

        DeliveryMeta meta = verifiedMeta(debug.verify(headers(null), vectorBody()));

        assertThat(meta.signed()).isFalse();
        assertThat(meta.store()).isEqualTo(SHOP);
        assertThat(meta.topic()).isEqualTo("products/create");
    }

    @Test
    void missingHeaderInDebugModeWorksEvenWithoutSecrets() {
        ShopifyWebhooks debug = new ShopifyWebhooks(defaults(), true);

        assertThat(verifiedMeta(debug.verify(headers(null), vectorBody())).signed())
                .isFalse();
    }

    @Test
    void wrongHeaderInDebugModeIsStillUnauthorized() {
        ShopifyWebhooks debug = new ShopifyWebhooks(defaults(VECTOR_SECRET), true);
        String wrong = ShopifyWebhooks.sign("another_secret", vectorBody());

        assertThat(debug.verify(headers(wrong), vectorBody())).isInstanceOf(Verification.Unauthorized.class);
    }

    @Test
    void everyRotatedShopSecretVerifies() {
        ShopifySettings settings = new ShopifySettings(
                new StoreSecrets(List.of(), Map.of(SHOP, List.of("old", "new"))), Optional.empty(), Optional.empty());
        ShopifyWebhooks webhooks = new ShopifyWebhooks(settings, false);
        byte[] body = vectorBody();

        assertThat(webhooks.verify(headers(ShopifyWebhooks.sign("old", body)), body))
                .isInstanceOf(Verification.Verified.class);
        assertThat(webhooks.verify(headers(ShopifyWebhooks.sign("new", body)), body))
                .isInstanceOf(Verification.Verified.class);
        assertThat(webhooks.verify(headers(ShopifyWebhooks.sign("other", body)), body))
                .isInstanceOf(Verification.Unauthorized.class);
    }

    @Test
    void shopDomainHeaderIsMatchedCaseInsensitively() {
        ShopifySettings settings = new ShopifySettings(
                new StoreSecrets(List.of(), Map.of(SHOP, List.of("own"))), Optional.empty(), Optional.empty());
        byte[] body = vectorBody();
        Map<String, String> headers = headers(ShopifyWebhooks.sign("own", body));
        headers.put("x-shopify-shop-domain", "Shop1.MyShopify.io");

        DeliveryMeta meta = verifiedMeta(new ShopifyWebhooks(settings, false).verify(headers, body));

        assertThat(meta.store()).isEqualTo(SHOP);
    }

    @Test
    void shopWithItsOwnSecretDoesNotAcceptTheDefault() {
        ShopifySettings settings = new ShopifySettings(
                new StoreSecrets(List.of("default_secret"), Map.of(SHOP, List.of("own_secret"))),
                Optional.empty(),
                Optional.empty());
        ShopifyWebhooks webhooks = new ShopifyWebhooks(settings, false);
        byte[] body = vectorBody();

        assertThat(webhooks.verify(headers(ShopifyWebhooks.sign("default_secret", body)), body))
                .isInstanceOf(Verification.Unauthorized.class);
        assertThat(webhooks.verify(headers(ShopifyWebhooks.sign("own_secret", body)), body))
                .isInstanceOf(Verification.Verified.class);

        Map<String, String> otherShop = headers(ShopifyWebhooks.sign("default_secret", body));
        otherShop.put("x-shopify-shop-domain", "other.myshopify.com");
        assertThat(verifiedMeta(webhooks.verify(otherShop, body)).store()).isEqualTo("other.myshopify.com");
    }

    @Test
    void signedRequestWithoutAnySecretIsNotConfigured() {
        assertThat(adapter().verify(headers(VECTOR_HMAC), vectorBody())).isInstanceOf(Verification.NotConfigured.class);
    }

    @Test
    void missingTopicIsInvalid() {
        Map<String, String> headers = headers(VECTOR_HMAC);
        headers.remove("x-shopify-topic");

        assertInvalid(adapter(VECTOR_SECRET).verify(headers, vectorBody()), Verification.Problem.MISSING_HEADER);
    }

    @Test
    void missingShopDomainWithoutStoreIsInvalid() {
        Map<String, String> headers = headers(VECTOR_HMAC);
        headers.remove("x-shopify-shop-domain");

        assertInvalid(adapter(VECTOR_SECRET).verify(headers, vectorBody()), Verification.Problem.MISSING_HEADER);
    }

    @Test
    void missingShopDomainFallsBackToTheConfiguredStore() {
        ShopifySettings settings = new ShopifySettings(
                new StoreSecrets(List.of(VECTOR_SECRET), Map.of()),
                Optional.of("configured.myshopify.com"),
                Optional.empty());
        Map<String, String> headers = headers(VECTOR_HMAC);
        headers.remove("x-shopify-shop-domain");

        DeliveryMeta meta = verifiedMeta(new ShopifyWebhooks(settings, false).verify(headers, vectorBody()));

        assertThat(meta.store()).isEqualTo("configured.myshopify.com");
    }

    @Test
    void shopDomainThatIsNotADomainIsMalformed() {
        Map<String, String> headers = headers(VECTOR_HMAC);
        headers.put("x-shopify-shop-domain", "../../etc/passwd");

        assertInvalid(adapter(VECTOR_SECRET).verify(headers, vectorBody()), Verification.Problem.MALFORMED);
    }

    @Test
    void malformedBodiesAreInvalid() {
        ShopifyWebhooks webhooks = adapter(VECTOR_SECRET);
        for (String text : List.of("{\"a\":", "[{\"a\":1}]", "{\"a\":1} trailing", "{\"a\":1}{\"b\":2}", "")) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);

            Verification result = webhooks.verify(headers(ShopifyWebhooks.sign(VECTOR_SECRET, body)), body);

            assertThat(result).as(text).isInstanceOf(Verification.Invalid.class);
            assertThat(((Verification.Invalid) result).problem()).as(text).isEqualTo(Verification.Problem.MALFORMED);
        }
    }

    @Test
    void unprefixedEventHeadersWork() {
        byte[] body = vectorBody();
        Map<String, String> headers = new HashMap<>();
        headers.put("shopify-hmac-sha256", VECTOR_HMAC);
        headers.put("shopify-topic", "orders/create");
        headers.put("shopify-shop-domain", SHOP);
        headers.put("shopify-event-id", "evt-1");

        DeliveryMeta meta = verifiedMeta(adapter(VECTOR_SECRET).verify(headers, body));

        assertThat(meta.signed()).isTrue();
        assertThat(meta.store()).isEqualTo(SHOP);
        assertThat(meta.topic()).isEqualTo("orders/create");
        assertThat(meta.eventId()).isEqualTo("evt-1");
        assertThat(meta.headers()).containsOnlyKeys(headers.keySet());
    }

    @Test
    void unprefixedSignatureHeaderIsCheckedToo() {
        Map<String, String> headers = headers(null);
        headers.put("shopify-hmac-sha256", ShopifyWebhooks.sign("another_secret", vectorBody()));

        assertThat(adapter(VECTOR_SECRET).verify(headers, vectorBody())).isInstanceOf(Verification.Unauthorized.class);
    }

    @Test
    void metaCarriesEveryDeliveryFieldAndKeepsOnlyShopifyHeaders() {
        byte[] body = vectorBody();
        Map<String, String> headers = new HashMap<>();
        headers.put("x-shopify-hmac-sha256", VECTOR_HMAC);
        headers.put("x-shopify-topic", "Orders/Create");
        headers.put("x-shopify-shop-domain", "Shop-A.MyShopify.com");
        headers.put("x-shopify-webhook-id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043");
        headers.put("x-shopify-event-id", "98880550-7158-44d4-b7cd-2c97c8a091b5");
        headers.put("x-shopify-triggered-at", "2023-03-29T18:00:27.877041743Z");
        headers.put("x-shopify-api-version", "2025-07");
        headers.put("content-type", "application/json");
        headers.put("user-agent", "Shopify-Captain-Hook");
        headers.put("authorization", "Bearer something");
        headers.put("cookie", "session=1");

        DeliveryMeta meta = verifiedMeta(adapter(VECTOR_SECRET).verify(headers, body));

        assertThat(meta.store()).isEqualTo("shop-a.myshopify.com");
        assertThat(meta.topic()).isEqualTo("orders/create");
        assertThat(meta.webhookId()).isEqualTo("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043");
        assertThat(meta.eventId()).isEqualTo("98880550-7158-44d4-b7cd-2c97c8a091b5");
        assertThat(meta.triggeredAt()).isEqualTo("2023-03-29T18:00:27.877041743Z");
        assertThat(meta.apiVersion()).isEqualTo("2025-07");
        assertThat(meta.signed()).isTrue();
        assertThat(meta.headers())
                .containsOnlyKeys(
                        "x-shopify-hmac-sha256",
                        "x-shopify-topic",
                        "x-shopify-shop-domain",
                        "x-shopify-webhook-id",
                        "x-shopify-event-id",
                        "x-shopify-triggered-at",
                        "x-shopify-api-version")
                .containsEntry("x-shopify-webhook-id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043");
    }

    @Test
    void absentOptionalHeadersAreNull() {
        Map<String, String> headers = new HashMap<>();
        headers.put("x-shopify-hmac-sha256", VECTOR_HMAC);
        headers.put("x-shopify-topic", "products/create");
        headers.put("x-shopify-shop-domain", SHOP);

        DeliveryMeta meta = verifiedMeta(adapter(VECTOR_SECRET).verify(headers, vectorBody()));

        assertThat(meta.webhookId()).isNull();
        assertThat(meta.eventId()).isNull();
        assertThat(meta.triggeredAt()).isNull();
        assertThat(meta.apiVersion()).isNull();
    }

    @Test
    void hasSignatureAndContentTypeAndTopics() {
        ShopifyWebhooks webhooks = adapter(VECTOR_SECRET);

        assertThat(webhooks.hasSignature(headers(VECTOR_HMAC))).isTrue();
        assertThat(webhooks.hasSignature(Map.of("shopify-hmac-sha256", VECTOR_HMAC)))
                .isTrue();
        assertThat(webhooks.hasSignature(headers(null))).isFalse();
        assertThat(webhooks.acceptsContentType("application/json; charset=utf-8"))
                .isTrue();
        assertThat(webhooks.acceptsContentType("text/plain")).isFalse();
        assertThat(webhooks.handlesTopic("inventory_levels/update")).isTrue();
        assertThat(webhooks.handlesTopic("carts/update")).isFalse();
        assertThat(webhooks.handlesTopic(null)).isFalse();
    }
}
