package dev.edm.platform.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edm.event.CanonicalEvent;
import dev.edm.event.CanonicalEvent.InventoryItemDeleted;
import dev.edm.event.CanonicalEvent.ProductUpserted;
import dev.edm.event.CanonicalEvent.SaleRecorded;
import dev.edm.event.CanonicalEvent.SaleReversed;
import dev.edm.event.CanonicalEvent.StockLevelChanged;
import dev.edm.event.CanonicalEvent.StockLevelDisconnected;
import dev.edm.platform.UnreadablePayloadException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shopify's published sample payloads mapped to canonical events. */
class ShopifyPayloadsTest {
    static final Instant RECEIVED = Instant.parse("2026-11-27T10:00:00Z");

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = ShopifyPayloadsTest.class.getResourceAsStream("/fixtures/shopify/" + name + ".json")) {
            return in.readAllBytes();
        }
    }

    static List<CanonicalEvent> interpret(String topic, byte[] body) {
        return ShopifyPayloads.interpret(topic, "shop.myshopify.com", body, RECEIVED);
    }

    @Test
    void productsCreateGivesEveryVariantWithExactIdsTitlesPricesAndQuantities() throws Exception {
        List<CanonicalEvent> events = interpret("products/create", fixture("topic_products__create"));

        assertThat(events).singleElement().isInstanceOfSatisfying(ProductUpserted.class, p -> {
            assertThat(p.productId()).isEqualTo("788032119674292922");
            assertThat(p.status()).isEqualTo("active");
            assertThat(p.at()).isEqualTo(Instant.parse("2022-01-01T00:00:00Z")); // 2021-12-31T19:00:00-05:00
            assertThat(p.variants()).hasSize(2);
            assertThat(p.variants().get(0).variantId()).isEqualTo("642667041472713922");
            assertThat(p.variants().get(0).title()).isEqualTo("Example T-Shirt - Small");
            assertThat(p.variants().get(0).price().amount()).isEqualByComparingTo(new BigDecimal("19.99"));
            assertThat(p.variants().get(0).inventoryQuantity()).isEqualTo(75);
            assertThat(p.variants().get(0).inventoryItemId()).isNull();
        });
    }

    @Test
    void levelIdsComeFromTheGraphqlIdWhereTheNumberLostDigits() throws Exception {
        // the sample's inventory_item_id went through a double (…884000); its gid has the exact id (…884015)
        List<CanonicalEvent> events = interpret("inventory_levels/update", fixture("topic_inventory_levels__update"));

        assertThat(events).singleElement().isInstanceOfSatisfying(StockLevelChanged.class, l -> {
            assertThat(l.inventoryItemId()).isEqualTo("271878346596884015");
            assertThat(l.locationId()).isEqualTo("24826418");
            assertThat(l.available()).isNull();
        });
        assertThat(interpret("inventory_levels/disconnect", fixture("topic_inventory_levels__disconnect")))
                .singleElement()
                .isInstanceOf(StockLevelDisconnected.class);
        assertThat(interpret("inventory_items/delete", fixture("topic_inventory_items__delete")))
                .singleElement()
                .isInstanceOfSatisfying(
                        InventoryItemDeleted.class,
                        d -> assertThat(d.inventoryItemId()).isEqualTo("271878346596884015"));
    }

    @Test
    void anOrderGivesOneSalePerLineAndItsCancellationAReversal() throws Exception {
        List<CanonicalEvent> events = interpret("orders/cancelled", fixture("topic_orders__cancelled"));

        List<SaleRecorded> sales = events.stream()
                .filter(e -> e instanceof SaleRecorded)
                .map(e -> (SaleRecorded) e)
                .toList();
        assertThat(sales).hasSize(5).allSatisfy(s -> {
            assertThat(s.orderId()).isEqualTo("820982911946154508");
            assertThat(s.unitPrice().currency()).isEqualTo("USD");
        });
        assertThat(sales.get(0).sku()).isEqualTo("SKU2006-001");
        assertThat(sales.get(0).unitPrice().amount()).isEqualByComparingTo("89.99");
        assertThat(events).last().isInstanceOfSatisfying(SaleReversed.class, r -> {
            assertThat(r.lineId()).isNull();
            assertThat(r.reversalId()).isEqualTo("cancel");
        });
    }

    @Test
    void numericStringsAreAcceptedAndFloatsAreNeverIds() {
        byte[] body =
                "{\"inventory_item_id\":\"12\",\"location_id\":34,\"available\":\"-2\",\"updated_at\":\"2026-01-01T00:00:00+02:00\"}"
                        .getBytes(StandardCharsets.UTF_8);
        assertThat(interpret("inventory_levels/update", body))
                .singleElement()
                .isInstanceOfSatisfying(StockLevelChanged.class, l -> {
                    assertThat(l.inventoryItemId()).isEqualTo("12");
                    assertThat(l.available()).isEqualTo(-2);
                    assertThat(l.at()).isEqualTo(Instant.parse("2025-12-31T22:00:00Z"));
                });
        byte[] floatId = "{\"inventory_item_id\":1.5,\"location_id\":3}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> interpret("inventory_levels/update", floatId))
                .isInstanceOf(UnreadablePayloadException.class)
                .hasMessageContaining("inventory_item_id is not an id");
        byte[] badQty =
                "{\"inventory_item_id\":1,\"location_id\":3,\"available\":\"many\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> interpret("inventory_levels/update", badQty))
                .hasMessageContaining("available is not a whole number");
    }

    @Test
    void unknownTopicsMeanNothing() throws Exception {
        assertThat(interpret("themes/publish", "{}".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
    }
}
