package dev.edm.platform.amazon;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shared secret a forwarder sends, in {@code x-auth-token}, {@code Authorization: Bearer} or
 * {@code x-api-key}, compared in constant time: both sides are hashed first, so neither the content nor the
 * length of a secret shows in the timing, and every candidate is compared.
 */
final class SharedSecrets {
    static final String AUTH_TOKEN = "x-auth-token";
    static final String AUTHORIZATION = "authorization";
    static final String API_KEY = "x-api-key";
    private static final String BEARER = "bearer ";

    private SharedSecrets() {}

    /** The credentials the request presents, in header order; empty when it presents none. */
    static List<String> presented(Map<String, String> headers) {
        List<String> found = new ArrayList<>(2);
        add(found, headers.get(AUTH_TOKEN));
        String authorization = headers.get(AUTHORIZATION);
        if (authorization != null
                && authorization.strip().toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            authorization = authorization.strip().substring(BEARER.length());
        }
        add(found, authorization);
        add(found, headers.get(API_KEY));
        return found;
    }

    /** True when any presented credential equals any secret. */
    static boolean anyMatches(List<String> presented, List<String> secrets) {
        boolean match = false;
        for (String candidate : presented) {
            byte[] given = sha256(candidate);
            for (String secret : secrets) {
                match |= MessageDigest.isEqual(given, sha256(secret));
            }
        }
        return match;
    }

    private static void add(List<String> found, String value) {
        if (value != null && !value.isBlank()) {
            found.add(value.strip());
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
