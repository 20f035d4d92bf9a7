package dev.edm.ingest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What a handler reads from deliveries' bodies without the database (parsing: pure, and the costly part),
 * worked out ahead in {@link DeliveryHandler#prepare} on every core, while the processor is still busy with
 * the batch before, then taken when the batch is handled. A delivery not prepared ahead (or dropped) is
 * worked out when it is taken, with the same result: the work depends only on the delivery.
 */
final class Prepared<T> {
    /** Batches at least this large are worked on all cores. */
    private static final int PARALLEL_FROM = 32;

    /** Results never taken (a batch abandoned after a lost lease) are dropped beyond this many. */
    private static final int MAX_HELD = 200_000;

    private final Map<Long, T> byId = new ConcurrentHashMap<>();
    private final Function<StoredDelivery, T> work;

    Prepared(Function<StoredDelivery, T> work) {
        this.work = work;
    }

    void prepare(List<StoredDelivery> deliveries) {
        if (byId.size() + deliveries.size() > MAX_HELD) {
            byId.clear();
        }
        (deliveries.size() >= PARALLEL_FROM ? deliveries.parallelStream() : deliveries.stream())
                .forEach(d -> byId.put(d.id(), work.apply(d)));
    }

    /** The results for these deliveries, in order: prepared ones taken, the others worked out now. */
    List<T> take(List<StoredDelivery> deliveries) {
        return (deliveries.size() >= PARALLEL_FROM ? deliveries.parallelStream() : deliveries.stream())
                .map(d -> {
                    T done = byId.remove(d.id());
                    return done != null ? done : work.apply(d);
                })
                .toList();
    }
}
