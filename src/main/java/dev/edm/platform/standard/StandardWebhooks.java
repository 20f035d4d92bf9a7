package dev.edm.platform.standard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edm.config.StandardWebhookSettings;
import dev.edm.event.CanonicalEvent;
import dev.edm.event.Platform;
import dev.edm.platform.DeliveryMeta;
import dev.edm.platform.JsonBodies;
import dev.edm.platform.JsonFields;
import dev.edm.platform.StandardWebhookVerification;
import dev.edm.platform.Verification;
import dev.edm.platform.WebhookAdapter;
import dev.edm.signing.StandardWebhookScheme;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Generic senders (an ERP, a script, another platform's bridge) posting edm's canonical JSON to
 * {@code /webhook/standard/{source}}, signed with the Standard Webhooks scheme under that source's
 * {@code whsec_} secrets. The source becomes the store id; deliveries are deduplicated on
 * (source, {@code webhook-id}).
 */
public final class StandardWebhooks implements WebhookAdapter {
    /** The pseudo-header the web layer sets from the {@code {source}} path segment (no client can send it). */
    public static final String SOURCE = ":source";

    private static final Pattern SOURCE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final Map<String, List<StandardWebhookScheme>> keysBySource = new LinkedHashMap<>();
    private final StandardWebhookSettings settings;
    private final boolean debugMode;
    private final Clock clock;

    public StandardWebhooks(StandardWebhookSettings settings, boolean debugMode, Clock clock) {
        this.settings = settings;
        settings.secrets()
                .storeSecrets()
                .forEach((source, secrets) -> keysBySource.put(
                        source,
                        secrets.stream().map(StandardWebhookScheme::fromSecret).toList()));
        this.debugMode = debugMode;
        this.clock = clock;
    }

    /** The environment's keys of a source, after those the store registry holds (usable ones only). */
    private List<StandardWebhookScheme> keysFor(String source) {
        List<String> registered = settings.secrets().registered(source);
        List<StandardWebhookScheme> env = keysBySource.getOrDefault(source, List.of());
        if (registered.isEmpty()) {
            return env;
        }
        List<StandardWebhookScheme> all = new ArrayList<>();
        for (String secret : registered) {
            try {
                all.add(StandardWebhookScheme.fromSecret(secret));
            } catch (RuntimeException e) {
                // edm stores add checks the whsec_ form; a secret that still cannot be used signs nothing
            }
        }
        all.addAll(env);
        return all;
    }

    @Override
    public Platform platform() {
        return Platform.STANDARD;
    }

    @Override
    public boolean acceptsContentType(String contentType) {
        return JsonBodies.isJsonMediaType(contentType);
    }

    @Override
    public boolean hasSignature(Map<String, String> headers) {
        return StandardWebhookVerification.signed(headers);
    }

    @Override
    public Verification verify(Map<String, String> headers, byte[] body) {
        String source = Optional.ofNullable(headers.get(SOURCE))
                .map(s -> s.toLowerCase(Locale.ROOT))
                .orElse("");
        if (!SOURCE_NAME.matcher(source).matches()) {
            return new Verification.Invalid(
                    Verification.Problem.MALFORMED,
                    "the source in /webhook/standard/{source} must be 1-64 of a-z, 0-9, '.', '_', '-'");
        }
        Optional<Verification> failure = StandardWebhookVerification.failure(
                keysFor(source),
                headers,
                body,
                clock,
                debugMode,
                "no Standard Webhooks secret is configured for source " + source + " (set EDM_STANDARD_WEBHOOK_SECRETS="
                        + source + ":whsec_...)");
        if (failure.isPresent()) {
            return failure.get();
        }
        Optional<String> syntax = JsonBodies.objectSyntaxProblem(body);
        if (syntax.isPresent()) {
            return new Verification.Invalid(Verification.Problem.MALFORMED, syntax.get());
        }
        JsonNode json = JsonFields.parse(body);
        String type = json.path("type").isTextual() ? JsonFields.text(json, "type") : null;
        if (type == null) {
            return new Verification.Invalid(
                    Verification.Problem.MALFORMED, "the payload has no \"type\" (e.g. \"inventory.updated\")");
        }
        String messageId = headers.get(StandardWebhookScheme.ID);
        String timestamp = headers.get(StandardWebhookScheme.TIMESTAMP);
        return new Verification.Verified(new DeliveryMeta(
                source,
                type,
                messageId == null ? null : source + ":" + messageId.strip(),
                messageId == null ? null : messageId.strip(),
                timestamp != null && timestamp.strip().matches("[0-9]{1,18}")
                        ? Instant.ofEpochSecond(Long.parseLong(timestamp.strip()))
                                .toString()
                        : null,
                null,
                StandardWebhookVerification.signed(headers),
                StandardWebhookVerification.kept(headers)));
    }

    @Override
    public boolean handlesTopic(String topic) {
        return StandardPayloads.TYPES.contains(topic);
    }

    @Override
    public List<CanonicalEvent> interpret(String topic, String store, byte[] body, Instant receivedAt) {
        return StandardPayloads.interpret(topic, store, body, receivedAt);
    }
}
