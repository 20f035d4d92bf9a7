package dev.edm.platform.woocommerce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edm.config.StoreSecrets;
import dev.edm.platform.DeliveryMeta;
import dev.edm.platform.Verification;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WooCommerceWebhooksTest {
    private static final String SECRET = "wc-secret";
    private static final String SOURCE = "https://Shop.Example.com/";
    private static final String HOST = "shop.example.com";
    private static final byte[] JSON = "{\"id\":799}".getBytes(StandardCharsets.UTF_8);

    static byte[] fixture(String name) {
        try (InputStream in = WooCommerceWebhooksTest.class.getResourceAsStream("/fixtures/woocommerce/" + name)) {
            assertThat(in).as("fixture %s on the test classpath", name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A {@code name=value} line of signature_vector.txt. */
    private static String vectorLine(String name) {
        return new String(fixture("signature_vector.txt"), StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.startsWith(name + "="))
                .map(l -> l.substring(name.length() + 1).strip())
                .findFirst()
                .orElseThrow();
    }

    private static WooCommerceWebhooks adapter(String... defaultSecrets) {
        return new WooCommerceWebhooks(new StoreSecrets(List.of(defaultSecrets), Map.of()), false);
    }

    /** The headers WooCommerce sends (WC_Webhook::deliver), in lower case; a null signature is left out. */
    static Map<String, String> headers(String signature) {
        Map<String, String> h = new HashMap<>();
        h.put("content-type", "application/json");
        h.put("user-agent", "WooCommerce/9.8.1 Hookshot (WordPress/6.8)");
        h.put("x-wc-webhook-source", SOURCE);
        h.put("x-wc-webhook-topic", "product.updated");
        h.put("x-wc-webhook-resource", "product");
        h.put("x-wc-webhook-event", "updated");
        h.put("x-wc-webhook-id", "142");
        h.put("x-wc-webhook-delivery-id", "b3f1a2c4d5e6f708192a3b4c5d6e7f80");
        if (signature != null) {
            h.put("x-wc-webhook-signature", signature);
        }
        return h;
    }

    private static DeliveryMeta verified(Verification result) {
        assertThat(result).isInstanceOf(Verification.Verified.class);
        return ((Verification.Verified) result).meta();
    }

    private static void assertInvalid(Verification result, Verification.Problem problem, String message) {
        assertThat(result).isInstanceOf(Verification.Invalid.class);
        assertThat(((Verification.Invalid) result).problem()).isEqualTo(problem);
        assertThat(((Verification.Invalid) result).message()).contains(message);
    }

    @Test
    void signReproducesWooCommercesOwnVectorWithTheEmptySecret() {
        byte[] body = fixture("signature_vector.body.txt");
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("secret");

        assertThat(WooCommerceWebhooks.sign("", body)).isEqualTo(vectorLine("X-WC-Webhook-Signature"));
        assertThat(WooCommerceWebhooks.sign("", body)).isEqualTo("GBDo00G55h6IiV+6CxqivQPLbI//KzaOZm747971tPs=");
    }

    @Test
    void signReproducesTheCrossCheckVector() {
        assertThat(WooCommerceWebhooks.sign("secret", new byte[0]))
                .isEqualTo("+eZuF5tnR65UEI+C+K3os8Jddv0wr95sOVgixTAZYWk=");
    }

    @Test
    void theVectorsPassVerificationAndOnlyTheirNonJsonBodiesAreRefused() {
        // both vector bodies are not JSON objects: a valid signature gets past 401 to the body check (400)
        assertInvalid(
                adapter("").verify(headers(vectorLine("X-WC-Webhook-Signature")), fixture("signature_vector.body.txt")),
                Verification.Problem.MALFORMED,
                "not valid JSON");
        assertInvalid(
                adapter("secret").verify(headers("+eZuF5tnR65UEI+C+K3os8Jddv0wr95sOVgixTAZYWk="), new byte[0]),
                Verification.Problem.MALFORMED,
                "empty");
        assertThat(adapter("not-empty")
                        .verify(headers(vectorLine("X-WC-Webhook-Signature")), fixture("signature_vector.body.txt")))
                .isInstanceOf(Verification.Unauthorized.class);
    }

    @Test
    void aSignedDeliveryVerifiesWithStoreTopicAndDeliveryId() {
        DeliveryMeta meta = verified(adapter(SECRET).verify(headers(WooCommerceWebhooks.sign(SECRET, JSON)), JSON));

        assertThat(meta.store()).isEqualTo(HOST);
        assertThat(meta.topic()).isEqualTo("product.updated");
        assertThat(meta.eventId()).isEqualTo("b3f1a2c4d5e6f708192a3b4c5d6e7f80");
        assertThat(meta.webhookId()).startsWith("142:b3f1a2c4d5e6f708192a3b4c5d6e7f80:");
        assertThat(meta.signed()).isTrue();
        assertThat(meta.headers())
                .containsKeys("x-wc-webhook-source", "x-wc-webhook-id")
                .doesNotContainKey("user-agent");
    }

    @Test
    void theSameDeliveryIdForAnotherResourceIsAnotherDelivery() {
        byte[] other = "{\"id\":800}".getBytes(StandardCharsets.UTF_8);
        String a = verified(adapter(SECRET).verify(headers(WooCommerceWebhooks.sign(SECRET, JSON)), JSON))
                .webhookId();
        String again = verified(adapter(SECRET).verify(headers(WooCommerceWebhooks.sign(SECRET, JSON)), JSON))
                .webhookId();
        String b = verified(adapter(SECRET).verify(headers(WooCommerceWebhooks.sign(SECRET, other)), other))
                .webhookId();

        assertThat(again).isEqualTo(a);
        assertThat(b).isNotEqualTo(a);
        assertThat(WooCommerceWebhooks.dedupeKey("a.example", "1", "d", JSON))
                .as("the store is part of the key")
                .isNotEqualTo(WooCommerceWebhooks.dedupeKey("b.example", "1", "d", JSON));
    }

    @Test
    void wrongSecretIsUnauthorized() {
        assertThat(adapter("another").verify(headers(WooCommerceWebhooks.sign(SECRET, JSON)), JSON))
                .isInstanceOf(Verification.Unauthorized.class);
    }

    @Test
    void tamperedBodyIsUnauthorized() {
        byte[] tampered = "{\"id\":798}".getBytes(StandardCharsets.UTF_8);
        assertThat(adapter(SECRET).verify(headers(WooCommerceWebhooks.sign(SECRET, JSON)), tampered))
                .isInstanceOf(Verification.Unauthorized.class);
    }

    @Test
    void reserializedJsonIsUnauthorized() {
        // WordPress escapes "/" as "\/": the signature covers those bytes, not an equivalent JSON text
        byte[] sent = "{\"permalink\":\"https:\\/\\/example.com\\/p\\/\"}".getBytes(StandardCharsets.UTF_8);
        byte[] reserialized = "{\"permalink\":\"https://example.com/p/\"}".getBytes(StandardCharsets.UTF_8);
        String signature = WooCommerceWebhooks.sign(SECRET, sent);

        assertThat(adapter(SECRET).verify(headers(signature), sent)).isInstanceOf(Verification.Verified.class);
        assertThat(adapter(SECRET).verify(headers(signature), reserialized))
                .isInstanceOf(Verification.Unauthorized.class);
    }

    @Test
    void malformedSignaturesAreUnauthorizedWithoutException() {
        for (String bad : List.of(
                "not base64!!", "B", WooCommerceWebhooks.sign(SECRET, JSON).substring(0, 40), "é")) {
            assertThat(adapter(SECRET).verify(headers(bad), JSON))
                    .as(bad)
                    .isInstanceOf(Verification.Unauthorized.class);
        }
    }

    @Test
    void aMissingSignatureIsUnauthorizedUnlessDebug() {
        Verification result = adapter(SECRET).verify(headers(null), JSON);
        assertThat(result).isInstanceOf(Verification.Unauthorized.class);
        assertThat(((Verification.Unauthorized) result).message()).contains("X-WC-Webhook-Signature");

        Verification debug = new WooCommerceWebhooks(StoreSecrets.NONE, true).verify(headers(null), JSON);
        assertThat(verified(debug).signed()).isFalse();
    }

    @Test
    void noSecretConfiguredIsNotConfigured() {
        assertThat(adapter().verify(headers(WooCommerceWebhooks.sign(SECRET, JSON)), JSON))
                .isInstanceOf(Verification.NotConfigured.class);
    }

    @Test
    void perStoreSecretsRotateAndReplaceTheDefaults() {
        WooCommerceWebhooks adapter = new WooCommerceWebhooks(
                new StoreSecrets(List.of("default"), Map.of(HOST, List.of("old", "new"))), false);

        assertThat(adapter.verify(headers(WooCommerceWebhooks.sign("old", JSON)), JSON))
                .isInstanceOf(Verification.Verified.class);
        assertThat(adapter.verify(headers(WooCommerceWebhooks.sign("new", JSON)), JSON))
                .isInstanceOf(Verification.Verified.class);
        assertThat(adapter.verify(headers(WooCommerceWebhooks.sign("default", JSON)), JSON))
                .isInstanceOf(Verification.Unauthorized.class);

        Map<String, String> otherStore = headers(WooCommerceWebhooks.sign("default", JSON));
        otherStore.put("x-wc-webhook-source", "https://other.example.org/");
        assertThat(verified(adapter.verify(otherStore, JSON)).store()).isEqualTo("other.example.org");
    }

    @Test
    void theSecretIsEntityDecodedLikeWordPressDoes() {
        // WooCommerce signs with wp_specialchars_decode($secret, ENT_QUOTES)
        String signature = WooCommerceWebhooks.sign("a&b'c", JSON);
        assertThat(adapter("a&amp;b&#039;c").verify(headers(signature), JSON))
                .isInstanceOf(Verification.Verified.class);
        assertThat(SecretKey.of("a&amp;b")).isEqualTo("a&b");
        assertThat(SecretKey.of("&lt;&gt;&quot;&#0039;&#X27;&#x26;&#38;")).isEqualTo("<>\"''&&");
        assertThat(SecretKey.of("&amp;lt;")).as("one pass, as strtr").isEqualTo("&lt;");
        assertThat(SecretKey.of("&eacute;&nbsp;&")).as("other entities stay").isEqualTo("&eacute;&nbsp;&");
        assertThat(SecretKey.of("plain")).isEqualTo("plain");
    }

    @Test
    void theStoreIsTheLowerCaseHostOfTheSource() {
        assertThat(StoreHost.of("https://Shop.Example.com/")).contains("shop.example.com");
        assertThat(StoreHost.of("http://example.com:8080/blog/")).contains("example.com");
        assertThat(StoreHost.of("shop.example.com")).contains("shop.example.com");
        assertThat(StoreHost.of("https://shop.example.com./")).contains("shop.example.com");
        assertThat(StoreHost.of("https:///nohost")).isEmpty();
        assertThat(StoreHost.of("http://exa mple.com/")).isEmpty();
        assertThat(StoreHost.of("  ")).isEmpty();
    }

    @Test
    void missingOrMalformedHeadersAreInvalid() {
        String signature = WooCommerceWebhooks.sign(SECRET, JSON);
        record Case(String header, String value, Verification.Problem problem, String message) {}
        for (Case c : List.of(
                new Case("x-wc-webhook-source", null, Verification.Problem.MISSING_HEADER, "X-WC-Webhook-Source"),
                new Case("x-wc-webhook-source", "https://", Verification.Problem.MALFORMED, "X-WC-Webhook-Source"),
                new Case("x-wc-webhook-topic", null, Verification.Problem.MISSING_HEADER, "X-WC-Webhook-Topic"),
                new Case("x-wc-webhook-id", null, Verification.Problem.MISSING_HEADER, "X-WC-Webhook-ID"),
                new Case("x-wc-webhook-id", "12a", Verification.Problem.MALFORMED, "X-WC-Webhook-ID"),
                new Case("x-wc-webhook-delivery-id", null, Verification.Problem.MISSING_HEADER, "Delivery-ID"),
                new Case("x-wc-webhook-delivery-id", "a b", Verification.Problem.MALFORMED, "Delivery-ID"))) {
            Map<String, String> h = headers(signature);
            if (c.value() == null) {
                h.remove(c.header());
            } else {
                h.put(c.header(), c.value());
            }
            assertInvalid(adapter(SECRET).verify(h, JSON), c.problem(), c.message());
        }
        Map<String, String> unsigned = headers(null);
        unsigned.remove("x-wc-webhook-topic");
        assertThat(adapter(SECRET).verify(unsigned, JSON))
                .as("the signature is checked before the topic")
                .isInstanceOf(Verification.Unauthorized.class);
        Map<String, String> sourceless = headers(null);
        sourceless.remove("x-wc-webhook-source");
        assertInvalid(
                adapter(SECRET).verify(sourceless, JSON), Verification.Problem.MISSING_HEADER, "X-WC-Webhook-Source");
    }

    @Test
    void aBodyThatIsNotOneJsonObjectIsMalformed() {
        byte[] array = "[1]".getBytes(StandardCharsets.UTF_8);
        assertInvalid(
                adapter(SECRET).verify(headers(WooCommerceWebhooks.sign(SECRET, array)), array),
                Verification.Problem.MALFORMED,
                "JSON object");
    }

    @Test
    void theCreationPingIsAcknowledgedUnsignedWithoutAnyHeader() {
        byte[] ping = fixture("ping.body.form-urlencoded.txt");
        assertThat(new String(ping, StandardCharsets.US_ASCII)).isEqualTo("webhook_id=142");
        Map<String, String> h = new HashMap<>();
        h.put("content-type", "application/x-www-form-urlencoded");
        h.put("user-agent", "WooCommerce/9.8.1 Hookshot (WordPress/6.8)");

        Verification result = adapter(SECRET).verify(h, ping);

        assertThat(result).isEqualTo(new Verification.Acknowledged("ping"));
        assertThat(adapter().verify(Map.of(), ping))
                .as("no secret, no content type: still just a ping")
                .isEqualTo(new Verification.Acknowledged("ping"));
        assertThat(adapter(SECRET).acceptsContentType("application/x-www-form-urlencoded; charset=UTF-8"))
                .isTrue();
    }

    @Test
    void aFormBodyThatIsNotThePingIsAnUnsupportedMediaType() {
        Map<String, String> h = headers(null);
        h.put("content-type", "application/x-www-form-urlencoded");
        for (String body : List.of("webhook_id=142&x=1", "webhook_id=", "webhook_id=abc", "id=142")) {
            assertInvalid(
                    adapter(SECRET).verify(h, body.getBytes(StandardCharsets.UTF_8)),
                    Verification.Problem.UNSUPPORTED_MEDIA_TYPE,
                    "creation ping");
        }
        assertThat(adapter(SECRET).acceptsContentType("text/plain")).isFalse();
    }

    @Test
    void handledTopics() {
        WooCommerceWebhooks a = adapter(SECRET);
        assertThat(List.of(
                        "product.created",
                        "product.updated",
                        "product.deleted",
                        "product.restored",
                        "order.created",
                        "order.updated"))
                .allMatch(a::handlesTopic);
        assertThat(List.of("coupon.created", "customer.updated", "order.deleted", "action.woocommerce_x"))
                .noneMatch(a::handlesTopic);
    }
}
