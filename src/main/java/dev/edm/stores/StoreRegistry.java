package dev.edm.stores;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.edm.config.SecretSettings;
import dev.edm.event.Platform;
import dev.edm.event.StoreKey;
import dev.edm.storage.Database;
import dev.edm.storage.Sql;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores configured with {@code edm stores add}: name, webhook secrets and API token, in the database.
 * Adapters read the secrets through a snapshot cached for a couple of seconds, so a store added while the
 * server runs is honoured without a restart (and every instance sharing the database sees it).
 */
public final class StoreRegistry {
    private static final Logger log = LoggerFactory.getLogger(StoreRegistry.class);
    static final Duration TTL = Duration.ofSeconds(2);

    private final Database db;
    private final SecretBox box;
    private final SecretRefs refs;
    private final Clock clock;
    private final AtomicReference<Map<String, Resolved>> lastGood = new AtomicReference<>(Map.of());
    private final LoadingCache<String, Map<String, Resolved>> snapshot;

    /** A store's usable secrets, resolved. */
    private record Resolved(List<String> secrets, List<String> tokens) {}

    public StoreRegistry(Database db, SecretSettings settings, Clock clock) {
        this.db = db;
        this.box = new SecretBox(settings);
        this.refs = new SecretRefs(box, settings);
        this.clock = clock;
        this.snapshot =
                Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(1).build(k -> load());
    }

    /** Where encrypted secrets get their key, for {@code edm stores list}. */
    public String keySource() {
        return box.keySource();
    }

    /**
     * Adds a store, or replaces its entry. Secrets are {@code env:NAME} references or the secret itself, which is
     * stored encrypted.
     *
     * @return true when the store was new
     */
    public boolean add(StoreKey key, String name, List<String> secrets, Optional<String> token) {
        if (key.platform() == Platform.STANDARD) {
            for (String s : secrets) {
                if (!s.startsWith(SecretRefs.ENV) && !s.startsWith("whsec_")) {
                    throw new IllegalArgumentException("a Standard Webhooks secret starts with whsec_");
                }
            }
        }
        List<String> stored = secrets.stream().map(refs::toStored).toList();
        String storedToken = token.map(refs::toStored).orElse(null);
        String label = name == null || name.isBlank() ? key.store() : name.strip();
        boolean added = db.transaction(c -> {
            int removed = Sql.update(c, "DELETE FROM store_registry WHERE store = ?", key.id());
            Sql.update(
                    c,
                    "INSERT INTO store_registry (store, platform, store_id, display_name, secrets, api_token, added_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    key.id(),
                    key.platform().id(),
                    key.store(),
                    label,
                    SecretRefs.join(stored),
                    storedToken,
                    clock.millis());
            return removed == 0;
        });
        snapshot.invalidateAll();
        return added;
    }

    /** Removes a store's entry (not its history); false when it was not registered. */
    public boolean remove(StoreKey key) {
        boolean removed =
                db.transaction(c -> Sql.update(c, "DELETE FROM store_registry WHERE store = ?", key.id()) > 0);
        snapshot.invalidateAll();
        return removed;
    }

    /** Every registered store with where its secrets come from, its last delivery and its status. */
    public List<RegisteredStore> list() {
        return db.read(c -> Sql.query(
                c,
                "SELECT r.store, r.display_name, r.secrets, r.api_token, s.last_event, s.status FROM store_registry r "
                        + "LEFT JOIN store_state s ON LOWER(s.store) = LOWER(r.store) ORDER BY r.store",
                rs -> new RegisteredStore(
                        StoreKey.parse(rs.getString(1)),
                        rs.getString(2),
                        RegisteredStore.describe(SecretRefs.split(rs.getString(3))),
                        RegisteredStore.describe(SecretRefs.split(rs.getString(4))),
                        Optional.ofNullable(Sql.getLong(rs, 5)).map(Instant::ofEpochMilli),
                        rs.getString(6) == null ? "no deliveries yet" : rs.getString(6))));
    }

    /** A platform's webhook secrets by store id (lower case), as {@code StoreSecrets} consults them. */
    public Function<String, List<String>> webhookSecrets(Platform platform) {
        return store -> lookup(platform, store).map(Resolved::secrets).orElse(List.of());
    }

    /** A platform's API tokens by store id (lower case). */
    public Function<String, List<String>> apiTokens(Platform platform) {
        return store -> lookup(platform, store).map(Resolved::tokens).orElse(List.of());
    }

    private Optional<Resolved> lookup(Platform platform, String store) {
        if (store == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(snapshot.get("all").get(platform.id() + ":" + store.toLowerCase(Locale.ROOT)));
    }

    private Map<String, Resolved> load() {
        try {
            Map<String, Resolved> all = new HashMap<>();
            db.read(c -> Sql.query(c, "SELECT store, secrets, api_token FROM store_registry", rs ->
                            new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}))
                    .forEach(row -> all.put(
                            row[0].toLowerCase(Locale.ROOT),
                            new Resolved(resolve(row[0], row[1]), resolve(row[0], row[2]))));
            lastGood.set(Map.copyOf(all));
        } catch (RuntimeException e) {
            log.warn("store registry unreadable, using the last copy: {}", e.getMessage());
        }
        return lastGood.get();
    }

    private List<String> resolve(String store, String column) {
        List<String> secrets = new ArrayList<>();
        for (String ref : SecretRefs.split(column)) {
            try {
                refs.resolve(ref).ifPresent(secrets::add);
            } catch (RuntimeException e) {
                log.warn("store {}: {}", store, e.getMessage());
            }
        }
        return List.copyOf(secrets);
    }
}
