package dev.edm.stores;

import dev.edm.event.StoreKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A store as {@code edm stores list} shows it: never a secret, only where each comes from.
 *
 * @param secretSource {@code env:NAME, ...}, {@code encrypted (N)} or {@code none}
 * @param tokenSource the same for the API token
 * @param lastDelivery when the last event of the store was applied, if any
 * @param status the store's state ({@code active}, {@code disconnected}) or {@code no deliveries yet}
 */
public record RegisteredStore(
        StoreKey key,
        String name,
        String secretSource,
        String tokenSource,
        Optional<Instant> lastDelivery,
        String status) {
    public RegisteredStore {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lastDelivery, "lastDelivery");
    }

    /** Describes stored references without revealing any secret. */
    static String describe(List<String> refs) {
        if (refs.isEmpty()) {
            return "none";
        }
        List<String> envs =
                refs.stream().filter(r -> r.startsWith(SecretRefs.ENV)).toList();
        long encrypted = refs.size() - envs.size();
        StringBuilder out = new StringBuilder(String.join(", ", envs));
        if (encrypted > 0) {
            out.append(out.isEmpty() ? "" : ", ")
                    .append("encrypted (")
                    .append(encrypted)
                    .append(')');
        }
        return out.toString();
    }
}
