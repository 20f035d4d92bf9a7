package dev.edm.storage;

/** The database could not do what was asked (unreachable, full, locked too long); callers answer 503. */
public final class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
