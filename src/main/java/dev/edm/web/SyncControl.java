package dev.edm.web;

import dev.edm.event.Platform;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What {@code /api/sync} asks of reconciliation (implemented where it is wired). */
public interface SyncControl {
    /** The stores of the platform edm can read (or the one named, if it can), started in the background. */
    List<String> start(Platform platform, Optional<String> store);

    /** Every store's last reconciliation, as JSON-ready maps. */
    List<Map<String, Object>> states();
}
