package dev.edm.testing;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Builds and sends WooCommerce-shaped webhook requests the way WC_Webhook::deliver does, for tests. */
public final class WooCommerceRequests {
    public static final String PATH = "/webhook/woocommerce";
    public static final String WEBHOOK_ID = "142";

    private WooCommerceRequests() {}

    /** WooCommerce's signature: base64 HMAC-SHA256 of the raw body keyed with the (non-empty) secret as UTF-8. */
    public static String sign(String secret, byte[] body) {
        return ShopifyRequests.hmac(secret, body);
    }

    /** A new delivery id shaped like wp_hash() output (32 hex digits). */
    public static String deliveryId() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The headers WooCommerce sends, signed with the secret (null secret: unsigned; null values: left out). */
    public static Map<String, String> headers(
            String secret, String topic, String source, String deliveryId, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("User-Agent", "WooCommerce/9.8.1 Hookshot (WordPress/6.8.1)");
        if (source != null) {
            h.put("X-WC-Webhook-Source", source);
        }
        if (topic != null) {
            h.put("X-WC-Webhook-Topic", topic);
            h.put("X-WC-Webhook-Resource", topic.substring(0, Math.max(0, topic.indexOf('.'))));
            h.put("X-WC-Webhook-Event", topic.substring(topic.indexOf('.') + 1));
        }
        h.put("X-WC-Webhook-ID", WEBHOOK_ID);
        if (deliveryId != null) {
            h.put("X-WC-Webhook-Delivery-ID", deliveryId);
        }
        if (secret != null) {
            h.put("X-WC-Webhook-Signature", sign(secret, body));
        }
        return h;
    }

    /** Posts a signed delivery with the given body. */
    public static HttpResponse<String> post(
            ShopifyRequests http, String secret, String topic, String source, String deliveryId, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return http.post(PATH, headers(secret, topic, source, deliveryId, bytes), bytes);
    }

    /** WooCommerce's creation ping: unsigned, form-encoded {@code webhook_id=<id>}, no X-WC headers. */
    public static HttpResponse<String> ping(ShopifyRequests http, byte[] body) {
        return http.post(
                PATH,
                Map.of(
                        "Content-Type", "application/x-www-form-urlencoded",
                        "User-Agent", "WooCommerce/9.8.1 Hookshot (WordPress/6.8.1)"),
                body);
    }

    /** A test fixture's bytes from {@code /fixtures/woocommerce/}. */
    public static byte[] fixture(String name) {
        try (var in = WooCommerceRequests.class.getResourceAsStream("/fixtures/woocommerce/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
