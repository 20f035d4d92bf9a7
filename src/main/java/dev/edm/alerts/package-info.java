/**
 * Alerts: low stock (global, per SKU, per location; resolved only above threshold + margin), out of stock, no
 * sales and integration health (a store's feed stopped or fails verification), evaluated when state changes and
 * on a schedule; one open alert per problem with its lifecycle (firing, acknowledged, snoozed, resolved),
 * silences and inhibition, history kept. Notices (firing, repeat, resolved) go to an {@link dev.edm.alerts.AlertSink}
 * inside the transaction that changed the alert; replay sends none.
 */
package dev.edm.alerts;
