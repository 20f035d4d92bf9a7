package dev.edm.ingest;

import java.util.Map;

/** The headers kept with a delivery as one JSON object, written by hand because it runs for every delivery. */
final class HeadersJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private HeadersJson() {}

    static String write(Map<String, String> headers) {
        StringBuilder out = new StringBuilder(16 + headers.size() * 64);
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, header.getKey());
            out.append(':');
            string(out, header.getValue());
        }
        return out.append('}').toString();
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        int n = s.length();
        int plain = 0;
        while (plain < n && !needsEscape(s.charAt(plain))) {
            plain++;
        }
        // the plain part in one copy: appending char by char costs several checks per char
        if (plain == n) {
            out.append(s);
        } else {
            out.append(s, 0, plain);
            for (int i = plain; i < n; i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20) {
                    out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                } else {
                    out.append(c);
                }
            }
        }
        out.append('"');
    }

    private static boolean needsEscape(char c) {
        return c == '"' || c == '\\' || c < 0x20;
    }
}
