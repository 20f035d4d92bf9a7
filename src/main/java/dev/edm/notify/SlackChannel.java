package dev.edm.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Slack incoming webhook with Block Kit: a header, one section per item (up to 20, then "and N more"), and a
 * context line carrying the message's idempotency key. Incoming webhooks have no dedupe, so a crash between
 * sending and marking gives at most one duplicate, recognisable by that key.
 */
final class SlackChannel implements Channel {
    static final int MAX_ITEMS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpPost http;

    SlackChannel(HttpPost http) {
        this.http = http;
    }

    @Override
    public SendResult send(Receiver receiver, String address, Message m) {
        return http.post(URI.create(receiver.addresses().get(0)), "application/json", body(m), Map.of());
    }

    static String body(Message m) {
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", clip(m.subject(), 150))));
        List<Item> items = m.items();
        for (Item i : items.subList(0, Math.min(MAX_ITEMS, items.size()))) {
            String text = "*" + Messages.escape(Messages.line(i)) + "*"
                    + (i.reason() == null ? "" : "\n" + Messages.escape(i.reason()));
            blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", clip(text, 3000))));
        }
        if (items.size() > MAX_ITEMS) {
            blocks.add(Map.of(
                    "type",
                    "section",
                    "text",
                    Map.of(
                            "type",
                            "mrkdwn",
                            "text",
                            "_and " + (items.size() - MAX_ITEMS) + " more (see the email "
                                    + "digest or GET /api/alerts)_")));
        }
        blocks.add(
                Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text", "edm · " + m.key()))));
        try {
            return JSON.writeValueAsString(Map.of("text", m.subject(), "blocks", blocks));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
