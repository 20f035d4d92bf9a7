package dev.edm.platform;

/**
 * A single-pass, allocation-free check that a body is exactly one well-formed JSON object (RFC 8259, UTF-8),
 * for the hot path of every webhook. It only ever answers "certainly valid": anything it does not accept
 * (errors, but also a byte-order mark, very deep nesting or very long tokens, which Jackson judges by its own
 * limits) goes to the Jackson check, which gives the verdict and the message. So it never accepts more than
 * Jackson would, and is several times faster because it neither decodes nor canonicalises field names.
 */
final class JsonObjectScan {
    private static final int MAX_DEPTH = 200;
    private static final int MAX_NAME_BYTES = 40_000;
    private static final int MAX_NUMBER_CHARS = 500;

    private JsonObjectScan() {}

    /** True only when the body is certainly one JSON object, optionally surrounded by whitespace. */
    static boolean isOneObject(byte[] b) {
        int n = b.length;
        int i = skipWhitespace(b, 0);
        if (i >= n || b[i] != '{') {
            return false;
        }
        boolean[] object = new boolean[MAX_DEPTH];
        int depth = 0;
        boolean open = true; // b[i] opens a container
        while (true) {
            if (open) {
                if (depth == MAX_DEPTH) {
                    return false;
                }
                boolean isObject = b[i] == '{';
                object[depth++] = isObject;
                i = skipWhitespace(b, i + 1);
                if (i >= n) {
                    return false;
                }
                if (b[i] == (isObject ? '}' : ']')) {
                    depth--;
                    i++;
                    open = false;
                } else {
                    i = valueStart(b, i, isObject);
                    if (i < 0) {
                        return false;
                    }
                    open = b[i] == '{' || b[i] == '[';
                    if (open) {
                        continue;
                    }
                    i = scalar(b, i);
                    if (i < 0) {
                        return false;
                    }
                }
            }
            // after a complete value inside the container at depth - 1 (or after the root when depth is 0)
            i = skipWhitespace(b, i);
            if (depth == 0) {
                return i == n;
            }
            if (i >= n) {
                return false;
            }
            byte c = b[i];
            if (c == ',') {
                i = skipWhitespace(b, i + 1);
                if (i >= n) {
                    return false;
                }
                i = valueStart(b, i, object[depth - 1]);
                if (i < 0) {
                    return false;
                }
                open = b[i] == '{' || b[i] == '[';
                if (!open) {
                    i = scalar(b, i);
                    if (i < 0) {
                        return false;
                    }
                }
            } else if (c == (object[depth - 1] ? '}' : ']')) {
                depth--;
                i++;
            } else {
                return false;
            }
        }
    }

    /**
     * From the start of a member (in an object: its name, then the colon), the index of the value's first byte
     * (always within the body); -1 when the text is not certainly valid.
     */
    private static int valueStart(byte[] b, int i, boolean inObject) {
        int n = b.length;
        if (inObject) {
            if (b[i] != '"') {
                return -1;
            }
            int end = string(b, i);
            if (end < 0 || end - i > MAX_NAME_BYTES) {
                return -1;
            }
            i = skipWhitespace(b, end);
            if (i >= n || b[i] != ':') {
                return -1;
            }
            i = skipWhitespace(b, i + 1);
            if (i >= n) {
                return -1;
            }
        }
        return i;
    }

    /** A string, literal or number starting at i; the index after it, or -1. */
    private static int scalar(byte[] b, int i) {
        return switch (b[i]) {
            case '"' -> string(b, i);
            case 't' -> literal(b, i, "true");
            case 'f' -> literal(b, i, "false");
            case 'n' -> literal(b, i, "null");
            default -> number(b, i);
        };
    }

    private static int skipWhitespace(byte[] b, int i) {
        int n = b.length;
        while (i < n) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            i++;
        }
        return i;
    }

    /** b[i] is the opening quote; returns the index after the closing quote, or -1. */
    private static int string(byte[] b, int i) {
        int n = b.length;
        i++;
        while (i < n) {
            int c = b[i] & 0xff;
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= n) {
                    return -1;
                }
                byte e = b[i + 1];
                if (e == 'u') {
                    if (i + 5 >= n || !hex(b[i + 2]) || !hex(b[i + 3]) || !hex(b[i + 4]) || !hex(b[i + 5])) {
                        return -1;
                    }
                    i += 6;
                } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r'
                        || e == 't') {
                    i += 2;
                } else {
                    return -1;
                }
            } else if (c < 0x20) {
                return -1; // control characters must be escaped
            } else if (c < 0x80) {
                i++;
            } else {
                i = utf8(b, i, c);
                if (i < 0) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** A multi-byte UTF-8 sequence starting with lead byte c at i; returns the index after it, or -1. */
    private static int utf8(byte[] b, int i, int c) {
        int continuation;
        if (c >= 0xc2 && c <= 0xdf) {
            continuation = 1;
        } else if (c >= 0xe0 && c <= 0xef) {
            continuation = 2;
        } else if (c >= 0xf0 && c <= 0xf4) {
            continuation = 3;
        } else {
            return -1;
        }
        if (i + continuation >= b.length) {
            return -1;
        }
        for (int k = 1; k <= continuation; k++) {
            if ((b[i + k] & 0xc0) != 0x80) {
                return -1;
            }
        }
        return i + 1 + continuation;
    }

    private static boolean hex(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int literal(byte[] b, int i, String word) {
        int len = word.length();
        if (i + len > b.length) {
            return -1;
        }
        for (int k = 0; k < len; k++) {
            if (b[i + k] != word.charAt(k)) {
                return -1;
            }
        }
        return i + len;
    }

    /** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? from i; the index after it, or -1. */
    private static int number(byte[] b, int i) {
        int n = b.length;
        int start = i;
        if (b[i] == '-') {
            i++;
        }
        if (i >= n) {
            return -1;
        }
        if (b[i] == '0') {
            i++;
        } else if (b[i] >= '1' && b[i] <= '9') {
            i = digits(b, i);
        } else {
            return -1;
        }
        if (i < n && b[i] == '.') {
            int after = digits(b, i + 1);
            if (after == i + 1) {
                return -1;
            }
            i = after;
        }
        if (i < n && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < n && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int after = digits(b, i);
            if (after == i) {
                return -1;
            }
            i = after;
        }
        return i - start > MAX_NUMBER_CHARS ? -1 : i;
    }

    private static int digits(byte[] b, int i) {
        int n = b.length;
        while (i < n && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i;
    }
}
