package dev.edm.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edm.signing.StandardWebhookScheme.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Standard Webhooks scheme against the spec's own vector (fixtures/standard-webhooks) and its negatives. */
class StandardWebhookSchemeTest {
    static final Map<String, String> VECTOR = vector();
    static final String SECRET = VECTOR.get("secret");
    static final String ID = VECTOR.get("webhook-id");
    static final long TS = Long.parseLong(VECTOR.get("webhook-timestamp"));
    static final String EXPECTED = VECTOR.get("webhook-signature");
    static final byte[] BODY = resource("vector_sign_v1.body.json");
    static final StandardWebhookScheme KEY = StandardWebhookScheme.fromSecret(SECRET);

    static Map<String, String> vector() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : new String(resource("vector_sign_v1.txt"), StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return values;
    }

    static byte[] resource(String name) {
        try (InputStream in =
                StandardWebhookSchemeTest.class.getResourceAsStream("/fixtures/standard-webhooks/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    static Map<String, String> headers(String signature) {
        Map<String, String> h = new HashMap<>();
        h.put("webhook-id", ID);
        h.put("webhook-timestamp", Long.toString(TS));
        if (signature != null) {
            h.put("webhook-signature", signature);
        }
        return h;
    }

    static Result verify(String signature, long now) {
        return StandardWebhookScheme.verify(List.of(KEY), headers(signature), BODY, at(now));
    }

    @Test
    void theVectorFileIsReadAsPublished() {
        assertThat(new String(BODY, StandardCharsets.UTF_8)).isEqualTo("{\"test\": 2432232314}");
        assertThat(ID).isEqualTo("msg_p5jXN8AQM9LWM0D4loKWxJek");
        assertThat(EXPECTED).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void signReproducesTheSpecVector() {
        assertThat(KEY.sign(ID, TS, BODY)).isEqualTo(EXPECTED);
        // the secret without its whsec_ prefix, and the raw key bytes, are the same key
        assertThat(StandardWebhookScheme.fromSecret(VECTOR.get("secret_raw_key_base64"))
                        .sign(ID, TS, BODY))
                .isEqualTo(EXPECTED);
        byte[] raw = Base64.getDecoder().decode(VECTOR.get("secret_raw_key_base64"));
        assertThat(raw).hasSize(24);
        assertThat(StandardWebhookScheme.fromRawKey(raw).sign(ID, TS, BODY)).isEqualTo(EXPECTED);
    }

    @Test
    void theVectorVerifiesWithAClockAtItsTimestamp() {
        assertThat(verify(EXPECTED, TS)).isEqualTo(new Result.Valid(ID, TS));
    }

    @Test
    void theToleranceIsFiveMinutesBothWays() {
        assertThat(verify(EXPECTED, TS + 300)).isInstanceOf(Result.Valid.class);
        assertThat(verify(EXPECTED, TS - 300)).isInstanceOf(Result.Valid.class);
        assertThat(verify(EXPECTED, TS + 301))
                .isEqualTo(new Result.Rejected("webhook-timestamp is too old (more than 5 minutes before our clock)"));
        assertThat(verify(EXPECTED, TS - 301))
                .isEqualTo(new Result.Rejected("webhook-timestamp is too new (more than 5 minutes after our clock)"));
        // the real clock: the vector is from 2021
        assertThat(StandardWebhookScheme.verify(List.of(KEY), headers(EXPECTED), BODY, Clock.systemUTC()))
                .isInstanceOf(Result.Rejected.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=", // last character changed
                "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", // another version
                "invalid_signature",
                "v1,invalid_signature",
                "v1,",
                "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", // no version
                "v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
            })
    void theSpecNegativesAreRejected(String signature) {
        assertThat(verify(signature, TS)).isInstanceOf(Result.Rejected.class);
    }

    @Test
    void oneValidSignatureAmongSeveralIsEnough() {
        String decoy = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";
        assertThat(verify(decoy + " " + EXPECTED, TS)).isInstanceOf(Result.Valid.class);
        assertThat(verify(EXPECTED + " " + decoy, TS)).isInstanceOf(Result.Valid.class);
        assertThat(verify("v1,invalid_signature v2,abc " + EXPECTED, TS)).isInstanceOf(Result.Valid.class);
        assertThat(verify(decoy, TS)).isInstanceOf(Result.Rejected.class);
    }

    @Test
    void aWrongSecretIsRejectedButAnyConfiguredKeyMayMatch() {
        StandardWebhookScheme other = StandardWebhookScheme.fromSecret("whsec_"
                + Base64.getEncoder().encodeToString("another key of 24 bytes!".getBytes(StandardCharsets.UTF_8)));
        assertThat(StandardWebhookScheme.verify(List.of(other), headers(EXPECTED), BODY, at(TS)))
                .isEqualTo(new Result.Rejected("webhook-signature does not match the body"));
        // rotation: old and new secrets both configured
        assertThat(StandardWebhookScheme.verify(List.of(other, KEY), headers(EXPECTED), BODY, at(TS)))
                .isInstanceOf(Result.Valid.class);
        assertThat(StandardWebhookScheme.verify(List.of(), headers(EXPECTED), BODY, at(TS)))
                .isInstanceOf(Result.Rejected.class);
    }

    @Test
    void aChangedBodyIdOrTimestampIsRejected() {
        byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
        assertThat(StandardWebhookScheme.verify(List.of(KEY), headers(EXPECTED), tampered, at(TS)))
                .isInstanceOf(Result.Rejected.class);
        Map<String, String> otherId = headers(EXPECTED);
        otherId.put("webhook-id", "msg_other");
        assertThat(StandardWebhookScheme.verify(List.of(KEY), otherId, BODY, at(TS)))
                .isInstanceOf(Result.Rejected.class);
        Map<String, String> otherTs = headers(EXPECTED);
        otherTs.put("webhook-timestamp", Long.toString(TS + 1));
        assertThat(StandardWebhookScheme.verify(List.of(KEY), otherTs, BODY, at(TS)))
                .isInstanceOf(Result.Rejected.class);
    }

    @Test
    void missingHeadersAreNamed() {
        assertThat(verify(null, TS)).isEqualTo(new Result.Missing("webhook-signature"));
        Map<String, String> noId = headers(EXPECTED);
        noId.remove("webhook-id");
        assertThat(StandardWebhookScheme.verify(List.of(KEY), noId, BODY, at(TS)))
                .isEqualTo(new Result.Missing("webhook-id"));
        Map<String, String> noTs = headers(EXPECTED);
        noTs.put("webhook-timestamp", " ");
        assertThat(StandardWebhookScheme.verify(List.of(KEY), noTs, BODY, at(TS)))
                .isEqualTo(new Result.Missing("webhook-timestamp"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1614265330", "+1614265330", "1614265330.0", "99999999999999999999"})
    void aTimestampThatIsNotUnixSecondsIsMalformed(String timestamp) {
        Map<String, String> h = headers(EXPECTED);
        h.put("webhook-timestamp", timestamp);
        assertThat(StandardWebhookScheme.verify(List.of(KEY), h, BODY, at(TS))).isInstanceOf(Result.Malformed.class);
    }

    @Test
    void aBodyThatIsNotUtf8CannotMatch() {
        byte[] latin1 = {'{', '"', 'a', '"', ':', '"', (byte) 0xE9, '"', '}'};
        assertThat(StandardWebhookScheme.verify(List.of(KEY), headers(EXPECTED), latin1, at(TS)))
                .isEqualTo(new Result.Rejected("the body is not UTF-8, so its signature cannot match"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"whsec_", "", "whsec_not base64!", "   "})
    void anEmptyOrMalformedSecretIsRefusedWithoutRepeatingIt(String secret) {
        assertThatThrownBy(() -> StandardWebhookScheme.fromSecret(secret))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> {
                    if (!secret.isBlank() && !secret.equals("whsec_")) {
                        assertThat(e.getMessage()).doesNotContain(secret);
                    }
                });
        assertThatThrownBy(() -> StandardWebhookScheme.fromRawKey(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headersForAnOutboundDeliveryVerifyAsSigned() {
        byte[] body = "{\"type\":\"alert.opened\",\"data\":{\"sku\":\"A-1\"}}".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.parse("2026-05-01T10:00:00Z");
        Map<String, String> headers = KEY.headers("msg_1", now, body);

        assertThat(headers).containsOnlyKeys("webhook-id", "webhook-timestamp", "webhook-signature");
        assertThat(headers.get("webhook-timestamp")).isEqualTo(Long.toString(now.getEpochSecond()));
        assertThat(StandardWebhookScheme.verify(List.of(KEY), headers, body, at(now.getEpochSecond())))
                .isEqualTo(new Result.Valid("msg_1", now.getEpochSecond()));
    }

    @Test
    void bigCommercesKeyIsTheClientSecretsUtf8Bytes() {
        // BigCommerce's samples call Webhook(base64(client_secret)): the same as keying with the raw UTF-8 bytes
        String clientSecret = "bc-client-secret";
        String viaBase64 = "whsec_" + Base64.getEncoder().encodeToString(clientSecret.getBytes(StandardCharsets.UTF_8));
        assertThat(StandardWebhookScheme.fromRawKey(clientSecret.getBytes(StandardCharsets.UTF_8))
                        .sign(ID, TS, BODY))
                .isEqualTo(StandardWebhookScheme.fromSecret(viaBase64).sign(ID, TS, BODY));
    }

    @Test
    void aKeyNeverPrintsItself() {
        assertThat(KEY.toString()).doesNotContain(SECRET).doesNotContain("MfKQ9r8G");
    }
}
