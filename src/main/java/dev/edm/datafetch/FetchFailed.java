package dev.edm.datafetch;

/** The fetch cannot go on: an HTTP error, a network failure after the retries, or a body that is not JSON. */
public final class FetchFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FetchFailed(String message) {
        super(message);
    }
}
