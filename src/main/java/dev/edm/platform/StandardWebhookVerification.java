package dev.edm.platform;

import dev.edm.signing.StandardWebhookScheme;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Standard Webhooks signature check shared by the adapters that receive it, as a {@link Verification}. */
public final class StandardWebhookVerification {
    private StandardWebhookVerification() {}

    /** Whether the request carries a Standard Webhooks signature header. */
    public static boolean signed(Map<String, String> headers) {
        String signature = headers.get(StandardWebhookScheme.SIGNATURE);
        return signature != null && !signature.isBlank();
    }

    /**
     * Why the delivery must be refused, or empty when it is signed by one of the keys (or unsigned and debug
     * mode accepts that).
     *
     * @param missingKeys the message when the delivery is signed but no key is configured for its sender
     */
    public static Optional<Verification> failure(
            List<StandardWebhookScheme> keys,
            Map<String, String> headers,
            byte[] body,
            Clock clock,
            boolean debugMode,
            String missingKeys) {
        if (!signed(headers)) {
            return debugMode
                    ? Optional.empty()
                    : Optional.of(
                            new Verification.Unauthorized("missing " + StandardWebhookScheme.SIGNATURE + " header"));
        }
        if (keys.isEmpty()) {
            return Optional.of(new Verification.NotConfigured(missingKeys));
        }
        return switch (StandardWebhookScheme.verify(keys, headers, body, clock)) {
            case StandardWebhookScheme.Result.Valid v -> Optional.empty();
            case StandardWebhookScheme.Result.Missing m ->
                Optional.of(new Verification.Invalid(
                        Verification.Problem.MISSING_HEADER, "missing " + m.header() + " header"));
            case StandardWebhookScheme.Result.Malformed m ->
                Optional.of(new Verification.Invalid(Verification.Problem.MALFORMED, m.message()));
            case StandardWebhookScheme.Result.Rejected r -> Optional.of(new Verification.Unauthorized(r.message()));
        };
    }

    /** The Standard Webhooks headers, kept with the raw body so it can be verified again later. */
    public static Map<String, String> kept(Map<String, String> headers) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name :
                List.of(StandardWebhookScheme.ID, StandardWebhookScheme.TIMESTAMP, StandardWebhookScheme.SIGNATURE)) {
            String value = headers.get(name);
            if (value != null) {
                kept.put(name, value);
            }
        }
        return kept;
    }
}
