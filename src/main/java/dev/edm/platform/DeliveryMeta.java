package dev.edm.platform;

import java.util.Map;
import java.util.Objects;

/**
 * What a verified delivery says about itself, read from its headers: the store it belongs to, its topic
 * and the ids used for deduplication.
 *
 * @param signed false only for unsigned deliveries accepted in debug mode
 * @param headers the platform headers worth keeping with the raw body (no secrets)
 */
public record DeliveryMeta(
        String store,
        String topic,
        String webhookId,
        String eventId,
        String triggeredAt,
        String apiVersion,
        boolean signed,
        Map<String, String> headers) {

    public DeliveryMeta {
        Objects.requireNonNull(store, "store");
        headers = Map.copyOf(headers);
    }
}
