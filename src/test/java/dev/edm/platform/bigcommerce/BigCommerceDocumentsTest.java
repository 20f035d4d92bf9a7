package dev.edm.platform.bigcommerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edm.event.CanonicalEvent;
import dev.edm.event.CanonicalEvent.ProductDeleted;
import dev.edm.event.CanonicalEvent.ProductUpserted;
import dev.edm.event.CanonicalEvent.SaleRecorded;
import dev.edm.event.CanonicalEvent.SaleReversed;
import dev.edm.event.CanonicalEvent.Variant;
import dev.edm.event.Money;
import dev.edm.event.Platform;
import dev.edm.event.StoreKey;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Documents read from the BigCommerce API (shaped after its reference) to canonical events. */
class BigCommerceDocumentsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final StoreKey STORE = new StoreKey(Platform.BIGCOMMERCE, "abc123");
    static final Instant FETCHED = Instant.parse("2026-05-01T10:00:00Z");

    static JsonNode api(String name) {
        try (InputStream in = BigCommerceDocumentsTest.class.getResourceAsStream("/fixtures/bigcommerce/api/" + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<CanonicalEvent> interpret(String topic, byte[] doc) {
        return BigCommerceDocuments.interpret(topic, "abc123", doc);
    }

    @Test
    void aProductTrackedByVariantGivesEachVariantItsLevel() {
        byte[] doc = BigCommerceDocuments.product(
                "167", FETCHED, api("product_167.json").get("data"));

        assertThat(interpret(BigCommerceDocuments.PRODUCT_TOPIC, doc))
                .containsExactly(new ProductUpserted(
                        STORE,
                        FETCHED,
                        "167",
                        "Orbit Terrarium",
                        "active",
                        List.of(
                                new Variant(
                                        "382",
                                        "OT-S",
                                        "Orbit Terrarium - Small",
                                        new Money(new BigDecimal("109"), null),
                                        null,
                                        3),
                                new Variant(
                                        "383",
                                        "OT-L",
                                        "Orbit Terrarium - Large",
                                        new Money(new BigDecimal("129.5"), null),
                                        null,
                                        40))));
    }

    @Test
    void aProductTrackedByProductGivesItsLevelToTheVariant() {
        byte[] doc = BigCommerceDocuments.product(
                "206", FETCHED, api("product_206.json").get("data"));
        ProductUpserted p = (ProductUpserted)
                interpret(BigCommerceDocuments.PRODUCT_TOPIC, doc).get(0);
        assertThat(p.variants())
                .containsExactly(new Variant(
                        "509", "UC-509", "Utility Caddy", new Money(new BigDecimal("45.95"), null), null, 12));
    }

    @ParameterizedTest
    @CsvSource({"none, false, hidden", "variant, true, active"})
    void untrackedProductsHaveNoQuantityAndHiddenOnesAreNotActive(String tracking, boolean visible, String status) {
        ObjectNode data = (ObjectNode) api("product_167.json").get("data");
        data.put("inventory_tracking", tracking).put("is_visible", visible);
        ProductUpserted p = (ProductUpserted)
                interpret(BigCommerceDocuments.PRODUCT_TOPIC, BigCommerceDocuments.product("167", FETCHED, data))
                        .get(0);
        assertThat(p.status()).isEqualTo(status);
        assertThat(p.variants().get(0).inventoryQuantity()).isEqualTo(tracking.equals("none") ? null : 3);
    }

    @Test
    void aProductThatIsGoneIsDeleted() {
        assertThat(interpret(BigCommerceDocuments.PRODUCT_TOPIC, BigCommerceDocuments.product("205", FETCHED, null)))
                .containsExactly(new ProductDeleted(STORE, FETCHED, "205"));
    }

    @Test
    void anOrderRecordsEachLineAtItsCreationTime() {
        byte[] doc = BigCommerceDocuments.order(
                "250", FETCHED, api("order_250.json"), api("order_250_products.json"), JSON.createArrayNode());

        assertThat(interpret(BigCommerceDocuments.ORDER_TOPIC, doc))
                .containsExactly(new SaleRecorded(
                        STORE,
                        Instant.parse("2019-06-25T16:15:35Z"),
                        "250",
                        "101",
                        "382",
                        "OT-S",
                        2,
                        new Money(new BigDecimal("109.0000"), "USD")));
    }

    @Test
    void refundsReverseTheirProductUnitsOnly() {
        byte[] doc = BigCommerceDocuments.order(
                "250",
                FETCHED,
                api("order_250.json"),
                api("order_250_products.json"),
                api("order_250_refunds.json").get("data"));

        List<CanonicalEvent> events = interpret(BigCommerceDocuments.ORDER_TOPIC, doc);
        assertThat(events)
                .hasSize(2)
                .last()
                .isEqualTo(new SaleReversed(
                        STORE, Instant.parse("2019-06-26T10:00:00Z"), "250", "101", "refund:3:101", 1));
    }

    @ParameterizedTest
    @CsvSource({"5, cancel", "6, declined", "4, refunded"})
    void cancelledDeclinedOrRefundedOrdersReverseEverything(int status, String reversal) {
        ObjectNode order = (ObjectNode) api("order_250.json");
        order.put("status_id", status);
        byte[] doc = BigCommerceDocuments.order(
                "250", FETCHED, order, api("order_250_products.json"), JSON.createArrayNode());

        assertThat(interpret(BigCommerceDocuments.ORDER_TOPIC, doc))
                .last()
                .isEqualTo(new SaleReversed(STORE, Instant.parse("2019-06-25T16:16:02Z"), "250", null, reversal, null));
    }

    @Test
    void incompleteCheckoutsAndMissingOrdersAreNotSales() {
        ObjectNode order = (ObjectNode) api("order_250.json");
        order.put("status_id", 0);
        assertThat(interpret(
                        BigCommerceDocuments.ORDER_TOPIC,
                        BigCommerceDocuments.order(
                                "250", FETCHED, order, api("order_250_products.json"), JSON.createArrayNode())))
                .isEmpty();
        assertThat(interpret(
                        BigCommerceDocuments.ORDER_TOPIC, BigCommerceDocuments.order("250", FETCHED, null, null, null)))
                .isEmpty();
    }
}
