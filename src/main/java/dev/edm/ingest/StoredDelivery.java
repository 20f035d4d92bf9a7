package dev.edm.ingest;

import dev.edm.event.Platform;
import java.time.Instant;

/** A delivery as kept in the inbox; {@code body} is null in listings. */
public record StoredDelivery(
        long id,
        Platform platform,
        String store,
        String topic,
        String webhookId,
        String eventId,
        String triggeredAt,
        String apiVersion,
        Instant receivedAt,
        boolean signed,
        String headers,
        byte[] body,
        int bodySize,
        DeliveryStatus status,
        String statusReason,
        Instant processedAt) {}
