package dev.edm.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edm.signing.StandardWebhookScheme;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Outbound webhook: a JSON alert event signed with the Standard Webhooks scheme when the receiver has a
 * {@code whsec_} secret. The {@code webhook-id} is the message's idempotency key, the same on every retry, so
 * a receiver that dedupes on it sees each event once.
 */
final class WebhookChannel implements Channel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpPost http;
    private final Clock clock;

    WebhookChannel(HttpPost http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    @Override
    public SendResult send(Receiver receiver, String address, Message m) {
        byte[] body = body(m);
        Map<String, String> headers = receiver.secret()
                .map(s -> StandardWebhookScheme.fromSecret(s).headers(m.key(), clock.instant(), body))
                .orElseGet(() -> Map.of(
                        StandardWebhookScheme.ID,
                        m.key(),
                        StandardWebhookScheme.TIMESTAMP,
                        Long.toString(clock.instant().getEpochSecond())));
        return http.post(
                URI.create(receiver.addresses().get(0)),
                "application/json",
                new String(body, java.nio.charset.StandardCharsets.UTF_8),
                headers);
    }

    static byte[] body(Message m) {
        Map<String, Object> event = new LinkedHashMap<>();
        if (m.digest()) {
            event.put("type", "alert.digest");
            event.put("timestamp", m.items().get(0).at());
            event.put(
                    "data", Map.of("items", m.items().stream().map(Item::asMap).toList()));
        } else {
            Item i = m.items().get(0);
            event.put("type", "alert." + i.kind());
            event.put("timestamp", i.at());
            event.put("data", i.asMap());
        }
        try {
            return JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
