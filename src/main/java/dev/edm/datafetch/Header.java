package dev.edm.datafetch;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** One request header sent with every page. */
public record Header(String name, String value) {
    public Header {
        if (name == null || name.isBlank() || !name.strip().chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
            throw new IllegalArgumentException("bad header name \"" + name + "\"");
        }
        name = name.strip();
        value = value == null ? "" : value.strip();
    }

    /** {@code K:V} as given to {@code --header}. */
    public static Header parse(String spec) {
        int colon = spec.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--header must be NAME:VALUE, got \"" + spec + "\"");
        }
        return new Header(spec.substring(0, colon), spec.substring(colon + 1));
    }

    /** {@code bearer:TOKEN} or {@code basic:USER:PASS} as given to {@code --auth}: an Authorization header. */
    public static Header auth(String spec) {
        if (spec.startsWith("bearer:") && spec.length() > "bearer:".length()) {
            return new Header("Authorization", "Bearer " + spec.substring("bearer:".length()));
        }
        if (spec.startsWith("basic:")) {
            String userPass = spec.substring("basic:".length());
            if (userPass.indexOf(':') > 0) {
                String token = Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
                return new Header("Authorization", "Basic " + token);
            }
        }
        throw new IllegalArgumentException("--auth must be bearer:TOKEN or basic:USER:PASS");
    }
}
