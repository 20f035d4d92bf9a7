package dev.edm.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.edm.testing.EbayRequests.fixture;
import static dev.edm.testing.EbayRequests.fixtureBytes;
import static dev.edm.testing.EbayRequests.vector;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.edm.testing.EbayRequests;
import dev.edm.testing.MutableClock;
import dev.edm.testing.RunningApp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * POST /webhook/ebay (Notification API), GET /webhook/ebay (challenge) and POST /webhook/ebay/platform (legacy
 * SOAP) over real HTTP against a real database, with eBay's key and token endpoints played by WireMock: every
 * status code and what is left in the inbox. One subclass per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EbayWebhookContract {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String KID = "9936261a-7d7b-4621-a0f1-96ccb428af49";
    static final String UNKNOWN_KID = "00000000-0000-4000-8000-000000000404";
    static final String DOWN_KID = "00000000-0000-4000-8000-000000000503";
    static final String HEADER = vector("x_ebay_signature_vector.txt", "X-EBAY-SIGNATURE");
    static final String CHALLENGE = "endpoint_challenge_vector.txt";
    static final String SOLD = fixture("legacy_platform_notification_ItemSold.xml");
    static final String SOLD_AT = "2008-02-13T03:47:28.106Z";

    WireMockServer ebay;
    RunningApp app;
    EbayRequests http;
    Path dir;

    abstract String databaseUrl();

    @BeforeAll
    void start() throws Exception {
        ebay = new WireMockServer(wireMockConfig().dynamicPort());
        ebay.start();
        ebay.stubFor(
                post("/identity/v1/oauth2/token").willReturn(okJson("{\"access_token\":\"t\",\"expires_in\":7200}")));
        ebay.stubFor(get("/commerce/notification/v1/public_key/" + KID)
                .willReturn(okJson(fixture("get_public_key_response.json"))));
        ebay.stubFor(get("/commerce/notification/v1/public_key/" + UNKNOWN_KID)
                .willReturn(aResponse().withStatus(404)));
        ebay.stubFor(get("/commerce/notification/v1/public_key/" + DOWN_KID)
                .willReturn(aResponse().withStatus(500)));
        dir = Files.createTempDirectory("edm-ebay-it");
        // the legacy sample is from 2008: the app's clock stands just after it
        app = RunningApp.start(
                dir,
                databaseUrl(),
                Map.of(
                        "EBAY_CLIENT_ID",
                        EbayRequests.APP_ID,
                        "EBAY_CLIENT_SECRET",
                        EbayRequests.CERT_ID,
                        "EBAY_DEV_ID",
                        EbayRequests.DEV_ID,
                        "EBAY_VERIFICATION_TOKEN",
                        vector(CHALLENGE, "verificationToken"),
                        "EBAY_ENDPOINT_URL",
                        vector(CHALLENGE, "endpoint"),
                        "EDM_EBAY_API_BASE",
                        ebay.baseUrl(),
                        "EDM_VERIFY_FAILURES_PER_MINUTE",
                        "100000"),
                new MutableClock(Instant.parse(SOLD_AT).plusSeconds(30)));
        http = new EbayRequests(app.port());
    }

    @AfterAll
    void stop() {
        app.close();
        ebay.stop();
    }

    long stored(String webhookId) {
        return app.count("SELECT count(*) FROM delivery WHERE webhook_id = ?", webhookId);
    }

    /** eBay's vector body under another notification id (so the vector's signature no longer covers it). */
    static byte[] vectorBodyWithId(String prefix) {
        return fixture("marketplace_account_deletion.compact.json")
                .replace("49feeaeb", prefix)
                .getBytes(StandardCharsets.UTF_8);
    }

    static String idWith(String prefix) {
        return prefix + "-4982-42d9-a377-9645b8479411_33f7e043-fed8-442b-9d44-791923bd9a6d";
    }

    static String headerWithKid(String kid) {
        String json = new String(java.util.Base64.getDecoder().decode(HEADER), StandardCharsets.UTF_8);
        return java.util.Base64.getEncoder()
                .encodeToString(json.replace(KID, kid).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eBaysVectorIsAcceptedOnceAndThePrettyCopyIsTheSameDelivery() throws Exception {
        String id = "49feeaeb-4982-42d9-a377-9645b8479411_33f7e043-fed8-442b-9d44-791923bd9a6d";
        HttpResponse<String> res = http.postJson(HEADER, fixtureBytes("marketplace_account_deletion.compact.json"));

        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode json = JSON.readTree(res.body());
        assertThat(json.get("status").asText()).isEqualTo("accepted");
        long rowId = json.get("id").asLong();
        assertThat(app.text("SELECT platform FROM delivery WHERE id = ?", rowId))
                .isEqualTo("ebay");
        assertThat(app.text("SELECT store FROM delivery WHERE id = ?", rowId)).isEqualTo("_app");
        assertThat(app.text("SELECT topic FROM delivery WHERE id = ?", rowId))
                .isEqualTo("MARKETPLACE_ACCOUNT_DELETION");
        assertThat(app.text("SELECT webhook_id FROM delivery WHERE id = ?", rowId))
                .isEqualTo(id);
        assertThat(app.text("SELECT triggered_at FROM delivery WHERE id = ?", rowId))
                .isEqualTo("2021-03-19T20:43:59.462Z");
        assertThat(app.text("SELECT headers FROM delivery WHERE id = ?", rowId)).contains(HEADER);

        // the pretty-printed body verifies through its compact form: accepted, and a duplicate of the first
        HttpResponse<String> pretty = http.postJson(HEADER, fixtureBytes("marketplace_account_deletion.pretty.json"));
        assertThat(pretty.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(pretty.body()).get("status").asText()).isEqualTo("duplicate");
        assertThat(stored(id)).isEqualTo(1);

        // acknowledged, then the account's data is erased: the deletion itself keeps no user data
        app.awaitCount(1, 5_000, "SELECT count(*) FROM delivery WHERE id = ? AND status = 'processed'", rowId);
        assertThat(app.text("SELECT status_reason FROM delivery WHERE id = ?", rowId))
                .isEqualTo("erased personal data from 0 stored deliveries");
        String body = new String(
                app.bytes("SELECT body FROM delivery_body WHERE delivery_id = ?", rowId), StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("test_user", "ma8vp1jySJC").contains(id);
    }

    @Test
    void aTamperedBodyIs401AndNotStored() {
        byte[] tampered = vectorBodyWithId("89feeaeb");
        HttpResponse<String> res = http.postJson(HEADER, tampered);
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.body()).contains("\"error\"").contains("does not match");
        assertThat(stored(idWith("89feeaeb"))).isZero();
    }

    @Test
    void theNodeSdkMismatchHeaderIs401() {
        String mismatch = EbayRequests.mismatchHeader();
        byte[] body = vectorBodyWithId("59feeaeb");
        assertThat(http.postJson(mismatch, body).statusCode()).isEqualTo(401);
        assertThat(stored(idWith("59feeaeb"))).isZero();
    }

    @Test
    void anUnknownKidIs503SoEbayRetriesAndNothingIsStored() {
        byte[] body = vectorBodyWithId("69feeaeb");
        HttpResponse<String> res = http.postJson(headerWithKid(UNKNOWN_KID), body);
        assertThat(res.statusCode()).isEqualTo(503);
        assertThat(res.headers().firstValue("Retry-After")).isPresent();
        assertThat(res.body()).contains("\"error\"").contains(UNKNOWN_KID);
        assertThat(stored(idWith("69feeaeb"))).isZero();
    }

    @Test
    void aKeyEndpointOutageIs503() {
        byte[] body = vectorBodyWithId("79feeaeb");
        HttpResponse<String> res = http.postJson(headerWithKid(DOWN_KID), body);
        assertThat(res.statusCode()).isEqualTo(503);
        assertThat(res.body()).contains("HTTP 500");
    }

    @Test
    void aMissingOrUnreadableSignatureIs401() {
        byte[] body = fixtureBytes("marketplace_account_deletion.compact.json");
        assertThat(http.postJson(null, body).statusCode()).isEqualTo(401);
        assertThat(http.postJson("not a header", body).statusCode()).isEqualTo(401);
        assertThat(http.postJson(headerWithKid("../../x"), body).statusCode()).isEqualTo(401);
    }

    @Test
    void aNonJsonMediaTypeIs415() {
        HttpResponse<String> res = http.postSoap(fixture("marketplace_account_deletion.compact.json"), "text/plain");
        assertThat(res.statusCode()).isEqualTo(415);
        HttpResponse<String> json = dev.edm.testing.ShopifyRequests.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + app.port() + "/webhook/ebay"))
                .header("Content-Type", "text/xml")
                .header("X-EBAY-SIGNATURE", HEADER)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                        fixtureBytes("marketplace_account_deletion.compact.json")))
                .build());
        assertThat(json.statusCode()).isEqualTo(415);
    }

    @Test
    void theChallengeIsAnsweredWithTheVector() throws Exception {
        HttpResponse<String> res = http.get("/webhook/ebay?challenge_code=" + vector(CHALLENGE, "challengeCode"));
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(res.body()).isEqualTo(vector(CHALLENGE, "expected_body"));

        assertThat(http.get("/webhook/ebay").statusCode()).isEqualTo(400);
        assertThat(http.get("/webhook/ebay?challenge_code=").statusCode()).isEqualTo(400);
    }

    @Test
    void theLegacySampleSignedWithOurKeysIsStoredUnderItsSeller() throws Exception {
        HttpResponse<String> res = http.postSoap(EbayRequests.soap(SOLD, SOLD_AT));

        assertThat(res.statusCode()).isEqualTo(200);
        long id = JSON.readTree(res.body()).get("id").asLong();
        assertThat(app.text("SELECT store FROM delivery WHERE id = ?", id)).isEqualTo("Seller1");
        assertThat(app.text("SELECT topic FROM delivery WHERE id = ?", id)).isEqualTo("ItemSold");
        assertThat(app.text("SELECT headers FROM delivery WHERE id = ?", id)).contains("soapaction");
        app.awaitCount(1, 5_000, "SELECT count(*) FROM delivery WHERE id = ? AND status = 'processed'", id);
        assertThat(app.count(
                        "SELECT count(*) FROM sale_line WHERE store = 'ebay:Seller1' AND order_id = '250000627102-0'"))
                .isEqualTo(1);

        String shown =
                JSON.readTree(http.get("/api/events/" + id).body()).get("body").asText();
        assertThat(shown).contains("250000627102").doesNotContain("Buyer1", "buyer@email.com", "95125");

        HttpResponse<String> again = http.postSoap(EbayRequests.soap(SOLD, SOLD_AT));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).get("status").asText()).isEqualTo("duplicate");
    }

    @Test
    void legacyRefusals() {
        // the sample's own signature (keys unknown), an old timestamp, no signature, wrong media type
        assertThat(http.postSoap(SOLD).statusCode()).isEqualTo(401);
        String old = "2008-02-13T03:30:00.000Z";
        HttpResponse<String> stale = http.postSoap(EbayRequests.soap(SOLD, old));
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(stale.body()).contains("10 minutes");
        assertThat(http.postSoap(SOLD.replaceFirst("(?s)<soapenv:Header>.*</soapenv:Header>", ""))
                        .statusCode())
                .isEqualTo(401);
        assertThat(http.postSoap(EbayRequests.soap(SOLD, SOLD_AT), "application/json")
                        .statusCode())
                .isEqualTo(415);
        assertThat(stored("pn:ItemSold:250000627102::" + old)).isZero();
    }

    @Test
    void anXxeAttemptIs400AndNotStored() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + SOLD.substring(SOLD.indexOf("<soapenv:Envelope"))
                        .replace("<RecipientUserID>Seller1", "<RecipientUserID>&xxe;");
        HttpResponse<String> res = http.postSoap(EbayRequests.soap(xxe, SOLD_AT));
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).contains("DOCTYPE").doesNotContain("root:");
        assertThat(app.count("SELECT count(*) FROM delivery WHERE store LIKE '%root%'"))
                .isZero();
    }

    @Test
    void anUnhandledLegacyEventIsStoredAndIgnored() throws Exception {
        String xml = SOLD.replace("<NotificationEventName>ItemSold", "<NotificationEventName>BestOffer");
        HttpResponse<String> res = http.postSoap(EbayRequests.soap(xml, "2008-02-13T03:47:29.000Z"));
        assertThat(res.statusCode()).isEqualTo(200);
        long id = JSON.readTree(res.body()).get("id").asLong();
        app.awaitCount(1, 5_000, "SELECT count(*) FROM delivery WHERE id = ? AND status = 'ignored'", id);
        assertThat(app.text("SELECT status_reason FROM delivery WHERE id = ?", id))
                .contains("BestOffer");
    }
}
