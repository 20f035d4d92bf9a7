package dev.edm.notify;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Someone who hears about alerts: a named email list, Slack incoming webhook, set of phone numbers or outbound
 * webhook, with optional quiet hours (non-critical messages wait until they end).
 *
 * @param addresses email addresses, phone numbers, or the one URL of a Slack or outbound webhook
 * @param secret the {@code whsec_} key an outbound webhook is signed with
 * @param criticalOnly hears critical notices only (the default for SMS)
 */
public record Receiver(
        String name,
        ChannelKind channel,
        List<String> addresses,
        Optional<String> secret,
        Optional<QuietHours> quiet,
        boolean criticalOnly) {
    public Receiver {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(channel, "channel");
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("receiver " + name + " has no address");
        }
    }

    /** Webhooks are for machines: every event at once, never a digest. */
    boolean hearsEveryEvent() {
        return channel == ChannelKind.WEBHOOK;
    }

    @Override
    public String toString() {
        return "Receiver[" + name + ", " + channel.id() + ", " + addresses.size() + " address(es)]";
    }
}
