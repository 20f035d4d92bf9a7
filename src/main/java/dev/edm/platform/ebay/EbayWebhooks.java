package dev.edm.platform.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edm.config.EbaySettings;
import dev.edm.event.CanonicalEvent;
import dev.edm.event.Platform;
import dev.edm.event.StoreKey;
import dev.edm.platform.Challenge;
import dev.edm.platform.DeliveryMeta;
import dev.edm.platform.JsonBodies;
import dev.edm.platform.JsonFields;
import dev.edm.platform.PersonalDataRules;
import dev.edm.platform.UnreadablePayloadException;
import dev.edm.platform.Verification;
import dev.edm.platform.WebhookAdapter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * eBay's webhook rules. The main path ({@code POST /webhook/ebay}) is the Notification API: JSON signed with
 * ECDSA ({@code X-EBAY-SIGNATURE}, key fetched by kid), deduplicated on {@code notificationId}, and
 * {@code GET /webhook/ebay?challenge_code=} is its endpoint validation. The {@code platform} channel
 * ({@code POST /webhook/ebay/platform}) is legacy Platform Notifications (SOAP, MD5 signature). The store is
 * the seller's eBay user name (legacy {@code RecipientUserID}, Notification API {@code data.seller}), else
 * {@code EBAY_STORE}, else {@value #APPLICATION_STORE} for application-wide notifications.
 */
public final class EbayWebhooks implements WebhookAdapter {
    /** The store of notifications that concern the application, not a seller (e.g. account deletion). */
    public static final String APPLICATION_STORE = "_app";

    static final String SIGNATURE = "x-ebay-signature";

    private final EbaySettings settings;
    private final boolean debugMode;
    private final NotificationSignatures signatures;
    private final EbayPersonalData personalData = new EbayPersonalData();
    private final PlatformNotifications platformNotifications;

    public EbayWebhooks(EbaySettings settings, boolean debugMode, Clock clock) {
        this.settings = settings;
        this.debugMode = debugMode;
        this.signatures = new NotificationSignatures(new PublicKeys(
                settings.apiBase(),
                settings.clientId().orElse(""),
                settings.clientSecret().orElse(""),
                clock));
        this.platformNotifications = new PlatformNotifications(settings, debugMode, clock);
    }

    @Override
    public Platform platform() {
        return Platform.EBAY;
    }

    @Override
    public Optional<WebhookAdapter> channel(String name) {
        return "platform".equals(name) ? Optional.of(platformNotifications) : Optional.empty();
    }

    @Override
    public boolean acceptsContentType(String contentType) {
        return JsonBodies.isJsonMediaType(contentType);
    }

    @Override
    public boolean hasSignature(Map<String, String> headers) {
        return header(headers) != null;
    }

    @Override
    public Verification verify(Map<String, String> headers, byte[] body) {
        String signature = header(headers);
        boolean signed = signature != null;
        if (signed) {
            if (!settings.notificationApiConfigured()) {
                return new Verification.NotConfigured("eBay client credentials are not configured "
                        + "(set EBAY_CLIENT_ID and EBAY_CLIENT_SECRET to fetch eBay's public keys)");
            }
            Verification refused = signatures.check(signature, body);
            if (refused != null) {
                return refused;
            }
        } else if (!debugMode) {
            return new Verification.Unauthorized("missing X-EBAY-SIGNATURE header");
        }
        Optional<String> syntax = JsonBodies.objectSyntaxProblem(body);
        if (syntax.isPresent()) {
            return new Verification.Invalid(Verification.Problem.MALFORMED, syntax.get());
        }
        JsonNode json = JsonFields.parse(body);
        String topic = JsonFields.text(json.path("metadata"), "topic");
        JsonNode notification = json.path("notification");
        String notificationId = notification.isObject() ? JsonFields.text(notification, "notificationId") : null;
        if (topic == null || notificationId == null) {
            return new Verification.Invalid(
                    Verification.Problem.MALFORMED,
                    "not an eBay notification: missing " + (topic == null ? "metadata.topic" : "notificationId"));
        }
        String store = Optional.ofNullable(NotificationPayloads.seller(notification.path("data")))
                .or(settings::store)
                .orElse(APPLICATION_STORE);
        return new Verification.Verified(new DeliveryMeta(
                store,
                topic,
                notificationId,
                null,
                JsonFields.text(notification, "eventDate"),
                JsonFields.text(json.path("metadata"), "schemaVersion"),
                signed,
                signed ? Map.of(SIGNATURE, signature) : Map.of()));
    }

    @Override
    public boolean handlesTopic(String topic) {
        return NotificationPayloads.handles(topic) || PlatformPayloads.handles(topic);
    }

    /** Notification API topics are upper-case names; legacy event names are CamelCase and never collide. */
    @Override
    public List<CanonicalEvent> interpret(String topic, String store, byte[] body, Instant receivedAt) {
        if (PlatformPayloads.handles(topic)) {
            return PlatformPayloads.interpret(topic, store, body, receivedAt);
        }
        return NotificationPayloads.interpret(topic, store, body, receivedAt);
    }

    @Override
    public Optional<Challenge> answerChallenge(Map<String, String> query) {
        String code = query.get("challenge_code");
        if (code == null || code.isBlank()) {
            return Optional.of(new Challenge.Invalid("missing challenge_code"));
        }
        if (settings.verificationToken().isEmpty() || settings.endpointUrl().isEmpty()) {
            return Optional.of(new Challenge.NotConfigured(
                    "eBay endpoint validation is not configured (set EBAY_VERIFICATION_TOKEN and EBAY_ENDPOINT_URL)"));
        }
        return Optional.of(new Challenge.Answered(Map.of(
                "challengeResponse",
                challengeResponse(
                        code,
                        settings.verificationToken().get(),
                        settings.endpointUrl().get()))));
    }

    /** Lower-case hex SHA-256 of challengeCode + verificationToken + endpoint (the URL exactly as registered). */
    public static String challengeResponse(String challengeCode, String verificationToken, String endpoint) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((challengeCode + verificationToken + endpoint).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public Optional<PersonalDataRules> personalData() {
        return Optional.of(personalData);
    }

    /** The seller store of a delivery whose topic needs one. */
    static StoreKey sellerStore(String store, String sellerField) {
        if (APPLICATION_STORE.equals(store)) {
            throw new UnreadablePayloadException(
                    "the notification names no seller (" + sellerField + ") and EBAY_STORE is not set");
        }
        return new StoreKey(Platform.EBAY, store);
    }

    private static String header(Map<String, String> headers) {
        String value = headers.get(SIGNATURE);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
