package dev.edm.inventory;

/** A variant of a store: the unit alerts and reports speak about. */
public record VariantRef(String store, String variantId) {}
