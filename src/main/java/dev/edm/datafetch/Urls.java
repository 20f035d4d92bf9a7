package dev.edm.datafetch;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Query parameters and {@code Link} headers. */
final class Urls {
    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]+)*)");
    private static final Pattern REL = Pattern.compile("(?i)rel\\s*=\\s*\"?([^\";]+)\"?");

    private Urls() {}

    /** {@code uri} with query parameter {@code name} set to {@code value} (replacing any value it had). */
    static URI withParam(URI uri, String name, String value) {
        List<String> kept = new ArrayList<>();
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                if (!key.equals(encode(name)) && !key.isEmpty()) {
                    kept.add(pair);
                }
            }
        }
        kept.add(encode(name) + "=" + encode(value));
        String base = uri.toString();
        int cut = base.indexOf('?');
        int hash = base.indexOf('#');
        String head = cut >= 0 ? base.substring(0, cut) : hash >= 0 ? base.substring(0, hash) : base;
        return URI.create(head + "?" + String.join("&", kept));
    }

    /** The value of query parameter {@code name} in {@code uri}, if present. */
    static Optional<String> param(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(encode(name))) {
                return Optional.of(java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** The {@code rel="next"} target among {@code Link} header values, resolved against the page's address. */
    static Optional<URI> nextLink(List<String> headerValues, URI base) {
        for (String value : headerValues) {
            Matcher link = LINK.matcher(value);
            while (link.find()) {
                Matcher rel = REL.matcher(link.group(2));
                while (rel.find()) {
                    for (String r : rel.group(1).strip().split("\\s+")) {
                        if (r.equalsIgnoreCase("next")) {
                            return Optional.of(resolve(base, link.group(1).strip()));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** RFC 3986 resolution; the JDK resolves a query-only reference by RFC 2396 (dropping the last segment). */
    private static URI resolve(URI base, String target) {
        if (target.startsWith("?")) {
            String s = base.toString();
            int cut = s.indexOf('?') >= 0 ? s.indexOf('?') : s.indexOf('#') >= 0 ? s.indexOf('#') : s.length();
            return URI.create(s.substring(0, cut) + target);
        }
        return base.resolve(target);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
