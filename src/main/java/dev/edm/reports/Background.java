package dev.edm.reports;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Work started on a thread of its own and joined when its result is needed, so a report's independent reads
 * (the catalog, the stock history, the sales) run on two cores at once. Its error is thrown by {@link #join}.
 */
final class Background<T> {
    private final FutureTask<T> task;

    private Background(Supplier<T> work) {
        this.task = new FutureTask<>(work::get);
    }

    static <T> Background<T> start(String name, Supplier<T> work) {
        Background<T> b = new Background<>(work);
        Thread.ofPlatform().name(name).daemon().start(b.task);
        return b;
    }

    /** The result, once the work is done; its error when it failed. */
    T join() {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a report's data", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
