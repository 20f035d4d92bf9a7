package dev.edm.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/** Where the database is: an embedded SQLite file (default) or a PostgreSQL server. */
public record DatabaseSettings(Kind kind, String jdbcUrl, String user, String password) {
    /** The supported databases. */
    public enum Kind {
        SQLITE,
        POSTGRESQL
    }

    public DatabaseSettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    static DatabaseSettings sqliteFile(Path file) {
        return new DatabaseSettings(Kind.SQLITE, "jdbc:sqlite:" + file, null, null);
    }

    /** Parses {@code EDM_DATABASE_URL}; {@code null} or blank means SQLite under the data dir. */
    static DatabaseSettings parse(String url, Path dataDir) {
        if (url == null || url.isBlank()) {
            return sqliteFile(dataDir.resolve("edm.db"));
        }
        String value = url.strip();
        if (value.startsWith("jdbc:sqlite:")) {
            if (value.length() == "jdbc:sqlite:".length()) {
                throw new ConfigException("EDM_DATABASE_URL", "jdbc:sqlite: needs a file path");
            }
            return new DatabaseSettings(Kind.SQLITE, value, null, null);
        }
        if (value.startsWith("jdbc:postgresql://")) {
            checkHost(URI.create(value.substring("jdbc:".length())));
            return new DatabaseSettings(Kind.POSTGRESQL, value, null, null);
        }
        if (value.startsWith("postgres://") || value.startsWith("postgresql://")) {
            return fromPostgresUri(value);
        }
        throw new ConfigException(
                "EDM_DATABASE_URL",
                "must start with jdbc:postgresql://, postgres:// or jdbc:sqlite: (got a value starting with \""
                        + value.substring(0, Math.min(12, value.length())) + "\")");
    }

    private static DatabaseSettings fromPostgresUri(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new ConfigException("EDM_DATABASE_URL", "not a valid URL: " + e.getReason());
        }
        checkHost(uri);
        String path = uri.getRawPath();
        if (path == null || path.length() <= 1) {
            throw new ConfigException("EDM_DATABASE_URL", "names no database (postgres://user:pass@host:5432/DBNAME)");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + path + query;
        return new DatabaseSettings(Kind.POSTGRESQL, jdbc, user, password);
    }

    private static void checkHost(URI uri) {
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new ConfigException("EDM_DATABASE_URL", "names no host");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new ConfigException("EDM_DATABASE_URL", "port must be 1-65535");
        }
    }

    /** Percent-decodes URL user info; unlike form data, '+' is a literal plus here. */
    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + kind + " " + displayUrl() + (user == null ? "" : " user=" + user) + "]";
    }

    /** The URL without credentials, safe to print. */
    public String displayUrl() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1****");
    }
}
