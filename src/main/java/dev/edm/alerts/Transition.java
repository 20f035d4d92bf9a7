package dev.edm.alerts;

/** The outcome of acknowledging, snoozing or resolving an alert by hand. */
public sealed interface Transition {
    /** Done; the alert after the change. */
    record Changed(Alert alert) implements Transition {}

    /** No alert has this id. */
    record NotFound(long id) implements Transition {}

    /** The change makes no sense in the alert's state (e.g. acknowledging a resolved alert). */
    record Conflict(String message) implements Transition {}
}
