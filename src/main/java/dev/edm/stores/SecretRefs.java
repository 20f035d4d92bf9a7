package dev.edm.stores;

import dev.edm.config.SecretSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Stored secret references: {@code env:NAME} kept as it is, anything else sealed by the {@link SecretBox}. */
final class SecretRefs {
    static final String ENV = "env:";
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final SecretBox box;
    private final SecretSettings settings;

    SecretRefs(SecretBox box, SecretSettings settings) {
        this.box = box;
        this.settings = settings;
    }

    /** What to store for a secret as given on the command line. */
    String toStored(String given) {
        if (given.startsWith(ENV)) {
            String name = given.substring(ENV.length());
            if (!VARIABLE.matcher(name).matches()) {
                throw new IllegalArgumentException("env: must name an environment variable, e.g. env:SHOP_A_SECRET");
            }
            return given;
        }
        if (given.isEmpty()) {
            throw new IllegalArgumentException("a secret must not be empty");
        }
        return box.seal(given);
    }

    /** The secret a stored reference stands for, if it can be had now (unset variables give none). */
    Optional<String> resolve(String stored) {
        if (stored.startsWith(ENV)) {
            return settings.variable(stored.substring(ENV.length()));
        }
        return Optional.of(box.open(stored));
    }

    static String join(List<String> stored) {
        return String.join("\n", stored);
    }

    static List<String> split(String column) {
        List<String> refs = new ArrayList<>();
        if (column != null) {
            for (String line : column.split("\n")) {
                if (!line.isBlank()) {
                    refs.add(line.strip());
                }
            }
        }
        return refs;
    }
}
