package dev.edm.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One platform's webhook secrets: defaults for any store, and per-store lists (keyed by lower-case store
 * id, e.g. a shop domain). Several secrets for one store are all accepted, so a secret can be rotated
 * without downtime. Never prints a secret.
 */
public record StoreSecrets(List<String> defaultSecrets, Map<String, List<String>> storeSecrets) {
    public static final StoreSecrets NONE = new StoreSecrets(List.of(), Map.of());

    public StoreSecrets {
        defaultSecrets = List.copyOf(defaultSecrets);
        storeSecrets = Map.copyOf(storeSecrets);
    }

    /** The secrets that may have signed a delivery from this store (its own, else the defaults). */
    public List<String> secretsFor(String store) {
        if (store != null) {
            List<String> own = storeSecrets.get(store.toLowerCase(Locale.ROOT));
            if (own != null) {
                return own;
            }
        }
        return defaultSecrets;
    }

    public boolean anySecret() {
        return !defaultSecrets.isEmpty() || !storeSecrets.isEmpty();
    }

    @Override
    public String toString() {
        return "StoreSecrets[defaults=" + defaultSecrets.size() + ", stores with own secrets=" + storeSecrets.keySet()
                + "]";
    }
}
