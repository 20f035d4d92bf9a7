package dev.edm.inventory;

import java.time.Instant;

/** Stock of an inventory item at one location; {@code available} null when the platform does not track it. */
public record LevelState(
        String store,
        String inventoryItemId,
        String locationId,
        Integer available,
        boolean connected,
        Instant updatedAt) {}
