package dev.edm.datafetch;

/** How the next page is found, as given to {@code --paginate}. */
public sealed interface Pagination {
    /** One page only. */
    record None() implements Pagination {}

    /** The RFC 8288 (formerly 5988) {@code Link} header's {@code rel="next"} target. */
    record LinkHeader() implements Pagination {}

    /** The next cursor read from a body field (dotted path), sent back as query parameter {@code param}. */
    record Cursor(String field, String param) implements Pagination {}

    /** Query parameter {@code param} counted up until a page has no records. */
    record PageNumber(String param) implements Pagination {}

    /** {@code link}, {@code cursor:FIELD[:PARAM]} or {@code page:PARAM}; null means no pagination. */
    static Pagination parse(String spec) {
        if (spec == null || spec.isBlank() || spec.equals("none")) {
            return new None();
        }
        if (spec.equals("link")) {
            return new LinkHeader();
        }
        String[] parts = spec.split(":", -1);
        if (parts[0].equals("cursor") && (parts.length == 2 || parts.length == 3) && !parts[1].isBlank()) {
            String field = parts[1].strip();
            String param = parts.length == 3 && !parts[2].isBlank()
                    ? parts[2].strip()
                    : field.substring(field.lastIndexOf('.') + 1);
            return new Cursor(field, param);
        }
        if (parts[0].equals("page") && parts.length == 2 && !parts[1].isBlank()) {
            return new PageNumber(parts[1].strip());
        }
        throw new IllegalArgumentException(
                "--paginate must be link, cursor:FIELD[:PARAM] or page:PARAM, got \"" + spec + "\"");
    }
}
