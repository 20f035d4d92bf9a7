package dev.edm.notify;

import java.util.List;
import java.util.Optional;

/**
 * A rendered message: subject (count and worst item), plain text and HTML bodies, the CSV of a digest, and the
 * idempotency key receivers can dedupe on.
 */
record Message(
        String key,
        String kind,
        String subject,
        String text,
        String html,
        Optional<String> csv,
        List<Item> items,
        List<Summary.Attachment> attachments) {
    Message {
        items = List.copyOf(items);
        attachments = List.copyOf(attachments);
    }

    boolean digest() {
        return kind.equals("digest");
    }

    Item worst() {
        return items.stream().sorted(Item.WORST_FIRST).findFirst().orElseThrow();
    }
}
