package dev.edm.platform.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edm.platform.PersonalData;
import dev.edm.platform.PersonalDataRules;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Shopify's mandatory privacy webhooks. Deliveries name people by customer id and by order id (Shopify ids are
 * unique across shops): orders and refunds name their order and customer, customers topics the customer.
 * {@code customers/redact} asks to forget a customer and the orders it lists; {@code shop/redact} to erase a
 * whole shop. Redaction masks names, emails, phones, addresses and notes, keeping ids, SKUs, quantities and
 * prices, so replay derives the same state.
 */
final class ShopifyPersonalData implements PersonalDataRules {
    static final String CUSTOMERS_REDACT = "customers/redact";
    static final String SHOP_REDACT = "shop/redact";
    static final String DATA_REQUEST = "customers/data_request";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The identifier a customer id is indexed under (also what {@code edm privacy export} looks for). */
    static String customer(String id) {
        return "customer:" + id;
    }

    @Override
    public Set<String> subjects(String topic, byte[] body) {
        Set<String> found = new LinkedHashSet<>();
        boolean namesPeople = topic != null
                && (topic.startsWith("orders/") || topic.equals("refunds/create") || topic.startsWith("customers/"));
        JsonNode root = namesPeople ? read(body) : null; // other topics (stock, products) name nobody
        if (root == null) {
            return found;
        }
        if (topic.startsWith("orders/")) {
            add(found, "order:", root.path("id"));
            add(found, "customer:", root.path("customer").path("id"));
        } else if (topic.equals("refunds/create")) {
            add(found, "order:", root.path("order_id"));
        } else if (topic.startsWith("customers/")) {
            add(found, "customer:", root.has("customer") ? root.path("customer").path("id") : root.path("id"));
        }
        return found;
    }

    @Override
    public Set<String> erasureRequest(String topic, byte[] body) {
        Set<String> forget = new LinkedHashSet<>();
        JsonNode root = CUSTOMERS_REDACT.equals(topic) ? read(body) : null;
        if (root != null) {
            add(forget, "customer:", root.path("customer").path("id"));
            for (JsonNode order : root.path("orders_to_redact")) {
                add(forget, "order:", order);
            }
        }
        return forget;
    }

    @Override
    public boolean storeErasure(String topic) {
        return SHOP_REDACT.equals(topic);
    }

    @Override
    public boolean dataRequest(String topic) {
        return DATA_REQUEST.equals(topic);
    }

    @Override
    public byte[] redact(String topic, byte[] body) {
        return read(body) == null ? body : PersonalData.redactedJson(body, Set.of("note"));
    }

    private static void add(Set<String> ids, String prefix, JsonNode id) {
        if (id.isIntegralNumber() || (id.isTextual() && !id.asText().isBlank())) {
            ids.add(prefix + id.asText());
        }
    }

    private static JsonNode read(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            return root != null && root.isObject() ? root : null;
        } catch (IOException e) {
            return null;
        }
    }
}
