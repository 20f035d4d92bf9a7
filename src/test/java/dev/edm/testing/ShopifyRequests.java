package dev.edm.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Builds and sends Shopify-shaped webhook requests the way Shopify does, for tests. */
public final class ShopifyRequests {
    public static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String baseUrl;

    public ShopifyRequests(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Shopify's signature: base64 HMAC-SHA256 of the raw body, keyed with the secret as UTF-8. */
    public static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The headers Shopify sends, signed with the secret (null secret: unsigned). */
    public static Map<String, String> headers(String secret, String topic, String shop, String webhookId, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        if (topic != null) {
            h.put("X-Shopify-Topic", topic);
        }
        if (shop != null) {
            h.put("X-Shopify-Shop-Domain", shop);
        }
        if (webhookId != null) {
            h.put("X-Shopify-Webhook-Id", webhookId);
        }
        h.put("X-Shopify-Event-Id", "evt-" + webhookId);
        h.put("X-Shopify-API-Version", "2026-01");
        h.put("X-Shopify-Triggered-At", "2026-11-27T18:00:27.877041743Z");
        if (secret != null) {
            h.put("X-Shopify-Hmac-Sha256", hmac(secret, body));
        }
        return h;
    }

    public HttpResponse<String> post(String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return send(b.build());
    }

    public HttpResponse<String> signed(String secret, String topic, String shop, String webhookId, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post("/webhook/shopify", headers(secret, topic, shop, webhookId, bytes), bytes);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .GET()
                .build());
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
