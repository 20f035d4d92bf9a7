package dev.edm.platform;

import java.util.Objects;

/**
 * A resource a thin delivery names and processing must read from the platform's API, e.g. ("product", "205").
 * The document read is stored as a delivery of its own, so state never depends on the network at replay.
 */
public record DetailRequest(String resource, String resourceId) {
    public DetailRequest {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(resourceId, "resourceId");
    }

    @Override
    public String toString() {
        return resource + " " + resourceId;
    }
}
