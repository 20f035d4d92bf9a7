package dev.edm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

    /**
     * Inside strings the scan skips whole eight-byte words: a byte that needs attention (quote, backslash,
     * control character, non-ASCII) at every offset from a word boundary, in names and in values, is judged as
     * it should be (and as Jackson judges it, where Jackson checks it: it lets broken UTF-8 in names pass); no
     * prefix of such a body is accepted (or read past).
     */
    @Test
    void judgesEveryByteThatNeedsAttentionAtEveryWordOffset() {
        // letters with no meaning after a backslash, so that only the insert decides
        String letters = "ghijklmopqsvwxyzGHIJKL";
        List<byte[]> valid = List.of(
                new byte[] {'\\', 'n'},
                new byte[] {'\\', 'u', '0', '0', 'e', '9'},
                new byte[] {0x7f},
                new byte[] {(byte) 0xc3, (byte) 0xa9},
                new byte[] {(byte) 0xe2, (byte) 0x82, (byte) 0xac},
                new byte[] {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80});
        List<byte[]> invalid = List.of(
                new byte[] {'"'},
                new byte[] {'\\', 'x'},
                new byte[] {'\\'},
                new byte[] {'\\', 'u', '0', 'g', '0', '0'},
                new byte[] {0},
                new byte[] {0x1f},
                new byte[] {(byte) 0xc3, 'a'},
                new byte[] {(byte) 0xc3},
                new byte[] {(byte) 0x80},
                new byte[] {(byte) 0xe2, (byte) 0x82, 'a'},
                new byte[] {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, 'x'},
                new byte[] {(byte) 0xff});
        for (int pad = 0; pad < 8; pad++) {
            for (int length = 0; length <= 20; length++) {
                for (int at = 0; at <= length; at++) {
                    for (byte[] insert : concat(valid, invalid)) {
                        for (boolean asName : new boolean[] {true, false}) {
                            ByteArrayOutputStream out = new ByteArrayOutputStream();
                            out.writeBytes(bytes(" ".repeat(pad) + (asName ? "{\"" : "{\"k\":\"")));
                            out.writeBytes(bytes(letters.substring(0, at)));
                            out.writeBytes(insert);
                            out.writeBytes(bytes(letters.substring(at, length)));
                            out.writeBytes(bytes(asName ? "\":1}" : "\"}"));
                            byte[] body = out.toByteArray();
                            boolean scan = JsonObjectScan.isOneObject(body);
                            String text = new String(body, StandardCharsets.ISO_8859_1);
                            assertThat(scan).as(text).isEqualTo(valid.contains(insert));
                            if (scan || !asName) {
                                assertThat(jacksonAccepts(body)).as(text).isEqualTo(scan);
                            }
                            for (int end = 0; end < body.length; end++) {
                                assertThat(JsonObjectScan.isOneObject(Arrays.copyOf(body, end)))
                                        .isFalse();
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * A closing quote is recognised before any byte that needs attention later in the same word (whitespace,
     * escapes and non-ASCII bytes in what follows the string), at every offset from a word boundary.
     */
    @Test
    void closesStringsBeforeLaterBytesThatNeedAttention() {
        String[] tails = {
            "}",
            "\n}",
            "\t }",
            "\r\n}",
            ",\"\\\\\":1}",
            ",\"b\":\"\\n\"}",
            ",\"b\":\"\u00e9\"}",
            "\u00e9}",
            "\u0001}",
            "\"}"
        };
        for (int pad = 0; pad < 8; pad++) {
            for (int length = 0; length <= 12; length++) {
                for (String tail : tails) {
                    for (boolean asName : new boolean[] {true, false}) {
                        String text = " ".repeat(pad)
                                + (asName ? "{\"" : "{\"k\":\"")
                                + "abcdefghijkl".substring(0, length)
                                + (asName ? "\":1" : "\"")
                                + tail;
                        assertThat(JsonObjectScan.isOneObject(bytes(text)))
                                .as(text)
                                .isEqualTo(jacksonAccepts(bytes(text)));
                    }
                }
            }
        }
    }

    /**
     * Runs of digits are skipped a word at a time: numbers of every length, with and without fraction and exponent,
     * at every offset from a word boundary and before every kind of next byte, are judged as Jackson judges them,
     * and no prefix of them is accepted.
     */
    @Test
    void judgesNumbersOfEveryLengthAtEveryWordOffset() {
        String[] signs = {"", "-"};
        String[] fractions = {"", ".5", ".0123456789012", ".", ".x", ".e1"};
        String[] exponents = {"", "e7", "E+12", "e-0123456789", "e", "E+", "ex"};
        String[] tails = {"}", ",\"b\":2}", " }", "\n}", "]}", "x}", "/}", ":}", "\u0000}"};
        for (int pad = 0; pad < 8; pad++) {
            for (int length = 1; length <= 19; length++) {
                for (String first : new String[] {"1", "0"}) {
                    String integer = first + "9876543210123456789".substring(0, length - 1);
                    for (String sign : signs) {
                        for (String fraction : fractions) {
                            for (String exponent : exponents) {
                                for (String tail : tails) {
                                    byte[] body = bytes(
                                            " ".repeat(pad) + "{\"k\":" + sign + integer + fraction + exponent + tail);
                                    String text = new String(body, StandardCharsets.ISO_8859_1);
                                    assertThat(JsonObjectScan.isOneObject(body))
                                            .as(text)
                                            .isEqualTo(jacksonAccepts(body));
                                    if (tail.equals("}")) {
                                        for (int end = 0; end < body.length; end++) {
                                            assertThat(JsonObjectScan.isOneObject(Arrays.copyOf(body, end)))
                                                    .as(text)
                                                    .isFalse();
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        String long500 = "{\"k\":1" + "0".repeat(499) + "}";
        String long501 = "{\"k\":1" + "0".repeat(500) + "}";
        assertThat(JsonObjectScan.isOneObject(bytes(long500))).isTrue();
        assertThat(JsonObjectScan.isOneObject(bytes(long501))).isFalse(); // left to Jackson
    }

    private static List<byte[]> concat(List<byte[]> a, List<byte[]> b) {
        List<byte[]> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * The fixtures as sent (often indented) and compact, as webhooks arrive, with one to four random bytes
     * replaced, inserted or deleted, favouring the bytes strings and structure turn on: the scan never accepts
     * what Jackson refuses.
     */
    @Test
    void neverAcceptsWhatJacksonRefusesAfterInsertsAndDeletes() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<byte[]> bodies = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/fixtures"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                byte[] body = Files.readAllBytes(f);
                if (jacksonAccepts(body)) {
                    bodies.add(body);
                    bodies.add(mapper.writeValueAsBytes(mapper.readTree(body)));
                }
            }
        }
        assertThat(bodies).isNotEmpty();
        byte[] alphabet = bytes("{}[]:,\"\\ 0123456789.-+eEtrufalsn\t\nxu/");
        byte[] attention = {
            '"', '\\', 0, 0x1f, 0x7f, (byte) 0x80, (byte) 0xbf, (byte) 0xc3, (byte) 0xe2, (byte) 0xf0, (byte) 0xff
        };
        Random random = new Random(20261128);
        int accepted = 0;
        for (byte[] body : bodies) {
            for (int k = 0; k < 400; k++) {
                byte[] mutated = body;
                int changes = 1 + random.nextInt(4);
                for (int c = 0; c < changes && mutated.length > 0; c++) {
                    int at = random.nextInt(mutated.length);
                    byte value = switch (random.nextInt(3)) {
                        case 0 -> (byte) random.nextInt(256);
                        case 1 -> alphabet[random.nextInt(alphabet.length)];
                        default -> attention[random.nextInt(attention.length)];
                    };
                    mutated = switch (random.nextInt(3)) {
                        case 0 -> replaced(mutated, at, value);
                        case 1 -> inserted(mutated, at, value);
                        default -> deleted(mutated, at);
                    };
                }
                if (JsonObjectScan.isOneObject(mutated)) {
                    accepted++;
                    assertThat(jacksonAccepts(mutated))
                            .as("scan accepted %s", new String(mutated, StandardCharsets.ISO_8859_1))
                            .isTrue();
                }
            }
        }
        assertThat(accepted).isPositive();
    }

    private static byte[] replaced(byte[] body, int at, byte value) {
        byte[] copy = body.clone();
        copy[at] = value;
        return copy;
    }

    private static byte[] inserted(byte[] body, int at, byte value) {
        byte[] copy = new byte[body.length + 1];
        System.arraycopy(body, 0, copy, 0, at);
        copy[at] = value;
        System.arraycopy(body, at, copy, at + 1, body.length - at);
        return copy;
    }

    private static byte[] deleted(byte[] body, int at) {
        byte[] copy = new byte[body.length - 1];
        System.arraycopy(body, 0, copy, 0, at);
        System.arraycopy(body, at + 1, copy, at, body.length - at - 1);
        return copy;
    }

    @Test
    void nestingBeyondSixtyFourLevelsStillMatchesEachCloserToItsOpener() {
        // containers of both kinds in no periodic order, 150 deep (the scan's own limit is 200)
        Random random = new Random(7);
        StringBuilder open = new StringBuilder("{\"a\":");
        StringBuilder close = new StringBuilder("}");
        for (int depth = 0; depth < 150; depth++) {
            boolean object = random.nextBoolean();
            open.append(object ? "{\"b\":" : "[");
            close.insert(0, object ? '}' : ']');
        }
        assertThat(JsonObjectScan.isOneObject(bytes(open + "1" + close))).isTrue();
        for (int k = 0; k < close.length(); k++) {
            char[] swapped = close.toString().toCharArray();
            swapped[k] = swapped[k] == ']' ? '}' : ']';
            assertThat(JsonObjectScan.isOneObject(bytes(open + "1" + new String(swapped))))
                    .as("closer %d swapped", k)
                    .isFalse();
        }
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
