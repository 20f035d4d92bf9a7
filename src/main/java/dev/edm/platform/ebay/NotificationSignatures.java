package dev.edm.platform.ebay;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.edm.platform.Verification;
import dev.edm.platform.ebay.PublicKeys.EbayKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;

/**
 * {@code X-EBAY-SIGNATURE}: base64 of {@code {"alg","kid","signature","digest"}}, where {@code signature} is a
 * base64 DER ECDSA signature by the key {@code kid} names. eBay's SDKs verify a compact re-serialization of the
 * parsed message, so the raw body is tried first, then its compact form (key order, numbers and strings kept).
 * The algorithm and digest come from eBay's key response, never from the header.
 */
final class NotificationSignatures {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final PublicKeys keys;

    NotificationSignatures(PublicKeys keys) {
        this.keys = keys;
    }

    /** The decoded header. */
    record Header(String kid, byte[] signature) {
        /** Null when the header is not base64 JSON with a kid and a base64 signature. */
        static Header parse(String value) {
            try {
                JsonNode json = JSON.readTree(Base64.getDecoder().decode(value.strip()));
                String kid = json.path("kid").asText("");
                String signature = json.path("signature").asText("");
                if (kid.isEmpty() || signature.isEmpty()) {
                    return null;
                }
                return new Header(kid, Base64.getDecoder().decode(signature));
            } catch (IOException | IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** Null when the signature is good; otherwise the refusal (401) or why we cannot tell now (503). */
    Verification check(String headerValue, byte[] body) {
        Header header = Header.parse(headerValue);
        if (header == null) {
            return new Verification.Unauthorized("X-EBAY-SIGNATURE is not a readable eBay signature header");
        }
        if (!PublicKeys.plausibleKid(header.kid())) {
            return new Verification.Unauthorized("X-EBAY-SIGNATURE names no valid key id");
        }
        return switch (keys.find(header.kid())) {
            case PublicKeys.Lookup.Found f ->
                verifies(f.key(), header.signature(), body)
                        ? null
                        : new Verification.Unauthorized("X-EBAY-SIGNATURE does not match the body");
            case PublicKeys.Lookup.Unknown u -> new Verification.Unavailable(u.message());
            case PublicKeys.Lookup.Unreachable u -> new Verification.Unavailable(u.message());
        };
    }

    static boolean verifies(EbayKey key, byte[] signature, byte[] body) {
        if (verifiesBytes(key, signature, body)) {
            return true;
        }
        byte[] compact = compact(body);
        return compact != null && verifiesBytes(key, signature, compact);
    }

    private static boolean verifiesBytes(EbayKey key, byte[] signature, byte[] bytes) {
        try {
            Signature verifier = Signature.getInstance(key.algorithm());
            verifier.initVerify(key.key());
            verifier.update(bytes);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // a malformed DER signature is a mismatch, not an error
            return false;
        }
    }

    /** The body as eBay's SDKs re-serialize it (compact, UTF-8, key order kept); null when it is not JSON. */
    static byte[] compact(byte[] body) {
        try {
            JsonNode tree = JSON.readTree(body);
            return tree == null ? null : JSON.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
