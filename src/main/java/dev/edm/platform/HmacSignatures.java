package dev.edm.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Base64 HMAC-SHA256 signatures over raw request bodies, as Shopify and WooCommerce send them. */
public final class HmacSignatures {
    private static final byte[] EMPTY_KEY = {0};

    private HmacSignatures() {}

    /**
     * HMAC-SHA256 of the body. An empty key is used as one zero byte: HMAC pads keys with zeros, so both give
     * the same MAC, and the JDK refuses empty keys.
     */
    public static byte[] hmacSha256(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? EMPTY_KEY : key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
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
            match |= MessageDigest.isEqual(hmacSha256(key.getBytes(StandardCharsets.UTF_8), body), given);
        }
        return match;
    }
}
