package dev.edm.datafetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code --clean}: every string trimmed; every field whose name contains "email" lower-cased and checked (an
 * invalid address is kept and reported, never dropped); then duplicates removed, by {@code --dedupe-by} or by
 * the whole record, so {@code A@X.com} and {@code a@x.com } are the same.
 */
final class Cleaning {
    private static final Pattern EMAIL =
            Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

    private Cleaning() {}

    record Cleaned(List<JsonNode> records, List<FetchSummary.InvalidEmail> invalidEmails, int duplicatesRemoved) {}

    static Cleaned clean(List<JsonNode> records, Optional<String> dedupeBy) {
        List<FetchSummary.InvalidEmail> invalid = new ArrayList<>();
        List<JsonNode> kept = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        int duplicates = 0;
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            String id = record.isObject() ? Json.text(record.get("id")) : null;
            int number = i + 1;
            JsonNode cleaned = clean(record, "", false, (field, value) -> {
                invalid.add(new FetchSummary.InvalidEmail(number, id, field, value));
            });
            Object key = dedupeBy.isPresent() ? Json.text(Json.at(cleaned, dedupeBy.get())) : cleaned;
            if (key != null && !seen.add(key)) {
                duplicates++;
                continue;
            }
            kept.add(cleaned);
        }
        return new Cleaned(kept, invalid, duplicates);
    }

    /** Reports an invalid email found at a dotted field path. */
    private interface Invalid {
        void found(String field, String value);
    }

    private static JsonNode clean(JsonNode node, String path, boolean emailField, Invalid invalid) {
        if (node.isTextual()) {
            String text = node.asText().strip();
            if (emailField && !text.isEmpty()) {
                text = text.toLowerCase(Locale.ROOT);
                if (!EMAIL.matcher(text).matches()) {
                    invalid.found(path, text);
                }
            }
            return TextNode.valueOf(text);
        }
        if (node.isObject()) {
            ObjectNode out = Json.MAPPER.createObjectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String name = field.getKey();
                boolean email = name.toLowerCase(Locale.ROOT).contains("email");
                String child = path.isEmpty() ? name : path + "." + name;
                out.set(name, clean(field.getValue(), child, email, invalid));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            for (int i = 0; i < node.size(); i++) {
                out.add(clean(node.get(i), path + "." + i, emailField, invalid));
            }
            return out;
        }
        return node;
    }
}
