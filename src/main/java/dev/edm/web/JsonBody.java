package dev.edm.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads a small optional JSON object body of the API's POST routes; a bad one answers 400 and returns empty. */
final class JsonBody {
    private static final int MAX = 64 * 1024;

    private JsonBody() {}

    static Optional<JsonNode> read(ServerRequest req, ServerResponse res) {
        byte[] bytes;
        try (InputStream in = req.content().inputStream()) {
            bytes = in.readNBytes(MAX + 1);
        } catch (IOException e) {
            Responses.error(res, 400, "the request body cannot be read");
            return Optional.empty();
        }
        if (bytes.length > MAX) {
            Responses.error(res, 413, "the request body is larger than " + MAX + " bytes");
            return Optional.empty();
        }
        if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return Optional.of(Responses.JSON.createObjectNode());
        }
        try {
            JsonNode node = Responses.JSON.readTree(bytes);
            if (node != null && node.isObject()) {
                return Optional.of(node);
            }
        } catch (IOException e) {
            // answered below
        }
        Responses.error(res, 400, "the request body must be a JSON object");
        return Optional.empty();
    }
}
