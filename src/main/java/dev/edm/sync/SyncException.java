package dev.edm.sync;

/** A read from a platform's API that failed after its retries (the run stops; nothing half-read is lost). */
final class SyncException extends Exception {
    SyncException(String message) {
        super(message, null, false, false);
    }
}
