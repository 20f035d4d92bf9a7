package dev.edm.sync;

/** One resource as read from a platform's API, in the shape of the delivery it becomes when it differs. */
record SyncDocument(DifferenceKind kind, String resourceId, String topic, byte[] body) {}
