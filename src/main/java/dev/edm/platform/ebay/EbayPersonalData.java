package dev.edm.platform.ebay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edm.platform.JsonFields;
import dev.edm.platform.PersonalData;
import dev.edm.platform.PersonalDataRules;
import dev.edm.platform.SafeXml;
import dev.edm.platform.UnreadablePayloadException;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What eBay deliveries say about people and how it is erased. People are named by user name, user id, EIAS
 * token and email: the seller (every legacy notification names its recipient) and, in sales, the buyer with
 * name, address and phone. A {@code MARKETPLACE_ACCOUNT_DELETION} asks to forget its {@code username},
 * {@code userId} and {@code eiasToken}. Redaction masks every person's data in the body (JSON or SOAP) and
 * keeps item ids, SKUs, titles, quantities, prices and times, from which state is derived.
 */
final class EbayPersonalData implements PersonalDataRules {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** JSON fields (lower case) naming a person; values under any *address* field are masked too. */
    private static final Set<String> JSON_SUBJECTS =
            Set.of("username", "userid", "eiastoken", "email", "buyerusername", "sellerusername", "recipientuserid");

    private static final Set<String> JSON_PERSONAL = Set.of(
            "username",
            "userid",
            "eiastoken",
            "email",
            "buyerusername",
            "sellerusername",
            "recipientuserid",
            "fullname",
            "phonenumber",
            "taxidentifier");
    /** SOAP elements naming a person. */
    private static final Set<String> XML_SUBJECTS = Set.of(
            "UserID", "EIASToken", "Email", "StaticAlias", "RecipientUserID", "BuyerUserID", "PayPalEmailAddress");

    @Override
    public Set<String> subjects(String topic, byte[] body) {
        Set<String> found = new LinkedHashSet<>();
        try {
            if (isJson(body)) {
                collect(JSON.readTree(body), found);
            } else {
                collect(SafeXml.parse(body).getDocumentElement(), found);
            }
        } catch (IOException | UnreadablePayloadException e) {
            return Set.of(); // verified bodies always parse; nothing to index otherwise
        }
        return found;
    }

    @Override
    public Set<String> erasureRequest(String topic, byte[] body) {
        if (!NotificationPayloads.ACCOUNT_DELETION.equals(topic) || !isJson(body)) {
            return Set.of();
        }
        JsonNode data = JsonFields.parse(body).path("notification").path("data");
        Set<String> forget = new LinkedHashSet<>();
        for (String field : new String[] {"username", "userId", "eiasToken"}) {
            String value = data.isObject() ? JsonFields.text(data, field) : null;
            if (value != null) {
                forget.add(value);
            }
        }
        return forget;
    }

    @Override
    public byte[] redact(String topic, byte[] body) {
        if (isJson(body)) {
            return PersonalData.redactedJson(body, JSON_PERSONAL);
        }
        return PersonalData.redactedXml(body);
    }

    private static boolean isJson(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b == '{' || b == '[';
            }
        }
        return false;
    }

    private static void collect(JsonNode node, Set<String> found) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                JsonNode value = field.getValue();
                if (value.isValueNode() && JSON_SUBJECTS.contains(field.getKey().toLowerCase(Locale.ROOT))) {
                    found.add(value.asText());
                } else {
                    collect(value, found);
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, found));
        }
    }

    private static void collect(Element element, Set<String> found) {
        if (XML_SUBJECTS.contains(element.getLocalName())) {
            found.add(element.getTextContent().strip());
            return;
        }
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                collect(child, found);
            }
        }
    }
}
