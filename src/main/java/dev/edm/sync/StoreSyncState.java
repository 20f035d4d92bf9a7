package dev.edm.sync;

import java.time.Instant;
import java.util.Optional;

/**
 * A store's reconciliation record: when it was last read completely, the last attempt, its error and summary.
 *
 * @param store the store key, e.g. {@code shopify:shop-a.myshopify.com}
 */
public record StoreSyncState(
        String store,
        String platform,
        Optional<Instant> lastSyncedAt,
        Instant lastAttemptAt,
        Optional<String> lastError,
        String lastSummary) {}
