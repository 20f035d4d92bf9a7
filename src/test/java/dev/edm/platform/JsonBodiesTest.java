package dev.edm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodiesTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"foo\": \"bar\"}", "  {\"a\":[1,2,{\"b\":null}]}\n", "{\"s\":\"caf\u00e9\"}"})
    void oneJsonObjectHasNoProblem(String body) {
        assertThat(JsonBodies.objectSyntaxProblem(bytes(body))).isEmpty();
    }

    @Test
    void emptyBodyIsReported() {
        assertThat(JsonBodies.objectSyntaxProblem(new byte[0])).contains("body is empty");
        assertThat(JsonBodies.objectSyntaxProblem(bytes("   \n"))).contains("body is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"a\":1}]", "\"text\"", "42", "null", "true"})
    void nonObjectIsReported(String body) {
        assertThat(JsonBodies.objectSyntaxProblem(bytes(body))).contains("body must be a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1}{\"b\":2}", "{} []", "{}\n42"})
    void valueAfterTheObjectIsUnexpectedContent(String body) {
        assertThat(JsonBodies.objectSyntaxProblem(bytes(body))).contains("unexpected content after the JSON object");
    }

    @Test
    void garbageAfterTheObjectIsReported() {
        assertThat(JsonBodies.objectSyntaxProblem(bytes("{\"a\":1} trailing")))
                .hasValueSatisfying(problem -> assertThat(problem).startsWith("body is not valid JSON: "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":", "{\"a\" 1}", "{'a':1}", "not json", "{\"a\":1,}"})
    void brokenSyntaxIsReportedAsInvalidJson(String body) {
        assertThat(JsonBodies.objectSyntaxProblem(bytes(body)))
                .hasValueSatisfying(problem -> assertThat(problem)
                        .startsWith("body is not valid JSON: ")
                        .doesNotContain("\n"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/json",
                "application/json; charset=utf-8",
                "Application/JSON",
                " application/json ;charset=UTF-8",
                "application/vnd.x+json",
                "application/problem+json; charset=utf-8"
            })
    void jsonMediaTypes(String contentType) {
        assertThat(JsonBodies.isJsonMediaType(contentType)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {"text/plain", "", "text/json", "application/xml", "application/jsonp", "text/x+json", "+json"})
    void otherMediaTypes(String contentType) {
        assertThat(JsonBodies.isJsonMediaType(contentType)).isFalse();
    }
}
