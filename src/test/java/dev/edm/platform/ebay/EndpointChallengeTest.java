package dev.edm.platform.ebay;

import static dev.edm.testing.EbayRequests.vector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edm.config.ConfigLoader;
import dev.edm.platform.Challenge;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET ?challenge_code= : hex SHA-256 of code + token + endpoint, against the SDKs' vectors. */
class EndpointChallengeTest {
    static final String FILE = "endpoint_challenge_vector.txt";
    static final String TOKEN = vector(FILE, "verificationToken");
    static final String ENDPOINT = vector(FILE, "endpoint");

    @Test
    void theJavaSdkVector() {
        assertThat(EbayWebhooks.challengeResponse(vector(FILE, "challengeCode"), TOKEN, ENDPOINT))
                .isEqualTo(vector(FILE, "expected_challengeResponse"));
    }

    @Test
    void theNodeSdkVector() {
        assertThat(EbayWebhooks.challengeResponse(TOKEN, TOKEN, ENDPOINT))
                .isEqualTo("048de9ffd0e35021fefc0388d5c52e0f475324f582f3778ca81a53354ccbbc97");
    }

    @Test
    void theAdapterAnswersWithTheConfiguredTokenAndRegisteredUrl() {
        EbayWebhooks ebay = adapter(Map.of("EBAY_VERIFICATION_TOKEN", TOKEN, "EBAY_ENDPOINT_URL", ENDPOINT));
        assertThat(ebay.answerChallenge(Map.of("challenge_code", vector(FILE, "challengeCode"))))
                .contains(new Challenge.Answered(
                        Map.of("challengeResponse", vector(FILE, "expected_challengeResponse"))));
        assertThat(ebay.answerChallenge(Map.of())).containsInstanceOf(Challenge.Invalid.class);
        assertThat(ebay.answerChallenge(Map.of("challenge_code", " "))).containsInstanceOf(Challenge.Invalid.class);
    }

    @Test
    void withoutTokenOrUrlTheChallengeCannotBeAnswered() {
        assertThat(adapter(Map.of("EBAY_VERIFICATION_TOKEN", TOKEN)).answerChallenge(Map.of("challenge_code", "x")))
                .containsInstanceOf(Challenge.NotConfigured.class);
    }

    static EbayWebhooks adapter(Map<String, String> env) {
        return new EbayWebhooks(ConfigLoader.load(env).ebay(), false, Clock.systemUTC());
    }
}
