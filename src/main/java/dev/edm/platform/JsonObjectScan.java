package dev.edm.platform;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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

    /** Depths below this keep their container kind in a bit of a long; deeper ones need an array. */
    private static final int SHALLOW_DEPTH = Long.SIZE;

    // Eight bytes of a body as one long, the first byte lowest whatever the platform's byte order, so that the
    // lowest flagged byte of a word is the first one in the text.
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_BITS = 0x7f7f7f7f7f7f7f7fL;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5c5c5c5c5c5c5c5cL;
    // added to a byte of at most 0x7f, sets its high bit exactly when the byte is at least 0x20 (no carry out)
    private static final long FROM_SPACE = 0x6060606060606060L;
    // the literals as they read through INTS ("false" after its 'f')
    private static final int TRUE = 't' | 'r' << 8 | 'u' << 16 | 'e' << 24;
    private static final int NULL = 'n' | 'u' << 8 | 'l' << 16 | 'l' << 24;
    private static final int ALSE = 'a' | 'l' << 8 | 's' << 16 | 'e' << 24;

    private JsonObjectScan() {}

    /** True only when the body is certainly one JSON object, optionally surrounded by whitespace. */
    static boolean isOneObject(byte[] b) {
        int n = b.length;
        int i = skipWhitespace(b, 0);
        if (i >= n || b[i] != '{') {
            return false;
        }
        long shallow = 0; // bit d set: the container at depth d (< SHALLOW_DEPTH) is an object
        boolean[] deep = null; // the same from SHALLOW_DEPTH on, allocated only for bodies nested that deep
        int depth = 0;
        boolean inObject = false; // the innermost open container is an object
        boolean open = true; // b[i] opens a container
        while (true) {
            if (open) {
                if (depth == MAX_DEPTH) {
                    return false;
                }
                inObject = b[i] == '{';
                if (depth < SHALLOW_DEPTH) {
                    shallow = inObject ? shallow | 1L << depth : shallow & ~(1L << depth);
                } else {
                    if (deep == null) {
                        deep = new boolean[MAX_DEPTH];
                    }
                    deep[depth] = inObject;
                }
                depth++;
                i = skipWhitespace(b, i + 1);
                if (i >= n) {
                    return false;
                }
                if (b[i] == (inObject ? '}' : ']')) {
                    depth--;
                    i++;
                    open = false;
                    inObject = depth > 0 && isObject(depth - 1, shallow, deep);
                } else {
                    i = valueStart(b, i, inObject);
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
                i = valueStart(b, i, inObject);
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
            } else if (c == (inObject ? '}' : ']')) {
                depth--;
                i++;
                inObject = depth > 0 && isObject(depth - 1, shallow, deep);
            } else {
                return false;
            }
        }
    }

    private static boolean isObject(int depth, long shallow, boolean[] deep) {
        return depth < SHALLOW_DEPTH ? (shallow & 1L << depth) != 0 : deep[depth];
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
            case 't' -> i + 4 <= b.length && (int) INTS.get(b, i) == TRUE ? i + 4 : -1;
            case 'f' -> i + 5 <= b.length && (int) INTS.get(b, i + 1) == ALSE ? i + 5 : -1;
            case 'n' -> i + 4 <= b.length && (int) INTS.get(b, i) == NULL ? i + 4 : -1;
            default -> number(b, i);
        };
    }

    private static int skipWhitespace(byte[] b, int i) {
        int n = b.length;
        while (i < n) {
            byte c = b[i];
            if (c > ' ' || (c != ' ' && c != '\n' && c != '\r' && c != '\t')) {
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
        while (true) {
            // Whole words of bytes that need no attention (0x20 to 0x7f but the quote and the backslash) at once;
            // each byte is tested on its own seven low bits, so no carry or borrow reaches its neighbours.
            while (i <= n - Long.BYTES) {
                long w = (long) LONGS.get(b, i);
                long low = w & LOW_BITS;
                long notQuote = (low ^ QUOTES) + LOW_BITS;
                long notBackslash = (low ^ BACKSLASHES) + LOW_BITS;
                long notControl = low + FROM_SPACE;
                long attention = (w | ~(notQuote & notBackslash & notControl)) & HIGH_BITS;
                if (attention != 0) {
                    i += Long.numberOfTrailingZeros(attention) >>> 3;
                    break;
                }
                i += Long.BYTES;
            }
            if (i >= n) {
                return -1;
            }
            int c = b[i] & 0xff;
            if (c == '"') {
                return i + 1;
            }
            i = c >= 0x20 && c < 0x80 && c != '\\' ? i + 1 : afterSpecial(b, i, c);
            if (i < 0) {
                return -1;
            }
        }
    }

    /** An escape, control character or non-ASCII byte c at i inside a string; the index after it, or -1. */
    private static int afterSpecial(byte[] b, int i, int c) {
        int n = b.length;
        if (c == '\\') {
            if (i + 1 >= n) {
                return -1;
            }
            byte e = b[i + 1];
            if (e == 'u') {
                if (i + 5 >= n || !hex(b[i + 2]) || !hex(b[i + 3]) || !hex(b[i + 4]) || !hex(b[i + 5])) {
                    return -1;
                }
                return i + 6;
            } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
                return i + 2;
            }
            return -1;
        }
        if (c < 0x20) {
            return -1; // control characters must be escaped
        }
        return utf8(b, i, c);
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
