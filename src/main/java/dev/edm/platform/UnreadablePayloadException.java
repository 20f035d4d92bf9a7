package dev.edm.platform;

/** A verified delivery whose payload cannot be understood; the delivery is kept and marked failed with this message. */
public final class UnreadablePayloadException extends RuntimeException {
    public UnreadablePayloadException(String message) {
        super(message);
    }

    public UnreadablePayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
