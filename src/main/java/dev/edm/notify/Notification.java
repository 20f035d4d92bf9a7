package dev.edm.notify;

/**
 * One outbox row: a message to one receiver (or, while {@code held}/{@code digested}, an item waiting for or
 * included in a digest). Times are epoch milliseconds.
 *
 * @param status held, digested, pending, sent or dead
 * @param items how many alert items the message carries
 */
public record Notification(
        long id,
        String key,
        String store,
        Long alertId,
        String receiver,
        String channel,
        String address,
        String kind,
        String severity,
        String status,
        int attempts,
        long nextAttemptAt,
        String lastError,
        long createdAt,
        Long sentAt,
        Long digestId,
        int items) {}
