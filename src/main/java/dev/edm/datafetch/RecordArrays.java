package dev.edm.datafetch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds the records in a page: {@code --records PATH}, else the body if it is an array, else its first array field. */
final class RecordArrays {
    private RecordArrays() {}

    static JsonNode parse(byte[] body, int page, URI uri) {
        try {
            JsonNode node = Json.read(body);
            if (node == null || node.isMissingNode()) {
                throw new FetchFailed("page " + page + " (" + uri + "): the body is empty, not JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new FetchFailed("page " + page + " (" + uri + "): the body is not valid JSON: "
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new FetchFailed("page " + page + " (" + uri + "): the body cannot be read: " + e.getMessage());
        }
    }

    static List<JsonNode> records(JsonNode body, Optional<String> path, int page, URI uri) {
        JsonNode array;
        if (path.isPresent()) {
            array = Json.at(body, path.get());
            if (array == null || array.isNull()) {
                return List.of();
            }
            if (!array.isArray()) {
                throw new FetchFailed("page " + page + " (" + uri + "): --records " + path.get()
                        + " is not an array but " + array.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
        } else {
            array = body.isArray() ? body : firstArrayField(body);
            if (array == null) {
                throw new FetchFailed("page " + page + " (" + uri + "): no array of records in the body; name it with"
                        + " --records (a JSON pointer like /data/items or a dotted path like data.items)");
            }
        }
        return Json.elements(array);
    }

    private static JsonNode firstArrayField(JsonNode body) {
        if (!body.isObject()) {
            return null;
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (field.getValue().isArray()) {
                return field.getValue();
            }
        }
        return null;
    }
}
