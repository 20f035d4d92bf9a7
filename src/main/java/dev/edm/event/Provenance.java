package dev.edm.event;

import java.time.Instant;

/** Which stored delivery caused a change, and when it was received; derived rows record it. */
public record Provenance(long deliveryId, Instant receivedAt) {}
