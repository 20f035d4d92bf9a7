/**
 * Reconciliation ({@code edm sync}): reads each store's catalog, stock and recent orders back from its
 * platform's API, compares them with the derived state, and stores only what differs as deliveries of its own
 * ({@code edm/sync/...}), which the platform adapters interpret like webhooks. Replay needs no network.
 */
package dev.edm.sync;
