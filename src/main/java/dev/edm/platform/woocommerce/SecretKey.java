package dev.edm.platform.woocommerce;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HMAC key WooCommerce derives from a webhook secret: {@code wp_specialchars_decode($secret, ENT_QUOTES)}, so a
 * secret stored as {@code a&amp;b} signs with {@code a&b}. The same fixed set of entities, zero padding and single
 * pass as WordPress.
 */
final class SecretKey {
    private static final Pattern PADDED = Pattern.compile("&#0*(39|34|60|62|38);|&#[xX]0*(27|22|26);");
    private static final Map<String, String> ENTITIES = Map.ofEntries(
            Map.entry("&#039;", "'"),
            Map.entry("&#x27;", "'"),
            Map.entry("&quot;", "\""),
            Map.entry("&#034;", "\""),
            Map.entry("&#x22;", "\""),
            Map.entry("&lt;", "<"),
            Map.entry("&#060;", "<"),
            Map.entry("&gt;", ">"),
            Map.entry("&#062;", ">"),
            Map.entry("&amp;", "&"),
            Map.entry("&#038;", "&"),
            Map.entry("&#x26;", "&"));
    private static final int LONGEST = 6;

    private SecretKey() {}

    static String of(String secret) {
        if (secret.indexOf('&') < 0) {
            return secret;
        }
        Matcher m = PADDED.matcher(secret);
        String s = m.replaceAll(r -> r.group(1) != null ? "&#0" + r.group(1) + ";" : "&#x" + r.group(2) + ";");
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int end = s.charAt(i) == '&' ? s.indexOf(';', i) : -1;
            String entity = end > i && end - i <= LONGEST ? ENTITIES.get(s.substring(i, end + 1)) : null;
            if (entity != null) {
                out.append(entity);
                i = end + 1;
            } else {
                out.append(s.charAt(i));
                i++;
            }
        }
        return out.toString();
    }
}
