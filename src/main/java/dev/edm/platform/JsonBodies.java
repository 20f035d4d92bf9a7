package dev.edm.platform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/** Cheap checks on JSON request bodies, without binding them. */
public final class JsonBodies {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonBodies() {}

    /** Empty when the body is exactly one JSON object; otherwise what is wrong with it. */
    public static Optional<String> objectSyntaxProblem(byte[] body) {
        if (JsonObjectScan.isOneObject(body)) {
            return Optional.empty(); // the common case, without a parser
        }
        try (JsonParser p = FACTORY.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return Optional.of("body is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                return Optional.of("body must be a JSON object");
            }
            p.skipChildren();
            if (p.nextToken() != null) {
                return Optional.of("unexpected content after the JSON object");
            }
            return Optional.empty();
        } catch (IOException e) {
            String message = e.getMessage() == null
                    ? "unreadable"
                    : e.getMessage().lines().findFirst().orElse("");
            return Optional.of("body is not valid JSON: " + message);
        }
    }

    /** True when the body is a JSON object whose top level has {@code field} as an array. */
    public static boolean hasTopLevelArray(byte[] body, String field) {
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals(name)) {
                    return value == JsonToken.START_ARRAY;
                }
                p.skipChildren();
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** True for {@code application/json} and {@code application/*+json}, with any parameters. */
    public static boolean isJsonMediaType(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }
}
