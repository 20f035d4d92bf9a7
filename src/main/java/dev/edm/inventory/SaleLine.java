package dev.edm.inventory;

import java.math.BigDecimal;
import java.time.Instant;

/** One sold order line, with how many of its units were reversed (cancelled or refunded). */
public record SaleLine(
        String store,
        String orderId,
        String lineId,
        String variantId,
        String sku,
        int quantity,
        int reversedQuantity,
        BigDecimal unitPrice,
        String currency,
        Instant soldAt,
        String saleDay) {

    public int netQuantity() {
        return quantity - reversedQuantity;
    }
}
