package dev.edm.ingest;

import dev.edm.event.Platform;
import dev.edm.platform.DeliveryMeta;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes an inbox journal as a server killed before importing it leaves it (for tests outside this package). */
public final class JournalLeftovers {
    private JournalLeftovers() {}

    /** One signed Shopify delivery under delivery id {@code id}, in the journal folder {@code journalDir}. */
    public static void writeShopify(
            Path journalDir, long id, String shop, String topic, String webhookId, String body, long receivedAtMillis) {
        DeliveryMeta meta = new DeliveryMeta(shop, topic, webhookId, null, null, "2026-10", true, Map.of());
        NewDelivery delivery = new NewDelivery(
                Platform.SHOPIFY,
                meta,
                "{\"x-shopify-webhook-id\":\"" + webhookId + "\"}",
                body.getBytes(StandardCharsets.UTF_8),
                receivedAtMillis);
        try (InboxJournal journal = InboxJournal.open(journalDir)) {
            journal.append(List.of(new InboxJournal.Entry(id, delivery)));
        }
    }
}
