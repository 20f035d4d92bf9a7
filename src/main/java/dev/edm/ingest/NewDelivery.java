package dev.edm.ingest;

import dev.edm.event.Platform;
import dev.edm.platform.DeliveryMeta;

/** A verified delivery on its way into the inbox. */
record NewDelivery(Platform platform, DeliveryMeta meta, String headersJson, byte[] body, long receivedAtMillis) {}
