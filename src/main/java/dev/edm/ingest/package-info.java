/**
 * Ingest: raw delivery, then verification, deduplication and a durable group commit to the inbox before
 * the acknowledgement, then background processing in arrival order. No HTTP framework types.
 */
package dev.edm.ingest;
