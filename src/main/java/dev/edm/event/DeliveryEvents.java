package dev.edm.event;

import java.util.List;

/** The canonical events one stored delivery means, with the delivery they came from. */
public record DeliveryEvents(Provenance provenance, List<CanonicalEvent> events) {
    public DeliveryEvents {
        events = List.copyOf(events);
    }
}
