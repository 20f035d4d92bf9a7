package dev.edm.sync;

/** What a difference found by reconciliation is about (the {@code kind} label of its metric). */
public enum DifferenceKind {
    PRODUCT("product"),
    STOCK("stock"),
    ORDER("order");

    private final String label;

    DifferenceKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
