package dev.edm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonObjectScanTest {
    private static final JsonFactory FACTORY = new JsonFactory();

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** What Jackson says: exactly one object and nothing after it. */
    private static boolean jacksonAccepts(byte[] body) {
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                " {\"a\" : [ 1 , -2.5e+3, 0, 0.0, 1E9, true, false, null, \"x\\u00e9\\n\\\"\" ] }\n",
                "{\"nested\":{\"a\":[[],{},[{}]],\"b\":{}}}",
                "{\"s\":\"caf\u00e9 \u20ac \ud83d\ude00\"}",
                "{\"esc\":\"\\\\ \\/ \\b \\f \\r \\t\"}"
            })
    void acceptsValidObjects(String body) {
        assertThat(JsonObjectScan.isOneObject(bytes(body))).isTrue();
        assertThat(jacksonAccepts(bytes(body))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "[]",
                "42",
                "{",
                "}",
                "{\"a\"}",
                "{\"a\":}",
                "{\"a\":1,}",
                "{,}",
                "{\"a\":01}",
                "{\"a\":1.}",
                "{\"a\":.5}",
                "{\"a\":+1}",
                "{\"a\":1e}",
                "{\"a\":-}",
                "{\"a\":tru}",
                "{\"a\":nul}",
                "{\"a\":True}",
                "{'a':1}",
                "{a:1}",
                "{\"a\":1}{}",
                "{\"a\":1} x",
                "{\"a\":[1,]}",
                "{\"a\":[1}",
                "{\"a\":{]}",
                "{\"a\":\"\\x\"}",
                "{\"a\":\"\\u12g4\"}",
                "{\"a\":\"tab\there\"}",
                "{\"a\":\"open}",
                "{\"a\":NaN}",
                "{\"a\":1 2}",
                "{\"a\" 1}",
                "{\"a\":[1 2]}"
            })
    void rejectsInvalidText(String body) {
        assertThat(JsonObjectScan.isOneObject(bytes(body))).isFalse();
    }

    @Test
    void rejectsBrokenUtf8AndControlCharacters() {
        assertThat(JsonObjectScan.isOneObject(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, '"', '}'}))
                .isFalse();
        assertThat(JsonObjectScan.isOneObject(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'}))
                .isFalse();
        assertThat(JsonObjectScan.isOneObject(new byte[] {'{', '"', 'a', '"', ':', '"', 1, '"', '}'}))
                .isFalse();
    }

    @Test
    void veryDeepNestingIsLeftToJackson() {
        String deep = "{\"a\":" + "[".repeat(300) + "]".repeat(300) + "}";
        assertThat(JsonObjectScan.isOneObject(bytes(deep))).isFalse();
        assertThat(JsonBodies.objectSyntaxProblem(bytes(deep))).isEmpty(); // Jackson still accepts it
    }

    /** Every fixture, and thousands of one-byte mutations of them: the scan never accepts what Jackson refuses. */
    @Test
    void neverAcceptsWhatJacksonRefuses() throws IOException {
        List<byte[]> bodies = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/fixtures"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                bodies.add(Files.readAllBytes(f));
            }
        }
        assertThat(bodies).isNotEmpty();
        byte[] alphabet = bytes("{}[]:,\"\\ 0123456789.-+eEtrufalsn\t\nxu");
        Random random = new Random(42);
        int accepted = 0;
        for (byte[] body : bodies) {
            boolean valid = jacksonAccepts(body);
            assertThat(JsonObjectScan.isOneObject(body)).isEqualTo(valid && JsonObjectScan.isOneObject(body));
            if (!valid || body.length == 0) {
                continue;
            }
            for (int k = 0; k < 300; k++) {
                byte[] mutated = body.clone();
                int at = random.nextInt(mutated.length);
                mutated[at] =
                        random.nextInt(8) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
                if (JsonObjectScan.isOneObject(mutated)) {
                    accepted++;
                    assertThat(jacksonAccepts(mutated))
                            .as(
                                    "scan accepted a mutation Jackson refuses: byte %d at %d in ...%s...",
                                    mutated[at],
                                    at,
                                    new String(
                                            mutated,
                                            Math.max(0, at - 30),
                                            Math.min(60, mutated.length - Math.max(0, at - 30)),
                                            StandardCharsets.ISO_8859_1))
                            .isTrue();
                }
            }
        }
        assertThat(accepted).isPositive();
    }

    @Test
    void acceptsEveryObjectFixtureJacksonAccepts() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/fixtures"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                byte[] body = Files.readAllBytes(f);
                if (jacksonAccepts(body)) {
                    assertThat(JsonObjectScan.isOneObject(body))
                            .as(f.toString())
                            .isTrue();
                }
            }
        }
    }
}
