package dev.edm.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the store registry ({@code edm stores}) finds its secrets: the AES-256 key that encrypts them at rest
 * ({@code EDM_SECRET_KEY}, base64 of 32 bytes, else a key file created once in the data folder), and the
 * variables that {@code env:NAME} references resolve against. Never prints a secret.
 *
 * @param key the decoded {@code EDM_SECRET_KEY}, when set
 * @param keyFile the key file used when {@code EDM_SECRET_KEY} is unset
 * @param variables the environment (and {@code .env}) as the loader read it: a name to its value, or null
 */
public record SecretSettings(Optional<byte[]> key, Path keyFile, Function<String, String> variables) {
    public static final int KEY_BYTES = 32;

    public SecretSettings {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(variables, "variables");
        key.ifPresent(k -> {
            if (k.length != KEY_BYTES) {
                throw new ConfigException("EDM_SECRET_KEY", "must be base64 of exactly 32 bytes");
            }
        });
    }

    /** The value of an environment variable, if set. */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.apply(name)).filter(v -> !v.isEmpty());
    }

    @Override
    public String toString() {
        return "SecretSettings[key=" + (key.isPresent() ? "EDM_SECRET_KEY" : "file " + keyFile) + "]";
    }
}
