package dev.edm.signing;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One key of the Standard Webhooks scheme: signs {@code id.timestamp.body} with HMAC-SHA256 as
 * {@code v1,<base64>} (through the spec's library), and verifies deliveries against several keys (rotation),
 * several {@code v1} signatures per header, and a timestamp within five minutes of an injected clock.
 */
public final class StandardWebhookScheme {
    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    /** How far a delivery's timestamp may be from our clock, either way. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static final String SECRET_PREFIX = "whsec_";
    private static final String VERSION = "v1,";

    private final Webhook webhook;

    private StandardWebhookScheme(byte[] key) {
        if (key.length == 0) {
            throw new IllegalArgumentException("the signing key is empty");
        }
        this.webhook = new Webhook(key.clone());
    }

    /** A key written as the spec's secret, {@code whsec_} followed by base64 (the prefix may be left out). */
    public static StandardWebhookScheme fromSecret(String secret) {
        String encoded = secret.strip();
        if (encoded.startsWith(SECRET_PREFIX)) {
            encoded = encoded.substring(SECRET_PREFIX.length());
        }
        try {
            return new StandardWebhookScheme(Base64.getDecoder().decode(encoded));
        } catch (IllegalArgumentException e) {
            // the message never repeats the secret
            throw new IllegalArgumentException("the secret is not whsec_ followed by base64 of a non-empty key");
        }
    }

    /** A key given as raw bytes, e.g. BigCommerce's app client secret in UTF-8. */
    public static StandardWebhookScheme fromRawKey(byte[] key) {
        return new StandardWebhookScheme(key);
    }

    /** The {@code v1,<base64>} signature of a message; the body must be UTF-8 (JSON always is). */
    public String sign(String messageId, long timestampSeconds, byte[] body) {
        try {
            return webhook.sign(messageId, timestampSeconds, utf8(body));
        } catch (WebhookSigningException e) {
            throw new IllegalStateException("HmacSHA256 is not available: " + e.getMessage(), e);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a signed body must be UTF-8", e);
        }
    }

    /** The three headers that carry a signed message, for an outbound delivery. */
    public Map<String, String> headers(String messageId, Instant timestamp, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID, messageId);
        headers.put(TIMESTAMP, Long.toString(timestamp.getEpochSecond()));
        headers.put(SIGNATURE, sign(messageId, timestamp.getEpochSecond(), body));
        return headers;
    }

    /** What checking a delivery found. */
    public sealed interface Result {
        /** Signed by one of the keys, within the tolerance. */
        record Valid(String messageId, long timestamp) implements Result {}

        /** A required header is absent. */
        record Missing(String header) implements Result {}

        /** A header cannot be read (e.g. a timestamp that is not a number). */
        record Malformed(String message) implements Result {}

        /** No signature matches, or the timestamp is outside the tolerance. */
        record Rejected(String message) implements Result {}
    }

    /**
     * Checks a delivery: headers keyed in lower case, the raw body, and every key that may have signed it. Every
     * key is compared with every {@code v1} signature in constant time; other versions and malformed entries
     * are skipped.
     */
    public static Result verify(
            List<StandardWebhookScheme> keys, Map<String, String> headers, byte[] body, Clock clock) {
        String signature = header(headers, SIGNATURE);
        if (signature == null) {
            return new Result.Missing(SIGNATURE);
        }
        String id = header(headers, ID);
        if (id == null) {
            return new Result.Missing(ID);
        }
        String timestampText = header(headers, TIMESTAMP);
        if (timestampText == null) {
            return new Result.Missing(TIMESTAMP);
        }
        if (!timestampText.matches("[0-9]{1,18}")) {
            return new Result.Malformed(TIMESTAMP + " must be Unix seconds");
        }
        long timestamp = Long.parseLong(timestampText);
        long now = clock.instant().getEpochSecond();
        if (timestamp < now - TOLERANCE.toSeconds()) {
            return new Result.Rejected(TIMESTAMP + " is too old (more than 5 minutes before our clock)");
        }
        if (timestamp > now + TOLERANCE.toSeconds()) {
            return new Result.Rejected(TIMESTAMP + " is too new (more than 5 minutes after our clock)");
        }
        List<byte[]> given = v1Signatures(signature);
        if (given.isEmpty()) {
            return new Result.Rejected(SIGNATURE + " holds no v1 signature");
        }
        if (keys.isEmpty()) {
            return new Result.Rejected("no key to check " + SIGNATURE + " with");
        }
        boolean match = false;
        for (StandardWebhookScheme key : keys) {
            byte[] expected;
            try {
                expected = decodeV1(key.sign(id, timestamp, body));
            } catch (IllegalArgumentException e) {
                return new Result.Rejected("the body is not UTF-8, so its signature cannot match");
            }
            for (byte[] candidate : given) {
                // every pair is compared, so timing tells nothing about which one matched
                match |= MessageDigest.isEqual(expected, candidate);
            }
        }
        return match ? new Result.Valid(id, timestamp) : new Result.Rejected(SIGNATURE + " does not match the body");
    }

    private static List<byte[]> v1Signatures(String header) {
        List<byte[]> signatures = new ArrayList<>();
        for (String entry : header.split(" ")) {
            if (entry.startsWith(VERSION) && entry.length() > VERSION.length()) {
                try {
                    signatures.add(decodeV1(entry));
                } catch (IllegalArgumentException e) {
                    // a malformed entry is skipped; another may still match
                }
            }
        }
        return signatures;
    }

    private static byte[] decodeV1(String entry) {
        return Base64.getDecoder().decode(entry.substring(VERSION.length()));
    }

    private static String header(Map<String, String> headers, String name) {
        String value = headers.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String utf8(byte[] body) throws CharacterCodingException {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body))
                .toString();
    }

    @Override
    public String toString() {
        return "StandardWebhookScheme[key=****]";
    }
}
