package dev.edm.alerts;

import java.time.Instant;

/** One alert: opened once when its condition began, resolved when it cleared; history is kept. */
public record Alert(
        long id,
        Rule rule,
        String severity,
        String store,
        String variantId,
        String locationId,
        String sku,
        String title,
        String status,
        Instant openedAt,
        Instant resolvedAt,
        String reason,
        String resolveReason,
        Integer currentValue,
        Integer threshold) {}
