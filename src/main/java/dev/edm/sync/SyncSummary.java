package dev.edm.sync;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One store's reconciliation run: what was read, how many differences (missed webhooks) were found by kind,
 * how many deliveries were stored for them, and the error that stopped the run, if one did.
 */
public record SyncSummary(
        String store,
        Instant startedAt,
        int pages,
        int products,
        int levels,
        int orders,
        Map<DifferenceKind, Integer> differences,
        int stored,
        Optional<String> error) {
    public SyncSummary {
        EnumMap<DifferenceKind, Integer> copy = new EnumMap<>(DifferenceKind.class);
        for (DifferenceKind k : DifferenceKind.values()) {
            copy.put(k, differences.getOrDefault(k, 0));
        }
        differences = Map.copyOf(copy);
    }

    /** Every difference found. */
    public int missed() {
        return differences.values().stream().mapToInt(Integer::intValue).sum();
    }

    public boolean complete() {
        return error.isEmpty();
    }

    /** One line for logs and the command line. */
    public String line() {
        String kinds = java.util.Arrays.stream(DifferenceKind.values())
                .map(k -> k.label() + " " + differences.get(k))
                .collect(Collectors.joining(", "));
        return store + ": " + pages + " pages, " + products + " products, " + levels + " stock levels, " + orders
                + " orders read; " + missed() + " differences applied (" + kinds + ")"
                + error.map(e -> "; STOPPED: " + e).orElse("");
    }
}
