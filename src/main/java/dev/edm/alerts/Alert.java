package dev.edm.alerts;

import java.time.Instant;

/**
 * One alert: opened once when its condition began, resolved when it cleared (or by hand); history is kept.
 * {@code status} is open or resolved; {@code state} is firing, acknowledged, snoozed (until {@code snoozedUntil})
 * or resolved. {@code lastNotifiedAt} is when a FIRING or REPEAT notice last went to the sink (null: never).
 */
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
        Integer threshold,
        String state,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant snoozedUntil,
        Instant lastNotifiedAt) {
    public static final String FIRING = "firing";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String SNOOZED = "snoozed";
    public static final String RESOLVED = "resolved";

    public boolean open() {
        return "open".equals(status);
    }

    /** The alert as of {@code now}: a snooze that has run out reads as firing before the next check records it. */
    Alert asOf(Instant now) {
        if (!SNOOZED.equals(state) || snoozedUntil == null || snoozedUntil.isAfter(now)) {
            return this;
        }
        return new Alert(
                id,
                rule,
                severity,
                store,
                variantId,
                locationId,
                sku,
                title,
                status,
                openedAt,
                resolvedAt,
                reason,
                resolveReason,
                currentValue,
                threshold,
                FIRING,
                acknowledgedAt,
                acknowledgedBy,
                null,
                lastNotifiedAt);
    }
}
