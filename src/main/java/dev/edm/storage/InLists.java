package dev.edm.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * Keys bound to {@code IN (?, ?, ...)} lists of a fixed length, so one statement text (prepared once per
 * session) serves every chunk: the last chunk is padded by repeating its last key, which changes nothing an
 * {@code IN} matches.
 */
public final class InLists {
    private InLists() {}

    private static final String[] SHORT = new String[257];

    static {
        for (int n = 1; n < SHORT.length; n++) {
            SHORT[n] = "?, ".repeat(n - 1) + "?";
        }
    }

    /** {@code "?, ?, ..., ?"} with n placeholders (built once for the usual chunk sizes). */
    public static String placeholders(int n) {
        return n < SHORT.length ? SHORT[n] : "?, ".repeat(n - 1) + "?";
    }

    /** The parameters for each chunk: the leading values, then exactly {@code size} keys. */
    public static List<Object[]> chunks(List<?> keys, int size, Object... leading) {
        List<Object[]> chunks = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += size) {
            Object[] params = new Object[leading.length + size];
            System.arraycopy(leading, 0, params, 0, leading.length);
            for (int i = 0; i < size; i++) {
                params[leading.length + i] = keys.get(Math.min(from + i, keys.size() - 1));
            }
            chunks.add(params);
        }
        return chunks;
    }
}
