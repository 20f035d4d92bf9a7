package dev.edm.platform.amazon;

import dev.edm.config.AmazonSettings;
import dev.edm.event.CanonicalEvent;
import dev.edm.event.Platform;
import dev.edm.event.StoreKey;
import dev.edm.platform.DeliveryMeta;
import dev.edm.platform.JsonBodies;
import dev.edm.platform.UnreadablePayloadException;
import dev.edm.platform.Verification;
import dev.edm.platform.WebhookAdapter;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Amazon SP-API notifications. SP-API signs nothing: a delivery is authentic when it comes from our own SQS
 * queue (the poller marks it with a per-process random token that no HTTP client can know) or when an HTTPS
 * forwarder presents one of the shared secrets. The notification id is the dedupe key (else the EventBridge
 * event id, else the SQS message id); the store is the seller id found in the payload.
 */
public final class AmazonNotifications implements WebhookAdapter {
    /** The topic of a queued message that is not an SP-API notification; processing marks it failed. */
    public static final String UNREADABLE = "UNREADABLE";
    /** The store of deliveries whose payload names no seller. */
    public static final String UNKNOWN_STORE = "unknown";

    static final String QUEUE_TOKEN = "x-edm-queue-token";
    static final String QUEUE_MESSAGE_ID = "x-edm-sqs-message-id";
    private static final Pattern SELLER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
    private static final Pattern TYPE = Pattern.compile("[A-Z0-9_]{1,100}");
    private static final Set<String> HANDLED = Set.of(
            "ORDER_CHANGE",
            "FBA_INVENTORY_AVAILABILITY_CHANGES",
            "LISTINGS_ITEM_MFN_QUANTITY_CHANGE",
            "LISTINGS_ITEM_STATUS_CHANGE",
            "ANY_OFFER_CHANGED",
            "PRICING_HEALTH",
            UNREADABLE);

    private final AmazonSettings settings;
    private final boolean debugMode;
    private final String queueToken;

    public AmazonNotifications(AmazonSettings settings, boolean debugMode) {
        this.settings = settings;
        this.debugMode = debugMode;
        byte[] token = new byte[32];
        new SecureRandom().nextBytes(token);
        this.queueToken = HexFormat.of().formatHex(token);
    }

    @Override
    public Platform platform() {
        return Platform.AMAZON;
    }

    /** The headers under which the queue poller hands over one SQS message (never stored, never logged). */
    public Map<String, String> queueHeaders(String messageId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put(QUEUE_TOKEN, queueToken);
        if (messageId != null) {
            headers.put(QUEUE_MESSAGE_ID, messageId);
        }
        return headers;
    }

    @Override
    public boolean acceptsContentType(String contentType) {
        return JsonBodies.isJsonMediaType(contentType);
    }

    @Override
    public boolean hasSignature(Map<String, String> headers) {
        return headers.containsKey(QUEUE_TOKEN)
                || !SharedSecrets.presented(headers).isEmpty();
    }

    @Override
    public Verification verify(Map<String, String> headers, byte[] body) {
        Optional<Notification> notification = read(body);
        String queueHeader = headers.get(QUEUE_TOKEN);
        if (queueHeader != null && SharedSecrets.anyMatches(List.of(queueHeader), List.of(queueToken))) {
            // our own queue: everything is kept, an unreadable message as a failed delivery
            return new Verification.Verified(meta(notification, true, "sqs", headers.get(QUEUE_MESSAGE_ID)));
        }
        List<String> presented = SharedSecrets.presented(headers);
        if (presented.isEmpty()) {
            if (!debugMode) {
                return new Verification.Unauthorized(
                        "missing shared secret: send it in x-auth-token, Authorization: Bearer or x-api-key");
            }
        } else {
            List<String> secrets = settings.forwardSecrets()
                    .secretsFor(notification.map(Notification::sellerId).orElse(null));
            if (secrets.isEmpty()) {
                return new Verification.NotConfigured(
                        "no Amazon forward secret is configured (set EDM_AMAZON_FORWARD_SECRET)");
            }
            if (!SharedSecrets.anyMatches(presented, secrets)) {
                return new Verification.Unauthorized("the shared secret does not match");
            }
        }
        Optional<String> syntax = JsonBodies.objectSyntaxProblem(body);
        if (syntax.isPresent()) {
            return new Verification.Invalid(Verification.Problem.MALFORMED, syntax.get());
        }
        if (notification
                .map(Notification::type)
                .filter(t -> TYPE.matcher(upper(t)).matches())
                .isEmpty()) {
            return new Verification.Invalid(
                    Verification.Problem.MALFORMED,
                    "not an SP-API notification: no NotificationType (or EventBridge detail-type)");
        }
        return new Verification.Verified(meta(notification, !presented.isEmpty(), "https", null));
    }

    @Override
    public boolean handlesTopic(String topic) {
        return topic != null && HANDLED.contains(topic);
    }

    @Override
    public List<CanonicalEvent> interpret(String topic, String store, byte[] body, Instant receivedAt) {
        Notification n = Notification.parse(body);
        if (n.type() == null) {
            throw new UnreadablePayloadException("not an SP-API notification: no NotificationType");
        }
        if (n.payload() == null) {
            throw new UnreadablePayloadException("missing Payload");
        }
        if (store.equals(UNKNOWN_STORE)) {
            throw new UnreadablePayloadException("the payload names no seller (SellerId)");
        }
        StoreKey key = new StoreKey(Platform.AMAZON, store);
        Instant at = n.at(receivedAt);
        return switch (topic) {
            case "ORDER_CHANGE" -> AmazonPayloads.orderChange(key, n.payload(), at);
            case "FBA_INVENTORY_AVAILABILITY_CHANGES" -> AmazonPayloads.fbaInventory(key, n.payload(), at);
            case "LISTINGS_ITEM_MFN_QUANTITY_CHANGE" -> AmazonPayloads.mfnQuantity(key, n.payload(), at);
            case "LISTINGS_ITEM_STATUS_CHANGE" -> AmazonPayloads.listingStatus(key, n.payload(), at);
            case "ANY_OFFER_CHANGED" -> AmazonPrices.anyOfferChanged(key, topic, n.payload(), at);
            case "PRICING_HEALTH" -> AmazonPrices.pricingHealth(key, topic, n.payload(), at);
            default -> throw new UnreadablePayloadException("unsupported notification type " + n.type());
        };
    }

    private static Optional<Notification> read(byte[] body) {
        try {
            return Optional.of(Notification.parse(body));
        } catch (UnreadablePayloadException e) {
            return Optional.empty();
        }
    }

    private static DeliveryMeta meta(Optional<Notification> read, boolean signed, String channel, String messageId) {
        Map<String, String> kept = new LinkedHashMap<>();
        kept.put("channel", channel);
        String sqsId = bounded(messageId, 255);
        if (sqsId != null) {
            kept.put("sqs-message-id", sqsId);
        }
        if (read.isEmpty()) {
            return new DeliveryMeta(UNKNOWN_STORE, UNREADABLE, sqsId, sqsId, null, null, signed, kept);
        }
        Notification n = read.get();
        String type = n.type() == null ? null : upper(n.type());
        String seller = n.sellerId();
        String eventId = bounded(n.eventBridgeId(), 255) != null ? bounded(n.eventBridgeId(), 255) : sqsId;
        String notificationId = bounded(n.notificationId(), 255);
        return new DeliveryMeta(
                seller != null && SELLER.matcher(seller).matches() ? seller : UNKNOWN_STORE,
                type != null && TYPE.matcher(type).matches() ? type : UNREADABLE,
                notificationId != null ? notificationId : eventId,
                eventId,
                bounded(n.eventTime(), 64),
                bounded(n.payloadVersion(), 32),
                signed,
                kept);
    }

    private static String upper(String type) {
        return type.strip().toUpperCase(Locale.ROOT);
    }

    private static String bounded(String value, int max) {
        return value == null || value.isBlank() || value.length() > max ? null : value;
    }
}
