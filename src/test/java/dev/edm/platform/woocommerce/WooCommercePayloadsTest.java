package dev.edm.platform.woocommerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edm.event.CanonicalEvent;
import dev.edm.event.CanonicalEvent.ProductDeleted;
import dev.edm.event.CanonicalEvent.ProductUpserted;
import dev.edm.event.CanonicalEvent.ProductVariantsListed;
import dev.edm.event.CanonicalEvent.SaleRecorded;
import dev.edm.event.CanonicalEvent.SaleReversed;
import dev.edm.event.CanonicalEvent.VariantUpserted;
import dev.edm.event.Money;
import dev.edm.event.Platform;
import dev.edm.event.StoreKey;
import dev.edm.platform.UnreadablePayloadException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The published REST v3 examples (what WooCommerce webhooks send) and variations of them. */
class WooCommercePayloadsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String HOST = "shop.example.com";
    static final StoreKey STORE = new StoreKey(Platform.WOOCOMMERCE, HOST);
    static final Instant RECEIVED = Instant.parse("2026-11-01T12:00:00Z");

    static ObjectNode fixture(String name) throws IOException {
        return (ObjectNode) JSON.readTree(WooCommerceWebhooksTest.fixture(name));
    }

    static List<CanonicalEvent> interpret(String topic, ObjectNode body) {
        return WooCommercePayloads.interpret(topic, HOST, body.toString().getBytes(StandardCharsets.UTF_8), RECEIVED);
    }

    /** The product example as a simple product with the given stock fields. */
    static ObjectNode simple(Boolean manage, Integer quantity, String stockStatus) throws IOException {
        ObjectNode p = fixture("product.rest_v3_example.json");
        p.put("type", "simple").put("sku", "SYI-1").put("price", "21.99");
        p.put("manage_stock", manage);
        p.put("stock_quantity", quantity);
        p.put("stock_status", stockStatus);
        return p;
    }

    @Test
    void thePublishedVariableProductListsItsVariations() throws IOException {
        ObjectNode p = fixture("product.rest_v3_example.json");

        assertThat(interpret("product.updated", p))
                .containsExactly(
                        new ProductVariantsListed(STORE, Instant.parse("2017-03-23T20:03:12Z"), "799", List.of()));

        p.putArray("variations").add(800).add("801");
        assertThat(interpret("product.created", p))
                .singleElement()
                .isInstanceOfSatisfying(
                        ProductVariantsListed.class,
                        e -> assertThat(e.variantIds()).containsExactly("800", "801"));
    }

    @Test
    void aSimpleProductIsItsOwnVariantWithManagedStock() throws IOException {
        List<CanonicalEvent> events = interpret("product.updated", simple(true, 3, "instock"));

        assertThat(events).singleElement().isInstanceOfSatisfying(ProductUpserted.class, e -> {
            assertThat(e.store()).isEqualTo(STORE);
            assertThat(e.productId()).isEqualTo("799");
            assertThat(e.title()).isEqualTo("Ship Your Idea");
            assertThat(e.status()).as("publish is live").isEqualTo("active");
            assertThat(e.at()).as("date_modified_gmt has no offset: UTC").isEqualTo("2017-03-23T20:03:12Z");
            assertThat(e.variants()).singleElement().satisfies(v -> {
                assertThat(v.variantId()).isEqualTo("799");
                assertThat(v.sku()).isEqualTo("SYI-1");
                assertThat(v.title()).isEqualTo("Ship Your Idea");
                assertThat(v.price()).isEqualTo(new Money(new BigDecimal("21.99"), null));
                assertThat(v.inventoryQuantity()).isEqualTo(3);
            });
        });
    }

    @Test
    void unmanagedStockIsUnknownUnlessMarkedOutOfStock() throws IOException {
        assertThat(WooCommercePayloads.stock(simple(false, null, "instock"))).isNull();
        assertThat(WooCommercePayloads.stock(simple(false, null, "onbackorder")))
                .isNull();
        assertThat(WooCommercePayloads.stock(simple(false, null, "outofstock"))).isZero();
        assertThat(WooCommercePayloads.stock(simple(true, -2, "onbackorder"))).isEqualTo(-2);
        assertThat(WooCommercePayloads.stock(simple(true, 0, "outofstock"))).isZero();
        ObjectNode numericString = simple(true, null, "instock");
        numericString.put("stock_quantity", "7");
        assertThat(WooCommercePayloads.stock(numericString)).isEqualTo(7);
        ObjectNode v1 = simple(false, null, null);
        v1.remove("stock_status");
        v1.put("in_stock", false);
        assertThat(WooCommercePayloads.stock(v1)).as("API v1 in_stock").isZero();
    }

    @Test
    void aVariationIsOneVariantOfItsParentAndMayTakeTheParentsStock() throws IOException {
        ObjectNode v = simple(null, 4, "instock");
        v.put("id", 800).put("parent_id", 799).put("type", "variation").put("name", "Ship Your Idea - Black, S");
        v.put("manage_stock", "parent").put("status", "private");

        assertThat(interpret("product.updated", v)).singleElement().isInstanceOfSatisfying(VariantUpserted.class, e -> {
            assertThat(e.productId()).isEqualTo("799");
            assertThat(e.status()).isEqualTo("private");
            assertThat(e.variant().variantId()).isEqualTo("800");
            assertThat(e.variant().title()).isEqualTo("Ship Your Idea - Black, S");
            assertThat(e.variant().inventoryQuantity()).isEqualTo(4);
        });

        v.put("parent_id", 0);
        assertThatThrownBy(() -> interpret("product.updated", v))
                .isInstanceOf(UnreadablePayloadException.class)
                .hasMessageContaining("parent_id");
    }

    @Test
    void aGroupedProductHasNoVariantOfItsOwn() throws IOException {
        ObjectNode g = simple(false, null, "instock");
        g.put("type", "grouped");
        assertThat(interpret("product.updated", g))
                .singleElement()
                .isInstanceOfSatisfying(
                        ProductUpserted.class, e -> assertThat(e.variants()).isEmpty());
    }

    @Test
    void deletedSendsOnlyTheId() {
        assertThat(interpret("product.deleted", JSON.createObjectNode().put("id", 799)))
                .containsExactly(new ProductDeleted(STORE, RECEIVED, "799"));
        assertThatThrownBy(() -> interpret("product.deleted", JSON.createObjectNode()))
                .isInstanceOf(UnreadablePayloadException.class)
                .hasMessageContaining("missing id");
    }

    @Test
    void restoredAndPublishedDescribeTheProductAgain() throws IOException {
        assertThat(interpret("product.restored", simple(true, 1, "instock")))
                .singleElement()
                .isInstanceOf(ProductUpserted.class);
        assertThat(interpret("product.published", simple(true, 1, "instock")))
                .singleElement()
                .isInstanceOf(ProductUpserted.class);
    }

    @Test
    void thePublishedOrderRecordsEachLineOnce() throws IOException {
        List<CanonicalEvent> events = interpret("order.created", fixture("order.rest_v3_example.json"));

        Instant paid = Instant.parse("2017-03-22T19:28:08Z");
        assertThat(events)
                .containsExactly(
                        new SaleRecorded(
                                STORE, paid, "727", "315", "93", null, 2, new Money(new BigDecimal("3"), "USD")),
                        new SaleRecorded(
                                STORE, paid, "727", "316", "23", "Bar3", 1, new Money(new BigDecimal("12"), "USD")));
    }

    @Test
    void unpaidOrdersAreNotSalesYet() throws IOException {
        for (String status : List.of("pending", "on-hold", "failed", "cancelled", "checkout-draft")) {
            ObjectNode o = fixture("order.rest_v3_example.json");
            o.put("status", status).putNull("date_paid").putNull("date_paid_gmt");
            assertThat(interpret("order.updated", o)).as(status).isEmpty();
        }
    }

    @Test
    void aPaidOrderThatIsCancelledRefundedOrFailedIsReversedIdempotently() throws IOException {
        for (String status : List.of("cancelled", "refunded", "failed")) {
            ObjectNode o = fixture("order.rest_v3_example.json");
            o.put("status", status).put("date_modified_gmt", "2017-03-25T10:00:00");

            List<CanonicalEvent> events = interpret("order.updated", o);

            assertThat(events).filteredOn(SaleRecorded.class::isInstance).hasSize(2);
            assertThat(events.get(events.size() - 1))
                    .isEqualTo(new SaleReversed(
                            STORE, Instant.parse("2017-03-25T10:00:00Z"), "727", null, "status:" + status, null));
            assertThat(interpret("order.updated", o))
                    .as("the same reversal id every time")
                    .isEqualTo(events);
        }
    }

    @Test
    void lineIdsAndQuantitiesAsStringsAndLinesWithoutProducts() throws IOException {
        ObjectNode o = fixture("order.rest_v3_example.json");
        ObjectNode line = (ObjectNode) o.get("line_items").get(0);
        line.put("id", "315")
                .put("quantity", "4")
                .put("product_id", 0)
                .put("sku", "GONE-1")
                .put("price", 2.5);
        ObjectNode second = (ObjectNode) o.get("line_items").get(1);
        second.put("quantity", 0);

        assertThat(interpret("order.created", o)).singleElement().isInstanceOfSatisfying(SaleRecorded.class, s -> {
            assertThat(s.lineId()).isEqualTo("315");
            assertThat(s.quantity()).isEqualTo(4);
            assertThat(s.variantId())
                    .as("a deleted product has id 0: matched by SKU")
                    .isNull();
            assertThat(s.sku()).isEqualTo("GONE-1");
            assertThat(s.unitPrice()).isEqualTo(new Money(new BigDecimal("2.5"), "USD"));
        });
    }

    @Test
    void unreadablePayloadsSayWhy() throws IOException {
        ObjectNode o = fixture("order.rest_v3_example.json");
        ((ObjectNode) o.get("line_items").get(0)).remove("id");
        assertThatThrownBy(() -> interpret("order.updated", o)).hasMessageContaining("line_items[].id");

        ObjectNode p = simple(true, null, "instock");
        p.put("stock_quantity", "many");
        assertThatThrownBy(() -> interpret("product.updated", p)).hasMessageContaining("stock_quantity");

        ObjectNode t = simple(true, 1, "instock");
        t.put("date_modified_gmt", "yesterday");
        assertThatThrownBy(() -> interpret("product.updated", t)).hasMessageContaining("date_modified_gmt");
    }
}
