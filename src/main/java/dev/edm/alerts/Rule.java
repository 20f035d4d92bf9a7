package dev.edm.alerts;

import java.util.Locale;
import java.util.Optional;

/** The alert rules and their severities. */
public enum Rule {
    LOW_STOCK("warning"),
    OUT_OF_STOCK("critical"),
    NO_SALES("info"),
    /** A store's feed stopped (no deliveries for far longer than usual) or its deliveries mostly fail verification. */
    INTEGRATION_HEALTH("critical");

    private final String severity;

    Rule(String severity) {
        this.severity = severity;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String severity() {
        return severity;
    }

    public static Optional<Rule> fromId(String id) {
        for (Rule r : values()) {
            if (r.id().equalsIgnoreCase(id) || r.id().replace('_', '-').equalsIgnoreCase(id)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
