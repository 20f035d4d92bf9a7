package dev.edm.notify;

import java.util.Locale;
import java.util.Optional;

/** The ways a message can travel. */
public enum ChannelKind {
    EMAIL,
    SLACK,
    SMS,
    WEBHOOK;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ChannelKind> fromId(String id) {
        for (ChannelKind k : values()) {
            if (k.id().equalsIgnoreCase(id)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
