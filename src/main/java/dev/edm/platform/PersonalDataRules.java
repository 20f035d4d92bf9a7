package dev.edm.platform;

import java.util.Set;

/**
 * How a platform's stored deliveries name people, so that a platform's request to forget someone (eBay's
 * marketplace account deletion) can be carried out on the inbox. Identifiers are user names, user ids,
 * tokens and emails as the platform writes them; callers normalise and hash them.
 */
public interface PersonalDataRules {
    /** The identifiers of every person the delivery names; empty when none or the body cannot be read. */
    Set<String> subjects(String topic, byte[] body);

    /** When the delivery asks us to forget a person: the identifiers to forget; otherwise empty. */
    Set<String> erasureRequest(String topic, byte[] body);

    /**
     * The body with every person's data masked (names, user ids, emails, addresses, phones, tokens), keeping
     * what state is derived from (ids, SKUs, quantities, prices, times) so a replay gives the same state.
     */
    byte[] redact(String topic, byte[] body);

    /** Whether the delivery asks to erase everything held about its store (Shopify's {@code shop/redact}). */
    default boolean storeErasure(String topic) {
        return false;
    }

    /** Whether the delivery asks which data we hold about a person (Shopify's {@code customers/data_request}). */
    default boolean dataRequest(String topic) {
        return false;
    }
}
