package dev.edm.storage;

import java.util.List;

/**
 * Several columns read as one: the SQLite driver spends about a microsecond on every text value it hands over
 * as a string (a native call and a buffer per value), so a report reading millions of values asks the database
 * to join each row's values with a separator (U+001F, with {@code concat}, on SQLite and PostgreSQL alike) and
 * splits the bytes in Java. A NULL reads as ''; {@link #nullable} marks a column whose NULL must be told from ''.
 * A value that contains the separator cannot be split: that row's values are read one by one (selected too,
 * after the packed one).
 */
public final class PackedColumns {
    static final byte SEPARATOR = 0x1f;

    private PackedColumns() {}

    /** The select list: the packed column, then each expression on its own (for a row that cannot be split). */
    public static String select(List<String> expressions) {
        return "concat(" + String.join(", '\u001f', ", expressions) + "), " + String.join(", ", expressions);
    }

    /** An expression that reads as '' when {@code column} is NULL and as its value after a marker otherwise. */
    public static String nullable(String column) {
        return "'+' || " + column;
    }

    /** The value of a {@link #nullable} column: null when it was NULL. */
    public static String orNull(String value) {
        return value.isEmpty() ? null : value.substring(1);
    }
}
