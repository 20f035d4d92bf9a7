package dev.edm.ingest;

import java.util.Locale;
import java.util.Optional;

/** Where a stored delivery is in processing. */
public enum DeliveryStatus {
    PENDING,
    PROCESSED,
    IGNORED,
    FAILED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeliveryStatus> fromId(String id) {
        for (DeliveryStatus s : values()) {
            if (s.id().equalsIgnoreCase(id)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
