package dev.edm.platform;

import java.util.List;

/** An adapter whose deliveries only name resources: says which ones processing must read from the platform. */
public interface DetailRequests {
    /**
     * The resources a stored delivery of a handled topic names (empty when it carries everything itself).
     *
     * @throws UnreadablePayloadException when the payload cannot be understood
     */
    List<DetailRequest> detailRequests(String topic, String store, byte[] body);
}
