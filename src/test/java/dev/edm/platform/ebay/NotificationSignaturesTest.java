package dev.edm.platform.ebay;

import static dev.edm.testing.EbayRequests.fixture;
import static dev.edm.testing.EbayRequests.fixtureBytes;
import static dev.edm.testing.EbayRequests.vector;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edm.platform.ebay.PublicKeys.EbayKey;
import dev.edm.testing.EbayRequests;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** X-EBAY-SIGNATURE against eBay's own vectors (Java and Node SDKs): raw bytes, then the compact form. */
class NotificationSignaturesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String HEADER = vector("x_ebay_signature_vector.txt", "X-EBAY-SIGNATURE");
    static final EbayKey KEY = PublicKeys.parse(fixture("get_public_key_response.json"));

    static boolean verifies(String header, byte[] body) {
        NotificationSignatures.Header h = NotificationSignatures.Header.parse(header);
        return h != null && NotificationSignatures.verifies(KEY, h.signature(), body);
    }

    @Test
    void theKeyResponseNamesSha1WithEcdsa() {
        assertThat(KEY.algorithm()).isEqualTo("SHA1withECDSA");
        assertThat(KEY.key().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void theHeaderDecodesToItsKidAndDerSignature() {
        NotificationSignatures.Header h = NotificationSignatures.Header.parse(HEADER);
        assertThat(h.kid()).isEqualTo("9936261a-7d7b-4621-a0f1-96ccb428af49");
        assertThat(h.signature()).hasSize(72).startsWith(0x30);
    }

    @Test
    void theCompactMessageVerifies() {
        assertThat(verifies(HEADER, fixtureBytes("marketplace_account_deletion.compact.json")))
                .isTrue();
    }

    @Test
    void thePrettyMessageFailsRawButVerifiesAsItsCompactForm() throws Exception {
        byte[] pretty = fixtureBytes("marketplace_account_deletion.pretty.json");
        NotificationSignatures.Header h = NotificationSignatures.Header.parse(HEADER);
        java.security.Signature raw = java.security.Signature.getInstance("SHA1withECDSA");
        raw.initVerify(KEY.key());
        raw.update(pretty);
        assertThat(raw.verify(h.signature())).isFalse();

        assertThat(NotificationSignatures.compact(pretty))
                .isEqualTo(fixtureBytes("marketplace_account_deletion.compact.json"));
        assertThat(verifies(HEADER, pretty)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"test_user\"", "ma8vp1jySJC\"", "\"publishAttemptCount\":1", "\"deprecated\":false"})
    void anyChangedValueFails(String original) {
        String body = fixture("marketplace_account_deletion.compact.json");
        String changed = switch (original) {
            case "\"publishAttemptCount\":1" -> body.replace(original, "\"publishAttemptCount\":2");
            case "\"deprecated\":false" -> body.replace(original, "\"deprecated\":true");
            default -> body.replace(original, "x" + original);
        };
        assertThat(changed).isNotEqualTo(body);
        assertThat(verifies(HEADER, changed.getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void theNodeSdkMismatchHeaderFails() {
        String mismatch = EbayRequests.mismatchHeader();
        assertThat(verifies(mismatch, fixtureBytes("marketplace_account_deletion.compact.json")))
                .isFalse();
    }

    @Test
    void everyNodeSdkCaseGivesItsExpectedResult() throws Exception {
        JsonNode cases = JSON.readTree(fixture("nodejs_sdk_test_cases.json"));
        for (String name : new String[] {"VALID", "INVALID", "SIGNATURE_MISMATCH"}) {
            JsonNode c = cases.get(name);
            EbayKey key = PublicKeys.parse(c.get("response").toString());
            NotificationSignatures.Header h =
                    NotificationSignatures.Header.parse(c.get("signature").asText());
            byte[] message = JSON.writeValueAsBytes(c.get("message"));
            assertThat(NotificationSignatures.verifies(key, h.signature(), message))
                    .as(name)
                    .isEqualTo(name.equals("VALID"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64!", "e30=", "eyJraWQiOiJhIn0=", "eyJraWQiOiJhIiwic2lnbmF0dXJlIjoiISEhIn0="})
    void unreadableHeadersAreRefusedNotThrown(String header) {
        // "", garbage, {}, {"kid":"a"}, {"kid":"a","signature":"!!!"}
        assertThat(NotificationSignatures.Header.parse(header)).isNull();
    }

    @Test
    void aSignatureThatIsNotDerIsAMismatch() {
        NotificationSignatures.Header h = new NotificationSignatures.Header("k", new byte[] {1, 2, 3});
        assertThat(NotificationSignatures.verifies(KEY, h.signature(), "{}".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
    }

    @Test
    void compactFormKeepsKeyOrderNumbersAndStrings() {
        String body =
                "{ \"z\" : 1.10 , \"a\" : [ 12345678901234567890 , -0.5e-3 ], \"s\" : \"caf\u00e9 \\u00e9 / \\\"q\\\"\" }";
        assertThat(new String(
                        NotificationSignatures.compact(body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
                .isEqualTo("{\"z\":1.10,\"a\":[12345678901234567890,-0.0005],\"s\":\"caf\u00e9 \u00e9 / \\\"q\\\"\"}");
    }

    @Test
    void duplicateKeysHaveNoCompactFormSoCannotRideOnASignature() {
        assertThat(NotificationSignatures.compact("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)))
                .isNull();
    }

    @Test
    void sha256KeysWork() {
        KeyPair pair = EbayRequests.newKey();
        EbayKey key = PublicKeys.parse(EbayRequests.keyResponse(pair.getPublic(), "SHA256"));
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String header = EbayRequests.signatureHeader("kid-1", pair.getPrivate(), "SHA256", body);
        assertThat(key.algorithm()).isEqualTo("SHA256withECDSA");
        assertThat(NotificationSignatures.verifies(
                        key, NotificationSignatures.Header.parse(header).signature(), body))
                .isTrue();
    }
}
