/**
 * Stores configured once: the store registry ({@code edm stores}) with its secrets encrypted at rest or
 * referenced from the environment, and the SKU mapping that joins a product sold under different SKUs on
 * different channels.
 */
package dev.edm.stores;
