package dev.edm.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** JSON responses, including the short {@code {"error": "..."}} body of every error. */
final class Responses {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Header JSON_CONTENT_TYPE = HeaderValues.create(HeaderNames.CONTENT_TYPE, "application/json");

    private Responses() {}

    static void json(ServerResponse res, int status, Object body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response cannot be written as JSON", e);
        }
        res.status(Status.create(status));
        res.header(JSON_CONTENT_TYPE);
        res.send(bytes);
    }

    /** 200 with a JSON body the caller wrote (only for bodies of ids and fixed words: nothing to escape). */
    static void jsonText(ServerResponse res, String json) {
        res.status(Status.OK_200);
        res.header(JSON_CONTENT_TYPE);
        res.send(json.getBytes(StandardCharsets.US_ASCII));
    }

    static void error(ServerResponse res, int status, String message) {
        json(res, status, Map.of("error", message));
    }
}
