package dev.edm.testing;

import java.util.function.LongSupplier;

/** Polls a number until it has the expected value, for outcomes that happen in the background. */
public final class Await {
    private Await() {}

    /** Waits until {@code actual} gives {@code expected}, or fails after the timeout naming {@code what}. */
    public static void count(long expected, long timeoutMillis, LongSupplier actual, String what) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        long last = -1;
        while (System.currentTimeMillis() < deadline) {
            last = actual.getAsLong();
            if (last == expected) {
                return;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("expected " + expected + " from " + what + " but got " + last);
    }
}
