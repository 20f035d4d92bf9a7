package dev.edm.platform.ebay;

import static dev.edm.testing.EbayRequests.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edm.event.CanonicalEvent;
import dev.edm.event.CanonicalEvent.ProductUpserted;
import dev.edm.event.CanonicalEvent.SaleRecorded;
import dev.edm.event.CanonicalEvent.StockLevelChanged;
import dev.edm.event.CanonicalEvent.Variant;
import dev.edm.event.Money;
import dev.edm.event.Platform;
import dev.edm.event.StoreKey;
import dev.edm.platform.UnreadablePayloadException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Legacy notifications to canonical events, on eBay's ItemSold sample and constructed Trading responses. */
class PlatformPayloadsTest {
    static final Instant RECEIVED = Instant.parse("2026-03-02T10:16:00Z");
    static final StoreKey MUGS = new StoreKey(Platform.EBAY, "mugseller");

    static List<CanonicalEvent> interpret(String event, String store, String xml) {
        return PlatformPayloads.interpret(event, store, xml.getBytes(StandardCharsets.UTF_8), RECEIVED);
    }

    @Test
    void theItemSoldSampleEndsTheListingAndRecordsTheAuctionSale() {
        List<CanonicalEvent> events =
                interpret("ItemSold", "Seller1", fixture("legacy_platform_notification_ItemSold.xml"));

        StoreKey seller = new StoreKey(Platform.EBAY, "Seller1");
        Instant at = Instant.parse("2008-02-13T03:47:28.106Z");
        Money price = new Money(new BigDecimal("1.25"), "USD");
        assertThat(events)
                .containsExactly(
                        new ProductUpserted(
                                seller,
                                at,
                                "250000627102",
                                "Test Item{Won/Sold} notify",
                                "ended",
                                List.of(new Variant(
                                        "250000627102", null, "Test Item{Won/Sold} notify", price, "250000627102", 0))),
                        new StockLevelChanged(seller, at, "250000627102", "ebay", 0),
                        new SaleRecorded(
                                seller,
                                Instant.parse("2008-02-13T03:43:32Z"),
                                "250000627102-0",
                                "250000627102-0",
                                "250000627102",
                                null,
                                1,
                                price));
    }

    @Test
    void aListingWithVariationsGivesOneVariantPerSkuWithAvailableQuantity() {
        List<CanonicalEvent> events =
                interpret("ItemListed", "mugseller", fixture("constructed_ItemListed_variations.xml"));

        Instant at = Instant.parse("2026-03-01T09:00:00Z");
        ProductUpserted product = (ProductUpserted) events.get(0);
        assertThat(product.productId()).isEqualTo("110000000002");
        assertThat(product.status()).isEqualTo("active");
        assertThat(product.variants())
                .containsExactly(
                        new Variant(
                                "110000000002/TS-S",
                                "TS-S",
                                "T-shirt - S",
                                new Money(new BigDecimal("19.99"), "USD"),
                                "110000000002/TS-S",
                                4),
                        new Variant(
                                "110000000002/TS-M",
                                "TS-M",
                                "T-shirt - M",
                                new Money(new BigDecimal("21.00"), "USD"),
                                "110000000002/TS-M",
                                3));
        assertThat(events.subList(1, 3))
                .containsExactly(
                        new StockLevelChanged(MUGS, at, "110000000002/TS-S", "ebay", 4),
                        new StockLevelChanged(MUGS, at, "110000000002/TS-M", "ebay", 3));
    }

    @Test
    void aFixedPriceTransactionIsASaleKeyedByOrderLineAndUpdatesStock() {
        String xml = fixture("constructed_FixedPriceTransaction.xml");
        List<CanonicalEvent> events = interpret("FixedPriceTransaction", "mugseller", xml);

        assertThat(events)
                .containsExactly(
                        new SaleRecorded(
                                MUGS,
                                Instant.parse("2026-03-02T10:14:31Z"),
                                "110000000001-2000000001",
                                "110000000001-2000000001",
                                "110000000001",
                                "MUG-1",
                                2,
                                new Money(new BigDecimal("12.50"), "USD")),
                        new StockLevelChanged(MUGS, Instant.parse("2026-03-02T10:15:00Z"), "110000000001", "ebay", 7));
        // the checkout of the same purchase reports the same order line
        assertThat(interpret(
                        "AuctionCheckoutComplete",
                        "mugseller",
                        xml.replace("FixedPriceTransaction", "AuctionCheckoutComplete")))
                .isEqualTo(events);
    }

    @Test
    void outOfStockSetsEveryVariationToZero() {
        String xml = fixture("constructed_ItemListed_variations.xml").replace("ItemListed", "ItemOutOfStock");
        assertThat(interpret("ItemOutOfStock", "mugseller", xml))
                .extracting(e -> ((StockLevelChanged) e).inventoryItemId() + "=" + ((StockLevelChanged) e).available())
                .containsExactly("110000000002/TS-S=0", "110000000002/TS-M=0");
    }

    @Test
    void withoutASellerTheEventsCannotBelongToAStore() {
        assertThatThrownBy(() -> interpret(
                        "ItemSold",
                        EbayWebhooks.APPLICATION_STORE,
                        fixture("legacy_platform_notification_ItemSold.xml")))
                .isInstanceOf(UnreadablePayloadException.class)
                .hasMessageContaining("EBAY_STORE");
    }

    @Test
    void badNumbersAndMissingItemsAreUnreadable() {
        String sold = fixture("legacy_platform_notification_ItemSold.xml");
        assertThatThrownBy(() -> interpret(
                        "ItemSold", "Seller1", sold.replace("<Quantity>1</Quantity>", "<Quantity>one</Quantity>")))
                .isInstanceOf(UnreadablePayloadException.class)
                .hasMessageContaining("Quantity");
        assertThatThrownBy(() -> interpret("ItemSold", "Seller1", sold.replaceAll("(?s)<Item>.*</Item>", "")))
                .isInstanceOf(UnreadablePayloadException.class)
                .hasMessageContaining("no Item");
    }
}
