package dev.edm.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Objects;

/**
 * A rendered summary email (subject, plain text, HTML, CSV attachments), stored whole in its outbox rows so a
 * retry sends the same message. {@code key} identifies the period (e.g. {@code daily-2026-11-27}): one row per
 * key and recipient.
 */
public record Summary(String key, String subject, String text, String html, List<Attachment> attachments) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Summary {
        Objects.requireNonNull(key, "key");
        attachments = List.copyOf(attachments);
    }

    /** A file attached to the email. */
    public record Attachment(String name, String content) {}

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Summary fromJson(String json) {
        try {
            return JSON.readValue(json, Summary.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable summary payload: " + e.getOriginalMessage(), e);
        }
    }

    Message message(String rowKey) {
        return new Message(rowKey, "summary", subject, text, html, java.util.Optional.empty(), List.of(), attachments);
    }
}
