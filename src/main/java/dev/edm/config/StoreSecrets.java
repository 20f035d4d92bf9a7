package dev.edm.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One platform's webhook secrets: defaults for any store, per-store lists (keyed by lower-case store id, e.g.
 * a shop domain) from the environment, and the secrets the store registry ({@code edm stores}) holds, looked up
 * at use so a store added while the server runs is honoured without a restart. Several secrets for one store
 * are all accepted, so a secret can be rotated without downtime. Never prints a secret.
 *
 * @param registry the registry's secrets of a store (lower-case id); empty when it holds none
 */
public record StoreSecrets(
        List<String> defaultSecrets, Map<String, List<String>> storeSecrets, Function<String, List<String>> registry) {
    private static final Function<String, List<String>> NO_REGISTRY = store -> List.of();
    public static final StoreSecrets NONE = new StoreSecrets(List.of(), Map.of());

    public StoreSecrets {
        defaultSecrets = List.copyOf(defaultSecrets);
        storeSecrets = Map.copyOf(storeSecrets);
        Objects.requireNonNull(registry, "registry");
    }

    /** Secrets from the environment only. */
    public StoreSecrets(List<String> defaultSecrets, Map<String, List<String>> storeSecrets) {
        this(defaultSecrets, storeSecrets, NO_REGISTRY);
    }

    /** The same environment secrets, plus the registry's secrets of each store. */
    public StoreSecrets withRegistry(Function<String, List<String>> lookup) {
        return new StoreSecrets(defaultSecrets, storeSecrets, lookup);
    }

    /**
     * The secrets that may have signed a delivery from this store: the registry's, then its own from the
     * environment, else the environment's defaults.
     */
    public List<String> secretsFor(String store) {
        List<String> env = envSecretsFor(store);
        List<String> registered = registered(store);
        if (registered.isEmpty()) {
            return env;
        }
        List<String> all = new ArrayList<>(registered);
        all.addAll(env);
        return List.copyOf(all);
    }

    /** The registry's secrets of a store (none for a null store). */
    public List<String> registered(String store) {
        return store == null ? List.of() : registry.apply(store.toLowerCase(Locale.ROOT));
    }

    private List<String> envSecretsFor(String store) {
        if (store != null) {
            List<String> own = storeSecrets.get(store.toLowerCase(Locale.ROOT));
            if (own != null) {
                return own;
            }
        }
        return defaultSecrets;
    }

    /** Whether the environment configures any secret (the registry is not consulted). */
    public boolean anySecret() {
        return !defaultSecrets.isEmpty() || !storeSecrets.isEmpty();
    }

    @Override
    public String toString() {
        return "StoreSecrets[defaults=" + defaultSecrets.size() + ", stores with own secrets=" + storeSecrets.keySet()
                + "]";
    }
}
