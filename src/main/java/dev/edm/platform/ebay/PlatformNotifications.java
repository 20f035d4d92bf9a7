package dev.edm.platform.ebay;

import dev.edm.config.EbaySettings;
import dev.edm.event.CanonicalEvent;
import dev.edm.event.Platform;
import dev.edm.platform.DeliveryMeta;
import dev.edm.platform.UnreadablePayloadException;
import dev.edm.platform.Verification;
import dev.edm.platform.WebhookAdapter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * eBay's legacy Platform Notifications ({@code POST /webhook/ebay/platform}, SOAP 1.1): the header's
 * {@code NotificationSignature} must equal base64 (or, in the 2001 schema, hex) of
 * MD5(Timestamp + DevID + AppID + CertID), compared in constant time, and the Timestamp must be within 10
 * minutes of our clock (replays are refused). The event name, seller and ids are read from the body.
 */
final class PlatformNotifications implements WebhookAdapter {
    static final Duration MAX_AGE = Duration.ofMinutes(10);
    private static final Pattern HEX_MD5 = Pattern.compile("[0-9a-fA-F]{32}");

    private final EbaySettings settings;
    private final boolean debugMode;
    private final Clock clock;

    PlatformNotifications(EbaySettings settings, boolean debugMode, Clock clock) {
        this.settings = settings;
        this.debugMode = debugMode;
        this.clock = clock;
    }

    @Override
    public Platform platform() {
        return Platform.EBAY;
    }

    @Override
    public boolean acceptsContentType(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("text/xml") || type.equals("application/xml") || type.equals("application/soap+xml");
    }

    /** The signature travels in the body, so a request is never refused before it is read. */
    @Override
    public boolean hasSignature(Map<String, String> headers) {
        return true;
    }

    @Override
    public Verification verify(Map<String, String> headers, byte[] body) {
        SoapNotification n;
        try {
            n = SoapNotification.read(body);
        } catch (UnreadablePayloadException e) {
            return new Verification.Invalid(Verification.Problem.MALFORMED, e.getMessage());
        }
        boolean signed = n.signature() != null;
        if (signed) {
            Verification refused = check(n);
            if (refused != null) {
                return refused;
            }
        } else if (!debugMode) {
            return new Verification.Unauthorized("missing NotificationSignature in the SOAP header");
        }
        if (n.eventName() == null) {
            return new Verification.Invalid(Verification.Problem.MALFORMED, "missing NotificationEventName");
        }
        String store = Optional.ofNullable(n.recipient()).or(settings::store).orElse(EbayWebhooks.APPLICATION_STORE);
        String deliveryId = String.join(
                ":",
                "pn",
                n.eventName(),
                Optional.ofNullable(n.itemId()).orElse(""),
                Optional.ofNullable(n.transactionId()).orElse(""),
                Optional.ofNullable(n.timestamp()).orElse(""));
        return new Verification.Verified(new DeliveryMeta(
                store,
                n.eventName(),
                deliveryId,
                n.correlationId(),
                n.timestamp(),
                n.version(),
                signed,
                kept(headers)));
    }

    /** Null when the signature is right and fresh; otherwise why not. */
    private Verification check(SoapNotification n) {
        if (!settings.platformNotificationsConfigured()) {
            return new Verification.NotConfigured("eBay Platform Notifications keys are not configured "
                    + "(set EBAY_DEV_ID, and EBAY_APP_ID/EBAY_CERT_ID or EBAY_CLIENT_ID/EBAY_CLIENT_SECRET)");
        }
        if (n.timestamp() == null) {
            return new Verification.Unauthorized("no Timestamp to check NotificationSignature against");
        }
        if (!matches(
                n.signature(),
                n.timestamp(),
                settings.devId().orElseThrow(),
                settings.appId().orElseThrow(),
                settings.certId().orElseThrow())) {
            return new Verification.Unauthorized("NotificationSignature does not match");
        }
        Instant sent;
        try {
            sent = OffsetDateTime.parse(n.timestamp()).toInstant();
        } catch (DateTimeParseException e) {
            return new Verification.Unauthorized("Timestamp is not a time: " + n.timestamp());
        }
        if (Duration.between(sent, clock.instant()).abs().compareTo(MAX_AGE) > 0) {
            return new Verification.Unauthorized(
                    "Timestamp " + n.timestamp() + " is more than 10 minutes from now (replayed or clock skew)");
        }
        return null;
    }

    /** Whether the base64 or hex signature is MD5(timestamp + devId + appId + certId); constant time. */
    static boolean matches(String signature, String timestamp, String devId, String appId, String certId) {
        byte[] given;
        try {
            given = HEX_MD5.matcher(signature).matches()
                    ? HexFormat.of().parseHex(signature)
                    : Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(md5(timestamp + devId + appId + certId), given);
    }

    /** base64(MD5(timestamp + devId + appId + certId)), as eBay signs. */
    static String sign(String timestamp, String devId, String appId, String certId) {
        return Base64.getEncoder().encodeToString(md5(timestamp + devId + appId + certId));
    }

    private static byte[] md5(String text) {
        try {
            return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }

    @Override
    public boolean handlesTopic(String topic) {
        return PlatformPayloads.handles(topic);
    }

    @Override
    public List<CanonicalEvent> interpret(String topic, String store, byte[] body, Instant receivedAt) {
        return PlatformPayloads.interpret(topic, store, body, receivedAt);
    }

    private static Map<String, String> kept(Map<String, String> headers) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : List.of("soapaction", "content-type")) {
            if (headers.containsKey(name)) {
                kept.put(name, headers.get(name));
            }
        }
        return kept;
    }
}
