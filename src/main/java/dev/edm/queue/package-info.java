/**
 * Deliveries pulled from message queues rather than pushed over HTTP: the SQS poller for Amazon SP-API
 * notifications. Each message goes through ingest's public API, so verification, dedupe, metrics and
 * durability are those of a webhook, and is deleted from the queue only after its commit.
 */
package dev.edm.queue;
