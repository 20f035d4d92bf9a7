package dev.edm.platform.ebay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.edm.testing.EbayRequests.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.edm.testing.MutableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** eBay's key and token endpoints played by WireMock: what is asked, what is cached, what each failure gives. */
class PublicKeysTest {
    static final String KID = "9936261a-7d7b-4621-a0f1-96ccb428af49";
    static final String KEY_PATH = "/commerce/notification/v1/public_key/" + KID;
    static final String TOKEN_PATH = "/identity/v1/oauth2/token";

    WireMockServer ebay;
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    PublicKeys keys;

    @BeforeEach
    void start() {
        ebay = new WireMockServer(wireMockConfig().dynamicPort());
        ebay.start();
        ebay.stubFor(
                post(TOKEN_PATH)
                        .willReturn(
                                okJson(
                                        "{\"access_token\":\"v^1.1#app-token\",\"expires_in\":7200,\"token_type\":\"Application Access Token\"}")));
        ebay.stubFor(get(KEY_PATH).willReturn(okJson(fixture("get_public_key_response.json"))));
        keys = new PublicKeys(URI.create(ebay.baseUrl()), "client-id", "client-secret", clock);
    }

    @AfterEach
    void stop() {
        ebay.stop();
    }

    @Test
    void theKeyIsFetchedWithAnApplicationTokenFromClientCredentials() {
        assertThat(keys.find(KID)).isInstanceOf(PublicKeys.Lookup.Found.class);

        String basic = Base64.getEncoder().encodeToString("client-id:client-secret".getBytes(StandardCharsets.UTF_8));
        ebay.verify(postRequestedFor(urlEqualTo(TOKEN_PATH))
                .withHeader("Authorization", equalTo("Basic " + basic))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(
                        equalTo("grant_type=client_credentials&scope=https%3A%2F%2Fapi.ebay.com%2Foauth%2Fapi_scope")));
        ebay.verify(
                getRequestedFor(urlEqualTo(KEY_PATH)).withHeader("Authorization", equalTo("Bearer v^1.1#app-token")));
    }

    @Test
    void theKeyIsCachedForAnHourAndTheTokenUntilItExpires() {
        keys.find(KID);
        keys.find(KID);
        clock.advance(Duration.ofMinutes(59));
        keys.find(KID);
        ebay.verify(1, getRequestedFor(urlEqualTo(KEY_PATH)));

        clock.advance(Duration.ofMinutes(2));
        assertThat(keys.find(KID)).isInstanceOf(PublicKeys.Lookup.Found.class);
        ebay.verify(2, getRequestedFor(urlEqualTo(KEY_PATH)));
        ebay.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));

        clock.advance(Duration.ofHours(2));
        keys.find(KID);
        ebay.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void anUnknownKidIsUnknownAndAskedAgainOnlyAfterAMinute() {
        String other = "00000000-0000-0000-0000-000000000000";
        ebay.stubFor(get("/commerce/notification/v1/public_key/" + other)
                .willReturn(aResponse().withStatus(404).withBody("{\"errors\":[{\"errorId\":195001}]}")));

        assertThat(keys.find(other)).isInstanceOf(PublicKeys.Lookup.Unknown.class);
        assertThat(keys.find(other)).isInstanceOf(PublicKeys.Lookup.Unknown.class);
        ebay.verify(1, getRequestedFor(urlEqualTo("/commerce/notification/v1/public_key/" + other)));
        clock.advance(Duration.ofSeconds(61));
        keys.find(other);
        ebay.verify(2, getRequestedFor(urlEqualTo("/commerce/notification/v1/public_key/" + other)));
    }

    @Test
    void aKidThatIsNotAnIdIsNeverSentToEbay() {
        assertThat(keys.find("../../identity")).isInstanceOf(PublicKeys.Lookup.Unknown.class);
        assertThat(keys.find("a?b")).isInstanceOf(PublicKeys.Lookup.Unknown.class);
        ebay.verify(0, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void anOutageIsUnreachableAndNotCached() {
        ebay.stubFor(get(KEY_PATH).willReturn(aResponse().withStatus(503)));
        assertThat(keys.find(KID))
                .isInstanceOfSatisfying(
                        PublicKeys.Lookup.Unreachable.class,
                        u -> assertThat(u.message()).contains("503"));
        ebay.stubFor(get(KEY_PATH).willReturn(okJson(fixture("get_public_key_response.json"))));
        assertThat(keys.find(KID)).isInstanceOf(PublicKeys.Lookup.Found.class);
    }

    @Test
    void aRefusedTokenIsUnreachableAndNamesTheSettings() {
        ebay.stubFor(
                post(TOKEN_PATH).willReturn(aResponse().withStatus(401).withBody("{\"error\":\"invalid_client\"}")));
        assertThat(keys.find(KID))
                .isInstanceOfSatisfying(
                        PublicKeys.Lookup.Unreachable.class,
                        u -> assertThat(u.message()).contains("EBAY_CLIENT_ID"));
    }

    @Test
    void aTokenRejectedByTheKeyEndpointIsRenewedOnce() {
        ebay.stubFor(get(KEY_PATH)
                .inScenario("expired")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(401))
                .willSetStateTo("renewed"));
        ebay.stubFor(get(KEY_PATH)
                .inScenario("expired")
                .whenScenarioStateIs("renewed")
                .willReturn(okJson(fixture("get_public_key_response.json"))));

        assertThat(keys.find(KID)).isInstanceOf(PublicKeys.Lookup.Found.class);
        ebay.verify(2, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    @Test
    void anUnusableKeyResponseIsUnreachable() {
        ebay.stubFor(
                get(KEY_PATH)
                        .willReturn(
                                okJson(
                                        "{\"key\":\"-----BEGIN PUBLIC KEY-----AAAA-----END PUBLIC KEY-----\",\"algorithm\":\"ECDSA\",\"digest\":\"SHA1\"}")));
        assertThat(keys.find(KID)).isInstanceOf(PublicKeys.Lookup.Unreachable.class);
        ebay.stubFor(get(KEY_PATH).willReturn(okJson("{\"key\":\"x\",\"algorithm\":\"RSA\",\"digest\":\"MD5\"}")));
        assertThat(keys.find(KID))
                .isInstanceOfSatisfying(
                        PublicKeys.Lookup.Unreachable.class,
                        u -> assertThat(u.message()).contains("unsupported"));
    }

    @Test
    void aSlowEndpointTimesOut() {
        ebay.stubFor(get(KEY_PATH)
                .willReturn(okJson(fixture("get_public_key_response.json")).withFixedDelay(4_000)));
        assertThat(keys.find(KID)).isInstanceOf(PublicKeys.Lookup.Unreachable.class);
    }

    @Test
    void nothingListeningIsUnreachable() {
        int port = ebay.port();
        ebay.stop();
        PublicKeys nowhere = new PublicKeys(URI.create("http://127.0.0.1:" + port), "id", "secret", clock);
        assertThat(nowhere.find(KID)).isInstanceOf(PublicKeys.Lookup.Unreachable.class);
        ebay.start();
    }

    @Test
    void madeUpKidsCannotSpendTheCallQuota() {
        ebay.stubFor(get(urlPathMatching("/commerce/notification/v1/public_key/bogus-.*"))
                .willReturn(aResponse().withStatus(404)));
        for (int i = 0; i < PublicKeys.MAX_FETCHES_PER_MINUTE; i++) {
            assertThat(keys.find("bogus-" + i)).isInstanceOf(PublicKeys.Lookup.Unknown.class);
        }
        assertThat(keys.find("bogus-x")).isInstanceOf(PublicKeys.Lookup.Unreachable.class);
        assertThat(keys.find(KID)).isInstanceOf(PublicKeys.Lookup.Unreachable.class);
        ebay.verify(PublicKeys.MAX_FETCHES_PER_MINUTE, getRequestedFor(urlPathMatching("/commerce/.*")));

        clock.advance(Duration.ofMinutes(1));
        assertThat(keys.find(KID)).isInstanceOf(PublicKeys.Lookup.Found.class);
    }
}
