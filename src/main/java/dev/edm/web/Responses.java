package dev.edm.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/** JSON responses, including the short {@code {"error": "..."}} body of every error. */
final class Responses {
    static final ObjectMapper JSON = new ObjectMapper();

    private Responses() {}

    static void json(ServerResponse res, int status, Object body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response cannot be written as JSON", e);
        }
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(bytes);
    }

    static void error(ServerResponse res, int status, String message) {
        json(res, status, Map.of("error", message));
    }
}
