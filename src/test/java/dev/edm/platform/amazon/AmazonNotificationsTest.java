package dev.edm.platform.amazon;

import static dev.edm.testing.AmazonFixtures.eventBridge;
import static dev.edm.testing.AmazonFixtures.notification;
import static dev.edm.testing.AmazonFixtures.respelled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edm.config.AmazonSettings;
import dev.edm.config.StoreSecrets;
import dev.edm.event.CanonicalEvent;
import dev.edm.event.CanonicalEvent.ListingChanged;
import dev.edm.event.CanonicalEvent.PriceObserved;
import dev.edm.event.CanonicalEvent.SaleRecorded;
import dev.edm.event.CanonicalEvent.SaleReversed;
import dev.edm.event.CanonicalEvent.StockLevelChanged;
import dev.edm.event.Money;
import dev.edm.event.Platform;
import dev.edm.event.StoreKey;
import dev.edm.platform.DeliveryMeta;
import dev.edm.platform.UnreadablePayloadException;
import dev.edm.platform.Verification;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AmazonNotificationsTest {
    static final String SECRET = "forward-secret";
    static final Instant RECEIVED = Instant.parse("2026-11-01T12:00:00Z");

    static AmazonNotifications adapter(String... secrets) {
        return new AmazonNotifications(
                new AmazonSettings(new StoreSecrets(List.of(secrets), Map.of()), Optional.empty()), false);
    }

    static Map<String, String> headers(String name, String value) {
        Map<String, String> h = new HashMap<>();
        h.put("content-type", "application/json");
        if (name != null) {
            h.put(name, value);
        }
        return h;
    }

    static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    static DeliveryMeta verified(Verification v) {
        assertThat(v).isInstanceOf(Verification.Verified.class);
        return ((Verification.Verified) v).meta();
    }

    /** Every shape a notification arrives in: as published, re-spelled both ways, inside an EventBridge event. */
    static Stream<Arguments> shapes() {
        Map<String, Function<ObjectNode, JsonNode>> shapes = Map.of(
                "as published", n -> n,
                "camelCase", n -> respelled(n, true),
                "PascalCase", n -> respelled(n, false),
                "EventBridge event", n -> eventBridge(n, "eb-event-1"),
                "EventBridge event, camelCase", n -> eventBridge(respelled(n, true), "eb-event-1"));
        return shapes.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    /** Verifies over HTTPS with the secret, checks the stored meta, and returns the events. */
    static List<CanonicalEvent> receive(
            JsonNode body, String store, String topic, String notificationId, boolean handled) {
        AmazonNotifications a = adapter(SECRET);
        DeliveryMeta meta = verified(a.verify(headers("x-auth-token", SECRET), bytes(body)));
        assertThat(meta.store()).isEqualTo(store);
        assertThat(meta.topic()).isEqualTo(topic);
        assertThat(meta.webhookId()).isEqualTo(notificationId);
        assertThat(meta.signed()).isTrue();
        assertThat(meta.headers()).containsEntry("channel", "https").doesNotContainValue(SECRET);
        assertThat(a.handlesTopic(topic)).isEqualTo(handled);
        return handled ? a.interpret(topic, meta.store(), bytes(body), RECEIVED) : List.of();
    }

    static StoreKey store(String seller) {
        return new StoreKey(Platform.AMAZON, seller);
    }

    static Money usd(String amount) {
        return new Money(new BigDecimal(amount), "USD");
    }

    @ParameterizedTest(name = "ORDER_CHANGE {0}")
    @MethodSource("shapes")
    void orderChangeIsASalePerItemKeyedBySellerSku(String shape, Function<ObjectNode, JsonNode> as) {
        List<CanonicalEvent> events = receive(
                as.apply(notification("ORDER_CHANGE")),
                "A3TH9S8BH6GOGM",
                "ORDER_CHANGE",
                "d0e9e693-c3ad-4373-979f-ed4ec98dd746",
                true);

        StoreKey s = store("A3TH9S8BH6GOGM");
        assertThat(events)
                .containsExactly(
                        new ListingChanged(
                                s, Instant.parse("2020-01-11T00:09:53.109Z"), "SellerSKUID1", null, null, null),
                        new SaleRecorded(
                                s,
                                Instant.parse("2022-07-13T19:42:04.284Z"),
                                "903-8868176-2219830",
                                "OIID34853450",
                                "SellerSKUID1",
                                "SellerSKUID1",
                                10,
                                null));
    }

    @Test
    void aCanceledOrderReversesItsSalesButABuyerCancelRequestDoesNot() {
        ObjectNode n = notification("ORDER_CHANGE");
        ObjectNode summary = (ObjectNode) n.at("/Payload/OrderChangeNotification/Summary");
        summary.put("OrderStatus", "Canceled");

        List<CanonicalEvent> events = receive(
                n,
                "A3TH9S8BH6GOGM",
                "ORDER_CHANGE",
                n.at("/NotificationMetadata/NotificationId").asText(),
                true);

        assertThat(events)
                .last()
                .isEqualTo(new SaleReversed(
                        store("A3TH9S8BH6GOGM"),
                        Instant.parse("2022-11-29T19:42:04.284Z"),
                        "903-8868176-2219830",
                        null,
                        "cancel",
                        null));
        assertThat(events).filteredOn(SaleRecorded.class::isInstance).hasSize(1);
    }

    @ParameterizedTest(name = "FBA_INVENTORY_AVAILABILITY_CHANGES {0}")
    @MethodSource("shapes")
    void fbaInventoryIsFulfillableStockPerMarketplace(String shape, Function<ObjectNode, JsonNode> as) {
        ObjectNode n = notification("FBA_INVENTORY_AVAILABILITY_CHANGES");
        String id = n.at("/NotificationMetadata/NotificationId").asText();
        List<CanonicalEvent> events =
                receive(as.apply(n), "A3TH9S8BH6GOGM", "FBA_INVENTORY_AVAILABILITY_CHANGES", id, true);

        StoreKey s = store("A3TH9S8BH6GOGM");
        Instant at = Instant.parse("2026-11-01T10:00:00Z");
        assertThat(events)
                .containsExactly(
                        new ListingChanged(s, at, "SELLERSKU-1", "B00001ABCD", "Product Title", null),
                        new StockLevelChanged(s, at, "SELLERSKU-1", "fba:ATVPDKIKX0DER", 50),
                        new StockLevelChanged(s, at, "SELLERSKU-1", "fba:A2EUQ1WTGCTBG2", 40));
    }

    @ParameterizedTest(name = "LISTINGS_ITEM_MFN_QUANTITY_CHANGE {0}")
    @MethodSource("shapes")
    void mfnQuantityIsTheSellerFulfilledStock(String shape, Function<ObjectNode, JsonNode> as) {
        List<CanonicalEvent> events = receive(
                as.apply(notification("LISTINGS_ITEM_MFN_QUANTITY_CHANGE")),
                "AXXXXXXXXXXXXX",
                "LISTINGS_ITEM_MFN_QUANTITY_CHANGE",
                "8e009934-da2c-4f9c-9bc7-93f23b7e1f60",
                true);

        StoreKey s = store("AXXXXXXXXXXXXX");
        Instant at = Instant.parse("2021-02-03T18:59:30.194Z");
        assertThat(events)
                .containsExactly(
                        new ListingChanged(s, at, "NLS-SHOES-03", null, null, null),
                        new StockLevelChanged(s, at, "NLS-SHOES-03", "mfn", 99));
    }

    @ParameterizedTest(name = "LISTINGS_ITEM_STATUS_CHANGE {0}")
    @MethodSource("shapes")
    void listingStatusBuyableIsActive(String shape, Function<ObjectNode, JsonNode> as) {
        List<CanonicalEvent> events = receive(
                as.apply(notification("LISTINGS_ITEM_STATUS_CHANGE")),
                "A3AYAZLIQ7AX77",
                "LISTINGS_ITEM_STATUS_CHANGE",
                "8e009934-da2c-4f9c-9bc7-93f23b7e1f60",
                true);

        assertThat(events)
                .containsExactly(new ListingChanged(
                        store("A3AYAZLIQ7AX77"),
                        Instant.parse("2021-02-03T18:59:30.194Z"),
                        "NLS-SHOES-03",
                        "BT6RZ7JM4H",
                        null,
                        "active"));
    }

    @Test
    void listingStatusWithoutBuyableIsInactiveAndDeletedIsDeleted() {
        ObjectNode n = notification("LISTINGS_ITEM_STATUS_CHANGE");
        ((ObjectNode) n.get("Payload")).putArray("Status").add("DISCOVERABLE");
        assertThat(status(n)).isEqualTo("inactive");
        ((ObjectNode) n.get("Payload")).putArray("Status").add("DELETED");
        assertThat(status(n)).isEqualTo("deleted");
        ((ObjectNode) n.get("Payload")).putArray("Status");
        assertThat(status(n)).isEqualTo("inactive");
    }

    static String status(ObjectNode n) {
        List<CanonicalEvent> events =
                adapter().interpret("LISTINGS_ITEM_STATUS_CHANGE", "A3AYAZLIQ7AX77", bytes(n), RECEIVED);
        return ((ListingChanged) events.get(0)).status();
    }

    @ParameterizedTest(name = "ANY_OFFER_CHANGED {0}")
    @MethodSource("shapes")
    void anyOfferChangedIsAPriceObservationForTheTriggersCondition(String shape, Function<ObjectNode, JsonNode> as) {
        List<CanonicalEvent> events = receive(
                as.apply(notification("ANY_OFFER_CHANGED")),
                "A3TH9S8BH6GOGM",
                "ANY_OFFER_CHANGED",
                "d0e9e693-c3ad-4373-979f-ed4ec98dd746",
                true);

        assertThat(events)
                .containsExactly(new PriceObserved(
                        store("A3TH9S8BH6GOGM"),
                        Instant.parse("2020-07-13T19:42:04.284Z"),
                        "ATVPDKIKX0DER",
                        "123",
                        "new",
                        "ANY_OFFER_CHANGED",
                        null, // the seller's own offer is not among the published sample's offers
                        usd("10"),
                        usd("10"),
                        usd("22"),
                        10,
                        null));
    }

    @Test
    void theSellersOwnOfferGivesItsLandedPrice() {
        ObjectNode n = notification("ANY_OFFER_CHANGED");
        ((ObjectNode) n.at("/Payload/AnyOfferChangedNotification/Offers/0")).put("SellerId", "A3TH9S8BH6GOGM");

        PriceObserved p = (PriceObserved) adapter()
                .interpret("ANY_OFFER_CHANGED", "A3TH9S8BH6GOGM", bytes(n), RECEIVED)
                .get(0);

        assertThat(p.ownPrice()).isEqualTo(usd("133")); // 23.0 listing + 110.0 shipping
    }

    @ParameterizedTest(name = "PRICING_HEALTH {0}")
    @MethodSource("shapes")
    void pricingHealthIsAPriceObservationWithItsIssue(String shape, Function<ObjectNode, JsonNode> as) {
        List<CanonicalEvent> events = receive(
                as.apply(notification("PRICING_HEALTH")),
                "A3EZFOFNDPFB8R",
                "PRICING_HEALTH",
                "23ae41cd-3537-4676-af46-6ee9abf8802e",
                true);

        assertThat(events)
                .containsExactly(new PriceObserved(
                        store("A3EZFOFNDPFB8R"),
                        Instant.parse("2020-09-23T21:30:13.409Z"),
                        "ATVPDKIKX0DER",
                        "B007IBIWZY",
                        "new",
                        "PRICING_HEALTH",
                        usd("8188.72"),
                        usd("8188.72"),
                        null,
                        usd("8000"),
                        3,
                        "BuyBoxDisqualification"));
    }

    static Stream<Arguments> ignoredTypes() {
        return Stream.of(
                Arguments.of("FEED_PROCESSING_FINISHED.seller", "A3TH9S8BH6GOGM"),
                Arguments.of("FEED_PROCESSING_FINISHED.vendor", "amzn1.vg.6213651"),
                Arguments.of("REPORT_PROCESSING_FINISHED.seller", "A3TH9S8BH6GOGM"),
                Arguments.of("REPORT_PROCESSING_FINISHED.vendor", "amzn1.vg.6213651"),
                Arguments.of("ITEM_INVENTORY_EVENT_CHANGE", "A21CXK3C4ERTY8"));
    }

    @ParameterizedTest(name = "{0} is stored for {1} and not handled")
    @MethodSource("ignoredTypes")
    void otherTypesAreStoredUnderTheirSellerOrAccountAndNotHandled(String fixture, String store) {
        ObjectNode n = notification(fixture);
        String type = n.get("notificationType").asText();
        for (JsonNode shape : List.of(n, respelled(n, false), eventBridge(n, "eb-2"))) {
            receive(shape, store, type, "d0e9e693-c3ad-4373-979f-ed4ec98dd746", false);
        }
    }

    @Test
    void withoutANotificationIdTheEventBridgeIdIsTheDedupeKey() {
        ObjectNode n = notification("LISTINGS_ITEM_MFN_QUANTITY_CHANGE");
        n.remove("NotificationMetadata");
        DeliveryMeta meta =
                verified(adapter(SECRET).verify(headers("x-auth-token", SECRET), bytes(eventBridge(n, "eb-77"))));
        assertThat(meta.webhookId()).isEqualTo("eb-77");
        assertThat(meta.eventId()).isEqualTo("eb-77");
    }

    // --- authentication of HTTPS forwarders ---

    static Stream<Arguments> headerForms() {
        return Stream.of(
                Arguments.of("x-auth-token", SECRET),
                Arguments.of("authorization", "Bearer " + SECRET),
                Arguments.of("authorization", "bearer " + SECRET),
                Arguments.of("x-api-key", SECRET));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("headerForms")
    void eachHeaderFormCarriesTheSecret(String header, String value) {
        byte[] body = bytes(notification("LISTINGS_ITEM_MFN_QUANTITY_CHANGE"));
        assertThat(verified(adapter(SECRET).verify(headers(header, value), body))
                        .signed())
                .isTrue();
        assertThat(adapter(SECRET).verify(headers(header, value.replace(SECRET, "wrong-secret")), body))
                .isInstanceOf(Verification.Unauthorized.class);
        assertThat(adapter(SECRET).verify(headers(header, value + "x"), body))
                .isInstanceOf(Verification.Unauthorized.class);
    }

    @Test
    void aMissingSecretIsUnauthorizedAndNamesTheHeaders() {
        Verification v = adapter(SECRET).verify(headers(null, null), bytes(notification("ORDER_CHANGE")));
        assertThat(v).isInstanceOf(Verification.Unauthorized.class);
        assertThat(((Verification.Unauthorized) v).message())
                .contains("x-auth-token", "Authorization: Bearer", "x-api-key");
        assertThat(adapter(SECRET)
                        .verify(headers("authorization", "Basic Zm9vOmJhcg=="), bytes(notification("ORDER_CHANGE"))))
                .isInstanceOf(Verification.Unauthorized.class);
    }

    @Test
    void bothSecretsOfARotationAreAcceptedAndASellersOwnSecretReplacesTheDefault() {
        AmazonNotifications rotating = adapter("old-secret", "new-secret");
        byte[] body = bytes(notification("ORDER_CHANGE"));
        assertThat(rotating.verify(headers("x-auth-token", "old-secret"), body))
                .isInstanceOf(Verification.Verified.class);
        assertThat(rotating.verify(headers("x-api-key", "new-secret"), body)).isInstanceOf(Verification.Verified.class);

        AmazonNotifications perSeller = new AmazonNotifications(
                new AmazonSettings(
                        new StoreSecrets(List.of("default-secret"), Map.of("a3th9s8bh6gogm", List.of("seller-secret"))),
                        Optional.empty()),
                false);
        assertThat(perSeller.verify(headers("x-auth-token", "seller-secret"), body))
                .isInstanceOf(Verification.Verified.class);
        assertThat(perSeller.verify(headers("x-auth-token", "default-secret"), body))
                .isInstanceOf(Verification.Unauthorized.class);
        assertThat(perSeller.verify(headers("x-auth-token", "default-secret"), bytes(notification("PRICING_HEALTH"))))
                .isInstanceOf(Verification.Verified.class);
    }

    @Test
    void withoutAnySecretConfiguredAPresentedSecretIsNotConfigured() {
        assertThat(adapter().verify(headers("x-auth-token", "anything"), bytes(notification("ORDER_CHANGE"))))
                .isInstanceOf(Verification.NotConfigured.class);
    }

    @Test
    void debugModeAcceptsAnUnsignedDeliveryAsUnsigned() {
        AmazonNotifications debug = new AmazonNotifications(
                new AmazonSettings(new StoreSecrets(List.of(SECRET), Map.of()), Optional.empty()), true);
        assertThat(verified(debug.verify(headers(null, null), bytes(notification("ORDER_CHANGE"))))
                        .signed())
                .isFalse();
        assertThat(debug.verify(headers("x-auth-token", "wrong"), bytes(notification("ORDER_CHANGE"))))
                .isInstanceOf(Verification.Unauthorized.class);
    }

    @Test
    void overHttpsABodyThatIsNotANotificationIs400() {
        AmazonNotifications a = adapter(SECRET);
        Verification notJson = a.verify(headers("x-auth-token", SECRET), "{\"a\":".getBytes(StandardCharsets.UTF_8));
        assertThat(notJson).isInstanceOf(Verification.Invalid.class);
        Verification noType =
                a.verify(headers("x-auth-token", SECRET), "{\"Payload\":{}}".getBytes(StandardCharsets.UTF_8));
        assertThat(noType).isInstanceOf(Verification.Invalid.class);
        assertThat(((Verification.Invalid) noType).message()).contains("NotificationType");
    }

    // --- the SQS path ---

    @Test
    void queueMessagesAreAuthenticByTheProcessTokenWhichCannotBeForged() {
        AmazonNotifications a = adapter();
        Map<String, String> queued = a.queueHeaders("msg-1");
        DeliveryMeta meta = verified(a.verify(queued, bytes(notification("ORDER_CHANGE"))));
        assertThat(meta.signed()).isTrue();
        assertThat(meta.headers())
                .containsEntry("channel", "sqs")
                .containsEntry("sqs-message-id", "msg-1")
                .doesNotContainKey(AmazonNotifications.QUEUE_TOKEN);
        assertThat(meta.eventId()).isEqualTo("msg-1");

        Map<String, String> forged = new HashMap<>(queued);
        forged.put(AmazonNotifications.QUEUE_TOKEN, "0".repeat(64));
        assertThat(a.verify(forged, bytes(notification("ORDER_CHANGE")))).isInstanceOf(Verification.Unauthorized.class);
        assertThat(adapter().verify(queued, bytes(notification("ORDER_CHANGE"))))
                .as("another process's token")
                .isInstanceOf(Verification.Unauthorized.class);
    }

    @Test
    void aPoisonQueueMessageIsKeptUnderItsMessageIdAndFailsWithTheReason() {
        AmazonNotifications a = adapter();
        byte[] garbage = "not json at all".getBytes(StandardCharsets.UTF_8);
        DeliveryMeta meta = verified(a.verify(a.queueHeaders("msg-2"), garbage));
        assertThat(meta.topic()).isEqualTo(AmazonNotifications.UNREADABLE);
        assertThat(meta.store()).isEqualTo(AmazonNotifications.UNKNOWN_STORE);
        assertThat(meta.webhookId()).isEqualTo("msg-2");
        assertThat(a.handlesTopic(meta.topic())).isTrue();
        assertThatThrownBy(() -> a.interpret(meta.topic(), meta.store(), garbage, RECEIVED))
                .isInstanceOf(UnreadablePayloadException.class)
                .hasMessageContaining("not valid JSON");

        byte[] wrongShape = "{\"Records\":[{\"eventSource\":\"aws:s3\"}]}".getBytes(StandardCharsets.UTF_8);
        DeliveryMeta shape = verified(a.verify(a.queueHeaders("msg-3"), wrongShape));
        assertThat(shape.topic()).isEqualTo(AmazonNotifications.UNREADABLE);
        assertThatThrownBy(() -> a.interpret(shape.topic(), shape.store(), wrongShape, RECEIVED))
                .hasMessageContaining("no NotificationType");
    }

    @Test
    void aHandledTypeWithoutItsFieldsFailsWithTheMissingField() {
        ObjectNode n = notification("LISTINGS_ITEM_MFN_QUANTITY_CHANGE");
        ((ObjectNode) n.get("Payload")).remove("Sku");
        assertThatThrownBy(() ->
                        adapter().interpret("LISTINGS_ITEM_MFN_QUANTITY_CHANGE", "AXXXXXXXXXXXXX", bytes(n), RECEIVED))
                .isInstanceOf(UnreadablePayloadException.class)
                .hasMessage("missing Sku");

        ObjectNode order = notification("ORDER_CHANGE");
        ((ObjectNode) order.get("Payload")).remove("OrderChangeNotification");
        assertThatThrownBy(() -> adapter().interpret("ORDER_CHANGE", "unknown", bytes(order), RECEIVED))
                .hasMessageContaining("names no seller");
        assertThatThrownBy(() -> adapter().interpret("ORDER_CHANGE", "A3TH9S8BH6GOGM", bytes(order), RECEIVED))
                .hasMessage("missing OrderChangeNotification");
    }

    @Test
    void numericStringsAreAcceptedWhereNumbersAreExpected() {
        ObjectNode n = notification("LISTINGS_ITEM_MFN_QUANTITY_CHANGE");
        ((ObjectNode) n.get("Payload")).put("Quantity", "7");
        List<CanonicalEvent> events =
                adapter().interpret("LISTINGS_ITEM_MFN_QUANTITY_CHANGE", "AXXXXXXXXXXXXX", bytes(n), RECEIVED);
        assertThat(((StockLevelChanged) events.get(1)).available()).isEqualTo(7);
    }
}
