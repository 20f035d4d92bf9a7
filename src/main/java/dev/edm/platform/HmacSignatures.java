package dev.edm.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Base64 HMAC-SHA256 signatures over raw request bodies, as Shopify and WooCommerce send them. */
public final class HmacSignatures {
    private static final byte[] EMPTY_KEY = {0};
    private static final int MAX_PROTOTYPES = 1_000;
    private static final Map<String, Mac> PROTOTYPES = new ConcurrentHashMap<>();

    private HmacSignatures() {}

    /**
     * HMAC-SHA256 of the body. An empty key is used as one zero byte: HMAC pads keys with zeros, so both give
     * the same MAC, and the JDK refuses empty keys.
     */
    public static byte[] hmacSha256(byte[] key, byte[] body) {
        return newMac(key).doFinal(body);
    }

    /** base64(HMAC-SHA256(key as UTF-8, body)). */
    public static String sign(String key, byte[] body) {
        return Base64.getEncoder().encodeToString(hmacSha256(key.getBytes(StandardCharsets.UTF_8), body));
    }

    /**
     * Whether the base64 signature is the MAC of the body under any of the keys (UTF-8). Every key is tried and
     * compared in constant time, so timing tells neither how much matched nor which key; a malformed signature
     * matches nothing.
     */
    public static boolean matchesAny(String base64Signature, byte[] body, List<String> keys) {
        byte[] given;
        try {
            given = Base64.getDecoder().decode(base64Signature.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean match = false;
        for (String key : keys) {
            match |= MessageDigest.isEqual(keyed(key).doFinal(body), given);
        }
        return match;
    }

    /**
     * A fresh MAC keyed with the secret, cloned from one initialised per secret (looking up the provider and
     * preparing the key cost more than hashing a webhook body). The prototypes are never used directly.
     */
    private static Mac keyed(String key) {
        Mac prototype = PROTOTYPES.get(key);
        if (prototype == null) {
            prototype = newMac(key.getBytes(StandardCharsets.UTF_8));
            if (PROTOTYPES.size() >= MAX_PROTOTYPES) {
                PROTOTYPES.clear(); // secrets are few; this only bounds memory if they churn
            }
            PROTOTYPES.put(key, prototype);
        }
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return newMac(key.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? EMPTY_KEY : key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
