package dev.edm.datafetch;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code edm fetch}: where to read and with which headers, where the records are, how to page, what to clean,
 * how to summarise and where to write. Invalid values are an {@link IllegalArgumentException} naming the option.
 */
public record FetchRequest(
        URI url,
        List<Header> headers,
        Optional<String> recordsPath,
        Pagination pagination,
        int maxPages,
        Path outDir,
        List<String> formats,
        String name,
        boolean clean,
        Optional<String> dedupeBy,
        Optional<GroupBy> groupBy,
        Duration timeout) {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");

    /** {@code --group-by FIELD --agg ...}. */
    public record GroupBy(String field, Aggregation aggregation) {
        public GroupBy {
            if (field == null || field.isBlank()) {
                throw new IllegalArgumentException("--group-by needs a field");
            }
        }
    }

    public FetchRequest {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("URL must be an http or https address, got \"" + url + "\"");
        }
        headers = List.copyOf(headers);
        if (maxPages < 1) {
            throw new IllegalArgumentException("--max-pages must be at least 1, got " + maxPages);
        }
        formats = List.copyOf(new LinkedHashSet<>(formats));
        if (formats.isEmpty() || !List.of("csv", "json").containsAll(formats)) {
            throw new IllegalArgumentException("--format must be csv, json or csv,json, got " + formats);
        }
        if (!name.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException(
                    "--name may use letters, digits, '.', '_' and '-' only, got \"" + name + "\"");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("--timeout must be positive");
        }
        if (dedupeBy.isPresent() && !clean) {
            throw new IllegalArgumentException("--dedupe-by needs --clean");
        }
    }

    /** Parses the URL given on the command line. */
    public static URI url(String text) {
        try {
            return URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("URL cannot be read: \"" + text + "\"");
        }
    }

    /** {@code csv}, {@code json} or {@code csv,json}. */
    public static List<String> formats(String spec) {
        return List.of(spec.toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
    }

    /** The records' name when {@code --name} is not given: the URL's last path segment, else its host. */
    public static String defaultName(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        String[] segments = path.split("/");
        String last = segments.length == 0 ? "" : segments[segments.length - 1];
        String name = (last.isBlank() ? url.getHost() : last).replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() ? "fetch" : name.substring(0, Math.min(name.length(), 100));
    }

    /** {@code 10s}, {@code 500ms}, {@code 2m} (a bare number is seconds). */
    public static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("--timeout must look like 10s, 500ms or 2m, got \"" + text + "\"");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
