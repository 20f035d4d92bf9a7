package dev.edm.platform.ebay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edm.event.CanonicalEvent;
import dev.edm.event.CanonicalEvent.SaleRecorded;
import dev.edm.event.CanonicalEvent.StockLevelChanged;
import dev.edm.event.CanonicalEvent.VariantRevised;
import dev.edm.event.Money;
import dev.edm.event.Platform;
import dev.edm.event.StoreKey;
import dev.edm.platform.UnreadablePayloadException;
import dev.edm.testing.EbayRequests;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Notification API topics to canonical events. */
class NotificationPayloadsTest {
    static final StoreKey STORE = new StoreKey(Platform.EBAY, "mugseller");
    static final String AT = "2026-03-02T10:00:00.000Z";
    static final Instant AT_INSTANT = Instant.parse(AT);
    static final String SELLER = "\"seller\":{\"userName\":\"mugseller\",\"userId\":\"u1\"}";

    static List<CanonicalEvent> interpret(String topic, String data) {
        String body = EbayRequests.notification(topic, "n-1", AT, data);
        return NotificationPayloads.interpret(topic, "mugseller", body.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
    }

    @Test
    void theSellerIsTheStore() {
        assertThat(NotificationPayloads.seller(
                        dev.edm.platform.JsonFields.parse(("{" + SELLER + "}").getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("mugseller");
    }

    @Test
    void availabilityBecomesTheStockOfTheListing() {
        assertThat(interpret(
                        "ITEM_AVAILABILITY",
                        "{\"itemId\":\"v1|110000000001|0\",\"availability\":\"TEMPORARILY_UNAVAILABLE\"," + SELLER
                                + "}"))
                .containsExactly(
                        new VariantRevised(
                                STORE, AT_INSTANT, "110000000001", "110000000001", null, null, null, "110000000001"),
                        new StockLevelChanged(STORE, AT_INSTANT, "110000000001", "ebay", 0));
        assertThat(interpret(
                        "ITEM_AVAILABILITY",
                        "{\"itemId\":\"110000000001\",\"availability\":\"AVAILABLE\",\"quantity\":\"6\"}"))
                .contains(new StockLevelChanged(STORE, AT_INSTANT, "110000000001", "ebay", 6));
        // available, but how many is not said: unknown rather than a stale number
        assertThat(interpret("ITEM_AVAILABILITY", "{\"itemId\":\"110000000001\",\"availability\":\"AVAILABLE\"}"))
                .contains(new StockLevelChanged(STORE, AT_INSTANT, "110000000001", "ebay", null));
    }

    @Test
    void aVariationIsFoundByItsSku() {
        assertThat(interpret(
                        "ITEM_AVAILABILITY",
                        "{\"itemId\":\"v1|110000000002|5001\",\"sku\":\"TS-S\",\"availability\":\"UNAVAILABLE\"}"))
                .contains(new StockLevelChanged(STORE, AT_INSTANT, "110000000002/TS-S", "ebay", 0));
    }

    @Test
    void aPriceRevisionRevisesOnlyThePrice() {
        assertThat(interpret(
                        "ITEM_PRICE_REVISION",
                        "{\"itemId\":\"v1|110000000001|0\",\"price\":{\"value\":\"13.75\",\"currency\":\"USD\"}}"))
                .containsExactly(new VariantRevised(
                        STORE,
                        AT_INSTANT,
                        "110000000001",
                        "110000000001",
                        null,
                        null,
                        new Money(new BigDecimal("13.75"), "USD"),
                        "110000000001"));
        assertThat(interpret("ITEM_PRICE_REVISION", "{\"itemId\":\"1\",\"price\":9.5,\"currency\":\"EUR\"}"))
                .extracting(e -> ((VariantRevised) e).price())
                .containsExactly(new Money(new BigDecimal("9.5"), "EUR"));
    }

    @Test
    void anOrderConfirmationAndTheShippedNoticeAreTheSameSaleLine() {
        String data = "{\"orderId\":\"04-10000-00001\",\"lineItemId\":\"10000000001\",\"itemId\":\"v1|110000000001|0\","
                + "\"sku\":\"MUG-1\",\"quantity\":2,\"price\":{\"value\":\"12.50\",\"currency\":\"USD\"}}";
        SaleRecorded sale = new SaleRecorded(
                STORE,
                AT_INSTANT,
                "04-10000-00001",
                "10000000001",
                "110000000001",
                "MUG-1",
                2,
                new Money(new BigDecimal("12.50"), "USD"));
        assertThat(interpret("ORDER_CONFIRMATION", data)).containsExactly(sale);
        assertThat(interpret("ITEM_MARKED_SHIPPED", data)).containsExactly(sale);
    }

    @Test
    void anOrderWithoutLineOrQuantityIsOneUnitOnTheOrder() {
        assertThat(interpret("ORDER_CONFIRMATION", "{\"orderId\":\"04-1\"}"))
                .containsExactly(new SaleRecorded(STORE, AT_INSTANT, "04-1", "04-1", null, null, 1, null));
    }

    @Test
    void payloadsWithoutWhatTheTopicNeedsAreUnreadable() {
        assertThatThrownBy(() -> interpret("ITEM_AVAILABILITY", "{\"availability\":\"AVAILABLE\"}"))
                .isInstanceOf(UnreadablePayloadException.class)
                .hasMessageContaining("itemId");
        assertThatThrownBy(() -> interpret("ITEM_AVAILABILITY", "{\"itemId\":\"1\",\"availability\":\"MAYBE\"}"))
                .hasMessageContaining("MAYBE");
        assertThatThrownBy(() -> interpret("ITEM_PRICE_REVISION", "{\"itemId\":\"1\"}"))
                .hasMessageContaining("price");
        assertThatThrownBy(() -> interpret("ORDER_CONFIRMATION", "{\"itemId\":\"1\"}"))
                .hasMessageContaining("orderId");
        assertThatThrownBy(() -> interpret("ORDER_CONFIRMATION", "[]")).isInstanceOf(UnreadablePayloadException.class);
        assertThatThrownBy(() -> NotificationPayloads.interpret(
                        "ORDER_CONFIRMATION",
                        EbayWebhooks.APPLICATION_STORE,
                        "{}".getBytes(StandardCharsets.UTF_8),
                        Instant.EPOCH))
                .hasMessageContaining("EBAY_STORE");
    }

    @Test
    void accountDeletionHasNoStateEvents() {
        assertThat(NotificationPayloads.interpret(
                        "MARKETPLACE_ACCOUNT_DELETION",
                        EbayWebhooks.APPLICATION_STORE,
                        EbayRequests.fixtureBytes("marketplace_account_deletion.compact.json"),
                        Instant.EPOCH))
                .isEmpty();
    }
}
