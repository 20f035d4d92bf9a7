package dev.edm.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.edm.alerts.Rule;
import dev.edm.config.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads and validates the YAML routes file ({@code EDM_ROUTES_FILE}); every problem names where it is. */
final class RoutesFile {
    static final String VARIABLE = "EDM_ROUTES_FILE";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> RECEIVER_KEYS =
            Set.of("name", "email", "slack", "sms", "webhook", "secret", "quiet", "critical_only");
    private static final Set<String> ROUTE_KEYS = Set.of("stores", "rules", "severities", "receivers");
    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

    private RoutesFile() {}

    static void read(Path file, Map<String, Receiver> receivers, List<Route> routes) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage();
            throw fail(file + ": cannot be read (" + firstLine(why) + ")");
        }
        if (root == null || !root.isObject()) {
            throw fail(file + ": must be a mapping with receivers: and routes:");
        }
        onlyKeys(root, Set.of("receivers", "routes"), "the top level");
        JsonNode rs = root.path("receivers");
        if (!rs.isArray() || rs.isEmpty()) {
            throw fail("receivers: must be a non-empty list");
        }
        for (int i = 0; i < rs.size(); i++) {
            Receiver r = receiver(rs.get(i), "receivers[" + i + "]");
            if (receivers.putIfAbsent(r.name(), r) != null) {
                throw fail("receivers[" + i + "]: the name " + r.name() + " is used twice");
            }
        }
        JsonNode list = root.path("routes");
        if (!list.isArray() || list.isEmpty()) {
            throw fail("routes: must be a non-empty list");
        }
        for (int i = 0; i < list.size(); i++) {
            routes.add(route(list.get(i), "routes[" + i + "]", receivers));
        }
    }

    private static Receiver receiver(JsonNode n, String where) {
        if (!n.isObject()) {
            throw fail(where + ": must be a mapping");
        }
        onlyKeys(n, RECEIVER_KEYS, where);
        String name = text(n, "name", where).orElseThrow(() -> fail(where + ": needs a name"));
        String at = "receiver " + name;
        List<ChannelKind> kinds = new ArrayList<>();
        for (ChannelKind k : ChannelKind.values()) {
            if (n.has(k.id())) {
                kinds.add(k);
            }
        }
        if (kinds.size() != 1) {
            throw fail(at + ": needs exactly one of email, slack, sms, webhook");
        }
        ChannelKind kind = kinds.get(0);
        List<String> addresses = strings(n.get(kind.id()), at + "." + kind.id());
        for (String a : addresses) {
            switch (kind) {
                case EMAIL -> {
                    if (!a.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                        throw fail(at + ": not an email address: " + a);
                    }
                }
                case SMS -> {
                    if (!a.matches("\\+[1-9][0-9]{6,14}")) {
                        throw fail(at + ": phone numbers must be E.164 in quotes (\"+15551234567\"), got " + a);
                    }
                }
                case SLACK, WEBHOOK -> {
                    httpUrl(a, at);
                    if (addresses.size() != 1) {
                        throw fail(at + ": a " + kind.id() + " receiver has one URL");
                    }
                }
            }
        }
        Optional<String> secret = text(n, "secret", at);
        if (secret.isPresent() && (kind != ChannelKind.WEBHOOK || !secret.get().startsWith("whsec_"))) {
            throw fail(at + ": secret is for webhook receivers and starts with whsec_");
        }
        Optional<QuietHours> quiet;
        try {
            quiet = text(n, "quiet", at).map(QuietHours::parse);
        } catch (IllegalArgumentException e) {
            throw fail(at + ": " + e.getMessage());
        }
        boolean criticalOnly = kind == ChannelKind.SMS;
        if (n.has("critical_only")) {
            if (!n.get("critical_only").isBoolean()) {
                throw fail(at + ": critical_only must be true or false");
            }
            criticalOnly = n.get("critical_only").booleanValue();
        }
        return new Receiver(name, kind, addresses, secret, quiet, criticalOnly);
    }

    private static Route route(JsonNode n, String where, Map<String, Receiver> receivers) {
        if (!n.isObject()) {
            throw fail(where + ": must be a mapping");
        }
        onlyKeys(n, ROUTE_KEYS, where);
        if (!n.has("receivers")) {
            throw fail(where + ": needs receivers");
        }
        List<String> names = strings(n.get("receivers"), where + ".receivers");
        for (String name : names) {
            if (!receivers.containsKey(name)) {
                throw fail(where + ": unknown receiver " + name);
            }
        }
        Set<String> stores = optionalSet(n, "stores", where);
        Set<String> rules = new LinkedHashSet<>();
        for (String r : optionalSet(n, "rules", where)) {
            rules.add(Rule.fromId(r)
                    .orElseThrow(() -> fail(where + ": unknown rule " + r))
                    .id());
        }
        Set<String> severities = optionalSet(n, "severities", where);
        for (String s : severities) {
            if (!SEVERITIES.contains(s)) {
                throw fail(where + ": severity must be critical, warning or info, got " + s);
            }
        }
        Set<String> lowerStores = new LinkedHashSet<>();
        stores.forEach(s -> lowerStores.add(s.toLowerCase(Locale.ROOT)));
        return new Route(lowerStores, rules, severities, names);
    }

    private static Set<String> optionalSet(JsonNode n, String key, String where) {
        return n.has(key) ? new LinkedHashSet<>(strings(n.get(key), where + "." + key)) : Set.of();
    }

    private static List<String> strings(JsonNode n, String where) {
        List<String> out = new ArrayList<>();
        if ((n.isTextual() || n.isNumber()) && !n.asText().isBlank()) {
            out.add(n.asText().strip());
        } else if (n.isArray() && !n.isEmpty()) {
            for (JsonNode item : n) {
                if (!(item.isTextual() || item.isNumber()) || item.asText().isBlank()) {
                    throw fail(where + ": items must be non-empty text");
                }
                out.add(item.asText().strip());
            }
        } else {
            throw fail(where + ": must be text or a non-empty list of text");
        }
        return out;
    }

    private static Optional<String> text(JsonNode n, String key, String where) {
        if (!n.has(key)) {
            return Optional.empty();
        }
        JsonNode v = n.get(key);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw fail(where + ": " + key + " must be non-empty text");
        }
        return Optional.of(v.asText().strip());
    }

    private static void httpUrl(String value, String where) {
        try {
            URI u = new URI(value);
            if (u.getHost() != null && ("https".equals(u.getScheme()) || "http".equals(u.getScheme()))) {
                return;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw fail(where + ": not an http(s) URL: " + value);
    }

    private static void onlyKeys(JsonNode n, Set<String> allowed, String where) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw fail(where + ": unknown key " + key + " (allowed: " + String.join(", ", allowed) + ")");
            }
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static ConfigException fail(String problem) {
        return new ConfigException(VARIABLE, problem);
    }
}
