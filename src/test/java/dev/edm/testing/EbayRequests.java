package dev.edm.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds eBay deliveries the way eBay signs them, for tests: Notification API (ECDSA) and legacy SOAP (MD5). */
public final class EbayRequests {
    public static final String DEV_ID = "test-dev-id-0001";
    public static final String APP_ID = "test-app-id-0002";
    public static final String CERT_ID = "test-cert-id-0003";
    public static final String CLIENT_SECRET = "test-client-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;

    public EbayRequests(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /** A fixture under src/test/resources/fixtures/ebay as text. */
    public static String fixture(String name) {
        return new String(fixtureBytes(name), StandardCharsets.UTF_8);
    }

    public static byte[] fixtureBytes(String name) {
        try (InputStream in = EbayRequests.class.getResourceAsStream("/fixtures/ebay/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value of a {@code key=value} line in a vector file. */
    public static String vector(String file, String key) {
        return fixture(file)
                .lines()
                .filter(l -> l.startsWith(key + "="))
                .map(l -> l.substring(key.length() + 1))
                .findFirst()
                .orElseThrow();
    }

    /** The Node SDK's SIGNATURE_MISMATCH header (same kid as eBay's vector, another signature). */
    public static String mismatchHeader() {
        return fixture("x_ebay_signature_vector.txt")
                .lines()
                .filter(l -> l.startsWith("#   eyJ"))
                .map(l -> l.substring(4))
                .findFirst()
                .orElseThrow();
    }

    /** A fresh P-256 key pair, standing in for one of eBay's notification keys. */
    public static KeyPair newKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** eBay's public key response for the key (PEM markers, no newlines). */
    public static String keyResponse(PublicKey key, String digest) {
        return "{\"key\":\"-----BEGIN PUBLIC KEY-----"
                + Base64.getEncoder().encodeToString(key.getEncoded())
                + "-----END PUBLIC KEY-----\",\"algorithm\":\"ECDSA\",\"digest\":\"" + digest + "\"}";
    }

    /** An X-EBAY-SIGNATURE header over exactly these bytes. */
    public static String signatureHeader(String kid, PrivateKey key, String digest, byte[] body) {
        try {
            Signature s = Signature.getInstance(digest + "withECDSA");
            s.initSign(key);
            s.update(body);
            Map<String, String> header = new LinkedHashMap<>();
            header.put("alg", "ecdsa");
            header.put("kid", kid);
            header.put("signature", Base64.getEncoder().encodeToString(s.sign()));
            header.put("digest", digest);
            return Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(header));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Notification API body: metadata, notification id, event date and data. */
    public static String notification(String topic, String notificationId, String eventDate, String dataJson) {
        return "{\"metadata\":{\"topic\":\"" + topic + "\",\"schemaVersion\":\"1.0\",\"deprecated\":false},"
                + "\"notification\":{\"notificationId\":\"" + notificationId + "\",\"eventDate\":\"" + eventDate
                + "\",\"publishDate\":\"" + eventDate + "\",\"publishAttemptCount\":1,\"data\":" + dataJson + "}}";
    }

    /** The SOAP body with this Timestamp, signed with the test keyset as eBay does. */
    public static String soap(String xml, String timestamp) {
        return soap(xml, timestamp, sign(timestamp, DEV_ID, APP_ID, CERT_ID));
    }

    /** The SOAP body with this Timestamp and signature text. */
    public static String soap(String xml, String timestamp, String signature) {
        return xml.replaceFirst("<Timestamp>[^<]*</Timestamp>", "<Timestamp>" + timestamp + "</Timestamp>")
                .replaceFirst(
                        "(<ebl:NotificationSignature[^>]*>)[^<]*(</ebl:NotificationSignature>)",
                        "$1" + signature + "$2");
    }

    /** base64(MD5(timestamp + devId + appId + certId)), computed independently of edm's code. */
    public static String sign(String timestamp, String devId, String appId, String certId) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("MD5")
                            .digest((timestamp + devId + appId + certId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> postJson(String signatureHeader, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/webhook/ebay"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signatureHeader != null) {
            b.header("X-EBAY-SIGNATURE", signatureHeader);
        }
        return ShopifyRequests.send(b.build());
    }

    public HttpResponse<String> postSoap(String xml) {
        return postSoap(xml, "text/xml; charset=UTF-8");
    }

    public HttpResponse<String> postSoap(String xml, String contentType) {
        return ShopifyRequests.send(HttpRequest.newBuilder(URI.create(baseUrl + "/webhook/ebay/platform"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType)
                .header("SOAPAction", "\"https://developer.ebay.com/notification/ItemSold\"")
                .POST(HttpRequest.BodyPublishers.ofString(xml))
                .build());
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return ShopifyRequests.send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(20))
                .GET()
                .build());
    }
}
