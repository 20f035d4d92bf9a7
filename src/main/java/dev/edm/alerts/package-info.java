/**
 * Alerts: low stock (global, per SKU, per location), out of stock and no sales, evaluated when state changes
 * and on a schedule; one open alert per problem, resolved when it clears, history kept.
 */
package dev.edm.alerts;
