package dev.edm.platform.ebay;

import static dev.edm.testing.EbayRequests.APP_ID;
import static dev.edm.testing.EbayRequests.CERT_ID;
import static dev.edm.testing.EbayRequests.DEV_ID;
import static dev.edm.testing.EbayRequests.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.edm.config.ConfigLoader;
import dev.edm.platform.DeliveryMeta;
import dev.edm.platform.Verification;
import dev.edm.platform.WebhookAdapter;
import dev.edm.testing.EbayRequests;
import dev.edm.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Legacy Platform Notifications: MD5 signature, 10-minute freshness, hardened XML. */
class PlatformNotificationsTest {
    static final String SOLD = fixture("legacy_platform_notification_ItemSold.xml");
    static final String SOLD_AT = "2008-02-13T03:47:28.106Z";
    static final Map<String, String> KEYS =
            Map.of("EBAY_DEV_ID", DEV_ID, "EBAY_APP_ID", APP_ID, "EBAY_CERT_ID", CERT_ID);

    final MutableClock clock = new MutableClock(Instant.parse(SOLD_AT).plusSeconds(20));

    WebhookAdapter adapter(Map<String, String> env, boolean debug) {
        return new EbayWebhooks(ConfigLoader.load(env).ebay(), debug, clock)
                .channel("platform")
                .orElseThrow();
    }

    Verification verify(String xml) {
        return adapter(KEYS, false).verify(Map.of(), xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theKnowledgeBaseExampleGivesTheRecomputedValueNotThePrintedOne() {
        // KB 1201's keyset is redacted: its printed signature cannot match; the algorithm's output can
        String ts = "2022-01-14T18:35:50.478Z";
        String dev = "YOUR-VALUE-9a66-3f359d933e5d";
        String app = "YOUR-VALUE-abf3-92bdc3bcd29d";
        String cert = "YOUR-VALUE-43b2-b306-c537a0c83e7f";
        assertThat(PlatformNotifications.sign(ts, dev, app, cert)).isEqualTo("kXNCnUVxO0nT5/d0lxiOxw==");
        assertThat(PlatformNotifications.matches("kXNCnUVxO0nT5/d0lxiOxw==", ts, dev, app, cert))
                .isTrue();
        assertThat(PlatformNotifications.matches("boVG+scoxB694oFeCgUHGw==", ts, dev, app, cert))
                .isFalse();
    }

    @Test
    void theItemSoldSampleSignedWithOurKeysetIsVerifiedWithItsSellerAndIds() {
        Verification v = verify(EbayRequests.soap(SOLD, SOLD_AT));

        assertThat(v).isInstanceOf(Verification.Verified.class);
        DeliveryMeta meta = ((Verification.Verified) v).meta();
        assertThat(meta.store()).isEqualTo("Seller1");
        assertThat(meta.topic()).isEqualTo("ItemSold");
        assertThat(meta.webhookId()).isEqualTo("pn:ItemSold:250000627102::" + SOLD_AT);
        assertThat(meta.eventId()).isEqualTo("137541140");
        assertThat(meta.apiVersion()).isEqualTo("553");
        assertThat(meta.signed()).isTrue();
    }

    @Test
    void theSamplesOwnSignatureDoesNotVerifyWithOurKeys() {
        assertThat(verify(SOLD)).isInstanceOf(Verification.Unauthorized.class);
    }

    @Test
    void aTamperedTimestampOrKeysetIsRefused() {
        String signed = EbayRequests.soap(SOLD, SOLD_AT);
        assertThat(verify(signed.replace(SOLD_AT, "2008-02-13T03:47:29.106Z")))
                .isInstanceOf(Verification.Unauthorized.class);
        Map<String, String> otherCert = new HashMap<>(KEYS);
        otherCert.put("EBAY_CERT_ID", "another-cert");
        assertThat(adapter(otherCert, false).verify(Map.of(), signed.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Verification.Unauthorized.class);
    }

    @Test
    void timestampsMoreThanTenMinutesAwayAreRefused() {
        String signed = EbayRequests.soap(SOLD, SOLD_AT);
        clock.set(Instant.parse(SOLD_AT).plus(Duration.ofMinutes(10)));
        assertThat(verify(signed)).isInstanceOf(Verification.Verified.class);
        clock.set(Instant.parse(SOLD_AT).plus(Duration.ofMinutes(10)).plusMillis(1));
        assertThat(verify(signed))
                .isInstanceOfSatisfying(
                        Verification.Unauthorized.class,
                        u -> assertThat(u.message()).contains("10 minutes"));
        clock.set(Instant.parse(SOLD_AT).minus(Duration.ofMinutes(11)));
        assertThat(verify(signed)).isInstanceOf(Verification.Unauthorized.class);
    }

    @Test
    void aMissingSignatureIsRefusedUnlessInDebugMode() {
        String unsigned = SOLD.replaceFirst("(?s)<soapenv:Header>.*</soapenv:Header>", "");
        assertThat(verify(unsigned))
                .isInstanceOfSatisfying(
                        Verification.Unauthorized.class,
                        u -> assertThat(u.message()).contains("missing"));
        Verification debug = adapter(KEYS, true).verify(Map.of(), unsigned.getBytes(StandardCharsets.UTF_8));
        assertThat(debug)
                .isInstanceOfSatisfying(
                        Verification.Verified.class,
                        v -> assertThat(v.meta().signed()).isFalse());
    }

    @Test
    void withoutTheKeysetSignedNotificationsAreNotConfigured() {
        assertThat(adapter(Map.of("EBAY_DEV_ID", DEV_ID), false)
                        .verify(Map.of(), EbayRequests.soap(SOLD, SOLD_AT).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Verification.NotConfigured.class);
    }

    @Test
    void appIdAndCertIdDefaultToTheOauthClientIdAndSecret() {
        Map<String, String> env =
                Map.of("EBAY_DEV_ID", DEV_ID, "EBAY_CLIENT_ID", APP_ID, "EBAY_CLIENT_SECRET", CERT_ID);
        assertThat(adapter(env, false)
                        .verify(Map.of(), EbayRequests.soap(SOLD, SOLD_AT).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Verification.Verified.class);
    }

    @Test
    void theOld2001SchemaIsReadWithAHexSignature() {
        String old = fixture("legacy_platform_notification_ItemSuspended_oldschema.xml");
        String ts = "2022-08-08T11:52:42.571Z";
        clock.set(Instant.parse(ts));
        assertThat(verify(old)).isInstanceOf(Verification.Unauthorized.class); // the KB's keys are not ours
        String hex = HexFormat.of()
                .formatHex(java.util.Base64.getDecoder().decode(EbayRequests.sign(ts, DEV_ID, APP_ID, CERT_ID)));
        Verification v = verify(old.replace("abde27d4ce600dc4445b46bf3f69124c", hex));
        assertThat(v).isInstanceOfSatisfying(Verification.Verified.class, ok -> {
            assertThat(ok.meta().topic()).isEqualTo("ItemSuspended");
            assertThat(ok.meta().store()).isEqualTo(EbayWebhooks.APPLICATION_STORE);
            assertThat(ok.meta().webhookId()).isEqualTo("pn:ItemSuspended:150310666655::" + ts);
        });
    }

    @Test
    void anExternalEntityIsRefusedWithoutReadingTheFile(@TempDir Path dir) throws Exception {
        // a named pipe: opening it for reading blocks until a writer comes, so any attempt to read it hangs
        Path pipe = dir.resolve("secret.pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
        Assumptions.assumeTrue(mkfifo.waitFor() == 0 && Files.exists(pipe), "mkfifo is not available");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"" + pipe.toUri() + "\">]>"
                + SOLD.substring(SOLD.indexOf("<soapenv:Envelope"))
                        .replace("<RecipientUserID>Seller1", "<RecipientUserID>&xxe;");

        Verification v =
                assertTimeoutPreemptively(Duration.ofSeconds(5), () -> verify(EbayRequests.soap(xxe, SOLD_AT)));

        assertThat(v).isInstanceOfSatisfying(Verification.Invalid.class, i -> {
            assertThat(i.problem()).isEqualTo(Verification.Problem.MALFORMED);
            assertThat(i.message()).contains("DOCTYPE");
        });
    }

    @Test
    void internalEntityExpansionIsRefusedToo() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><x>&lol2;</x></soapenv:Body></soapenv:Envelope>";
        assertThat(verify(bomb)).isInstanceOf(Verification.Invalid.class);
    }

    @Test
    void notXmlOrNotAnEnvelopeIsMalformed() {
        assertThat(verify("{\"a\":1}")).isInstanceOf(Verification.Invalid.class);
        assertThat(verify("<a><b></a>")).isInstanceOf(Verification.Invalid.class);
        assertThat(verify("<Envelope/>")).isInstanceOf(Verification.Invalid.class);
        assertThat(verify("<notsoap/>")).isInstanceOf(Verification.Invalid.class);
    }

    @Test
    void acceptsSoapMediaTypesOnly() {
        WebhookAdapter a = adapter(KEYS, false);
        assertThat(a.acceptsContentType("text/xml; charset=UTF-8")).isTrue();
        assertThat(a.acceptsContentType("application/soap+xml")).isTrue();
        assertThat(a.acceptsContentType("application/json")).isFalse();
        assertThat(a.acceptsContentType(null)).isFalse();
    }
}
