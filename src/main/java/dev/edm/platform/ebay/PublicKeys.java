package dev.edm.platform.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * eBay's Notification API public keys by {@code kid}: {@code GET /commerce/notification/v1/public_key/{kid}}
 * with an application token (client credentials, {@code POST /identity/v1/oauth2/token}). Keys are cached for
 * an hour (eBay's advice), unknown kids for a minute, the token until shortly before it expires; concurrent
 * requests for one kid make one call, and at most {@value #MAX_FETCHES_PER_MINUTE} keys are fetched a minute,
 * so deliveries naming made-up kids cannot spend the application's eBay call quota. No retries here: the
 * caller answers 503 and eBay redelivers.
 */
final class PublicKeys {
    static final Duration KEY_TTL = Duration.ofHours(1);
    static final Duration UNKNOWN_TTL = Duration.ofMinutes(1);
    static final int MAX_FETCHES_PER_MINUTE = 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9-]{1,128}");
    private static final Set<String> DIGESTS = Set.of("SHA1", "SHA256", "SHA384", "SHA512");
    private static final String SCOPE = "https://api.ebay.com/oauth/api_scope";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A verification key and the JCA signature algorithm eBay names for it (e.g. SHA1withECDSA). */
    record EbayKey(PublicKey key, String algorithm) {}

    /** The outcome of looking a kid up. */
    sealed interface Lookup {
        record Found(EbayKey key) implements Lookup {}

        /** eBay does not know the kid (or does not yet). */
        record Unknown(String message) implements Lookup {}

        /** eBay could not be asked, or answered something unusable. */
        record Unreachable(String message) implements Lookup {}
    }

    private final URI apiBase;
    private final String clientId;
    private final String clientSecret;
    private final Clock clock;
    private final Cache<String, EbayKey> keys;
    private final Cache<String, String> unknown;
    private final ReentrantLock tokenLock = new ReentrantLock();
    private HttpClient http;
    private String token;
    private Instant tokenExpires = Instant.MIN;
    private long fetchWindowStart;
    private int fetchesInWindow;

    PublicKeys(URI apiBase, String clientId, String clientSecret, Clock clock) {
        this.apiBase = apiBase;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.keys = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterWrite(KEY_TTL)
                .maximumSize(1_000)
                .build();
        this.unknown = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterWrite(UNKNOWN_TTL)
                .maximumSize(10_000)
                .build();
    }

    /** A fixed one-minute window of key fetches. */
    private synchronized boolean mayFetch() {
        long now = clock.millis();
        if (fetchesInWindow == 0 || now - fetchWindowStart >= 60_000 || now < fetchWindowStart) {
            fetchWindowStart = now;
            fetchesInWindow = 0;
        }
        return ++fetchesInWindow <= MAX_FETCHES_PER_MINUTE;
    }

    /** Whether the kid can be an eBay key id (and is safe in a URL path). */
    static boolean plausibleKid(String kid) {
        return KID.matcher(kid).matches();
    }

    Lookup find(String kid) {
        if (!plausibleKid(kid)) {
            return new Lookup.Unknown("kid is not a key id");
        }
        String known = unknown.getIfPresent(kid);
        if (known != null) {
            return new Lookup.Unknown(known);
        }
        try {
            return new Lookup.Found(keys.get(kid, this::fetch));
        } catch (KeyUnknown e) {
            unknown.put(kid, e.getMessage());
            return new Lookup.Unknown(e.getMessage());
        } catch (KeyUnreachable e) {
            return new Lookup.Unreachable(e.getMessage());
        }
    }

    private EbayKey fetch(String kid) {
        if (!mayFetch()) {
            throw new KeyUnreachable("more than " + MAX_FETCHES_PER_MINUTE + " eBay public keys asked for this minute");
        }
        HttpResponse<String> res = get(kid, token(false));
        if (res.statusCode() == 401) {
            res = get(kid, token(true)); // the token was revoked or expired early
        }
        if (res.statusCode() == 404 || res.statusCode() == 400) {
            throw new KeyUnknown("eBay does not know public key " + kid + " (HTTP " + res.statusCode() + ")");
        }
        if (res.statusCode() != 200) {
            throw new KeyUnreachable("eBay public key endpoint answered HTTP " + res.statusCode());
        }
        return parse(res.body());
    }

    private HttpResponse<String> get(String kid, String bearer) {
        return send(
                HttpRequest.newBuilder(URI.create(apiBase + "/commerce/notification/v1/public_key/" + kid))
                        .header("Authorization", "Bearer " + bearer)
                        .header("Accept", "application/json")
                        .timeout(TIMEOUT)
                        .GET()
                        .build(),
                "public key");
    }

    /** The key response: {@code {"key":"-----BEGIN PUBLIC KEY-----<base64>-----END PUBLIC KEY-----","algorithm","digest"}}. */
    static EbayKey parse(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            String pem = json.path("key").asText("");
            String algorithm = json.path("algorithm").asText("").toUpperCase(Locale.ROOT);
            String digest =
                    json.path("digest").asText("").toUpperCase(Locale.ROOT).replace("-", "");
            if (!algorithm.equals("ECDSA") || !DIGESTS.contains(digest)) {
                throw new KeyUnreachable("unsupported key algorithm " + algorithm + "/" + digest);
            }
            String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "")
                    .replace("-----END PUBLIC KEY-----", "")
                    .replaceAll("\\s", "");
            PublicKey key = KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return new EbayKey(key, digest + "withECDSA");
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new KeyUnreachable(
                    "eBay public key response is unusable: " + e.getClass().getSimpleName());
        }
    }

    /** An application access token, fetched again when expired or when {@code renew}. */
    private String token(boolean renew) {
        tokenLock.lock();
        try {
            if (renew || token == null || !clock.instant().isBefore(tokenExpires)) {
                token = newToken();
            }
            return token;
        } finally {
            tokenLock.unlock();
        }
    }

    private String newToken() {
        String credentials =
                Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> res = send(
                HttpRequest.newBuilder(URI.create(apiBase + "/identity/v1/oauth2/token"))
                        .header("Authorization", "Basic " + credentials)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "application/json")
                        .timeout(TIMEOUT)
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                                + URLEncoder.encode(SCOPE, StandardCharsets.UTF_8)))
                        .build(),
                "token");
        if (res.statusCode() != 200) {
            throw new KeyUnreachable("eBay token endpoint answered HTTP " + res.statusCode()
                    + (res.statusCode() == 401 ? " (check EBAY_CLIENT_ID and EBAY_CLIENT_SECRET)" : ""));
        }
        try {
            JsonNode json = JSON.readTree(res.body());
            String value = json.path("access_token").asText("");
            if (value.isEmpty()) {
                throw new KeyUnreachable("eBay token response has no access_token");
            }
            long lifetime = json.path("expires_in").asLong(7200);
            tokenExpires = clock.instant().plusSeconds(Math.max(30, lifetime - 300));
            return value;
        } catch (IOException e) {
            throw new KeyUnreachable("eBay token response is not JSON");
        }
    }

    private HttpResponse<String> send(HttpRequest request, String what) {
        try {
            return client().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new KeyUnreachable(
                    "eBay " + what + " endpoint unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeyUnreachable("interrupted while asking eBay for the " + what);
        }
    }

    /** Made on first use, so installations without eBay start no HTTP client. */
    private synchronized HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return http;
    }

    private static final class KeyUnknown extends RuntimeException {
        KeyUnknown(String message) {
            super(message, null, false, false);
        }
    }

    private static final class KeyUnreachable extends RuntimeException {
        KeyUnreachable(String message) {
            super(message, null, false, false);
        }
    }
}
