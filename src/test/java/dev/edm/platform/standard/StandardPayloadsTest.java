package dev.edm.platform.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edm.event.CanonicalEvent;
import dev.edm.event.CanonicalEvent.ProductDeleted;
import dev.edm.event.CanonicalEvent.ProductUpserted;
import dev.edm.event.CanonicalEvent.SaleRecorded;
import dev.edm.event.CanonicalEvent.SaleReversed;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The canonical Standard Webhooks payloads of docs/platforms/standard-webhooks.md, type by type. */
class StandardPayloadsTest {
    static final StoreKey ERP = new StoreKey(Platform.STANDARD, "erp");
    static final Instant RECEIVED = Instant.parse("2026-05-01T10:00:05Z");
    static final Instant SENT = Instant.parse("2026-05-01T10:00:00Z");

    static List<CanonicalEvent> interpret(String type, String json) {
        return StandardPayloads.interpret(type, "erp", json.getBytes(StandardCharsets.UTF_8), RECEIVED);
    }

    @Test
    void inventoryUpdatedSetsTheLevelOfEachSkuAtItsLocation() {
        List<CanonicalEvent> events = interpret("inventory.updated", """
                {"type":"inventory.updated","timestamp":"2026-05-01T12:00:00+02:00",
                 "data":{"items":[{"sku":"TSHIRT-RED-M","location":"main","available":12},
                                  {"sku":"MUG-01","available":"0"},
                                  {"sku":"CAP-9","location":"shop","available":-2,"updated_at":"2026-05-01T09:59:00Z"}]}}
                """);

        assertThat(events)
                .containsExactly(
                        new StockLevelChanged(ERP, SENT, "TSHIRT-RED-M", "main", 12),
                        new StockLevelChanged(ERP, SENT, "MUG-01", "default", 0),
                        new StockLevelChanged(ERP, Instant.parse("2026-05-01T09:59:00Z"), "CAP-9", "shop", -2));
    }

    @Test
    void productUpdatedMakesEachSkuAProductOfOneVariant() {
        List<CanonicalEvent> events = interpret("product.updated", """
                {"type":"product.updated","timestamp":"2026-05-01T10:00:00Z",
                 "data":{"items":[{"sku":"TSHIRT-RED-M","title":"T-shirt red M","price":"19.90","currency":"EUR",
                                   "available":7},
                                  {"sku":"OLD-1","status":"archived"}]}}
                """);

        assertThat(events)
                .containsExactly(
                        new ProductUpserted(
                                ERP,
                                SENT,
                                "TSHIRT-RED-M",
                                "T-shirt red M",
                                "active",
                                List.of(new Variant(
                                        "TSHIRT-RED-M",
                                        "TSHIRT-RED-M",
                                        "T-shirt red M",
                                        new Money(new BigDecimal("19.90"), "EUR"),
                                        "TSHIRT-RED-M",
                                        7))),
                        new ProductUpserted(
                                ERP,
                                SENT,
                                "OLD-1",
                                "OLD-1",
                                "archived",
                                List.of(new Variant("OLD-1", "OLD-1", "OLD-1", null, "OLD-1", null))));
    }

    @Test
    void productDeletedRemovesEachSku() {
        assertThat(interpret(
                        "product.deleted",
                        "{\"type\":\"product.deleted\",\"timestamp\":\"2026-05-01T10:00:00Z\","
                                + "\"data\":{\"items\":[{\"sku\":\"OLD-1\"}]}}"))
                .containsExactly(new ProductDeleted(ERP, SENT, "OLD-1"));
    }

    @Test
    void orderCreatedRecordsALinePerSkuAtTheOrderTime() {
        List<CanonicalEvent> events = interpret("order.created", """
                {"type":"order.created","timestamp":"2026-05-01T10:00:00Z",
                 "data":{"order_id":"SO-1001","created_at":"2026-05-01T09:58:00-04:00","currency":"USD",
                         "lines":[{"sku":"TSHIRT-RED-M","quantity":2,"unit_price":"19.90"},
                                  {"line_id":7,"sku":"MUG-01","quantity":"1"}]}}
                """);

        Instant soldAt = Instant.parse("2026-05-01T13:58:00Z");
        assertThat(events)
                .containsExactly(
                        new SaleRecorded(
                                ERP,
                                soldAt,
                                "SO-1001",
                                "TSHIRT-RED-M",
                                "TSHIRT-RED-M",
                                "TSHIRT-RED-M",
                                2,
                                new Money(new BigDecimal("19.90"), "USD")),
                        new SaleRecorded(ERP, soldAt, "SO-1001", "7", "MUG-01", "MUG-01", 1, null));
    }

    @Test
    void orderCancelledReversesTheWholeOrder() {
        assertThat(
                        interpret(
                                "order.cancelled",
                                "{\"type\":\"order.cancelled\",\"timestamp\":\"2026-05-01T10:00:00Z\",\"data\":{\"order_id\":\"SO-1001\"}}"))
                .containsExactly(new SaleReversed(ERP, SENT, "SO-1001", null, "cancel", null));
    }

    @Test
    void withoutATimestampTheReceptionTimeIsUsed() {
        assertThat(interpret(
                        "inventory.updated",
                        "{\"type\":\"inventory.updated\",\"data\":{\"items\":[{\"sku\":\"A\",\"available\":1}]}}"))
                .containsExactly(new StockLevelChanged(ERP, RECEIVED, "A", "default", 1));
    }

    @Test
    void theSpecsExamplePayloadIsAnUnknownTypeWithNoEvents() throws Exception {
        byte[] spec;
        try (var in = getClass().getResourceAsStream("/fixtures/standard-webhooks/spec_example_payload.json")) {
            spec = in.readAllBytes();
        }
        assertThat(StandardPayloads.interpret("contact.created", "erp", spec, RECEIVED))
                .isEmpty();
        assertThat(StandardPayloads.TYPES).doesNotContain("contact.created");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":\"inventory.updated\"}",
                "{\"type\":\"inventory.updated\",\"data\":{\"items\":[]}}",
                "{\"type\":\"inventory.updated\",\"data\":{\"items\":[{\"available\":1}]}}",
                "{\"type\":\"inventory.updated\",\"data\":{\"items\":[{\"sku\":\"A\"}]}}",
                "{\"type\":\"inventory.updated\",\"data\":{\"items\":[{\"sku\":\"A\",\"available\":1.5}]}}",
                "{\"type\":\"inventory.updated\",\"timestamp\":\"yesterday\",\"data\":{\"items\":[{\"sku\":\"A\",\"available\":1}]}}",
                "{\"type\":\"inventory.updated\",\"data\":{\"items\":[{\"sku\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"available\":1}]}}"
            })
    void unusableInventoryPayloadsAreUnreadable(String json) {
        assertThatThrownBy(() -> interpret("inventory.updated", json)).isInstanceOf(UnreadablePayloadException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"data\":{\"lines\":[{\"sku\":\"A\",\"quantity\":1}]}}",
                "{\"data\":{\"order_id\":\"1\",\"lines\":[]}}",
                "{\"data\":{\"order_id\":\"1\",\"lines\":[{\"sku\":\"A\",\"quantity\":0}]}}",
                "{\"data\":{\"order_id\":\"1\",\"lines\":[{\"sku\":\"A\",\"quantity\":1},{\"sku\":\"A\",\"quantity\":2}]}}"
            })
    void unusableOrdersAreUnreadable(String json) {
        assertThatThrownBy(() -> interpret("order.created", json)).isInstanceOf(UnreadablePayloadException.class);
    }
}
