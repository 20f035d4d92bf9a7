package dev.edm.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Masks customer personal data (emails, phones, names, addresses, user ids) in stored payloads, JSON or XML:
 * for showing them, and for erasing a person for good.
 */
public final class PersonalData {
    public static final String MASK = "[redacted]";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern EMAIL =
            Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Set<String> PERSONAL_FIELDS = Set.of(
            "email",
            "contact_email",
            "customer_email",
            "buyer_email",
            "phone",
            "phone_number",
            "first_name",
            "last_name",
            "name_on_card",
            "zip",
            "postal_code",
            "postalcode",
            "destinationpostalcode",
            "latitude",
            "longitude",
            "browser_ip");

    /** XML elements (lower-cased local names) naming a person, as marketplaces' SOAP payloads (eBay) write them. */
    private static final Set<String> XML_FIELDS = Set.of(
            "email",
            "userid",
            "buyeruserid",
            "recipientuserid",
            "eiastoken",
            "staticalias",
            "firstname",
            "lastname",
            "phone",
            "phone2",
            "sellercontactdetails");

    private PersonalData() {}

    /** The body with personal data masked (JSON pretty-printed, XML as XML); other bodies get emails masked. */
    public static String maskedJson(byte[] body) {
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null) {
                return "";
            }
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(mask(root, false, PERSONAL_FIELDS));
        } catch (IOException e) {
            try {
                return new String(redactedXml(body), StandardCharsets.UTF_8);
            } catch (UnreadablePayloadException notXml) {
                String text = new String(body, StandardCharsets.UTF_8);
                return EMAIL.matcher(text).replaceAll(MASK);
            }
        }
    }

    /**
     * The XML body with personal data masked for good: the text of personal elements, of every leaf inside an
     * element named *address*, and emails anywhere.
     *
     * @throws UnreadablePayloadException when the body is not acceptable XML
     */
    public static byte[] redactedXml(byte[] body) {
        Document doc = SafeXml.parse(body);
        mask(doc.getDocumentElement(), false);
        return SafeXml.write(doc);
    }

    private static void mask(Element element, boolean inAddress) {
        String name = element.getLocalName().toLowerCase(Locale.ROOT);
        boolean address = inAddress || name.contains("address");
        boolean leaf = true;
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                leaf = false;
                mask(child, address);
            }
        }
        String text = element.getTextContent();
        if ((leaf && address) || XML_FIELDS.contains(name)) {
            if (!text.isBlank()) {
                element.setTextContent(MASK);
            }
        } else if (leaf && EMAIL.matcher(text).find()) {
            element.setTextContent(EMAIL.matcher(text).replaceAll(MASK));
        }
    }

    /**
     * The JSON body, compact, with personal data masked for good: the usual fields plus {@code moreFields}
     * (lower-case names), every value under an address, and emails anywhere.
     *
     * @throws UnreadablePayloadException when the body is not JSON
     */
    public static byte[] redactedJson(byte[] body, Set<String> moreFields) {
        Set<String> fields = new HashSet<>(PERSONAL_FIELDS);
        fields.addAll(moreFields);
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null) {
                throw new UnreadablePayloadException("payload is empty");
            }
            return MAPPER.writeValueAsBytes(mask(root, false, fields));
        } catch (IOException e) {
            throw new UnreadablePayloadException("payload is not valid JSON", e);
        }
    }

    private static JsonNode mask(JsonNode node, boolean inAddress, Set<String> personalFields) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String name = field.getKey().toLowerCase(Locale.ROOT);
                boolean address = inAddress || name.contains("address");
                JsonNode value = field.getValue();
                if (value.isValueNode() && !value.isNull() && (address || personalFields.contains(name))) {
                    field.setValue(TextNode.valueOf(MASK));
                } else {
                    field.setValue(mask(value, address, personalFields));
                }
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, mask(array.get(i), inAddress, personalFields));
            }
            return array;
        }
        if (node.isTextual() && EMAIL.matcher(node.asText()).find()) {
            return TextNode.valueOf(EMAIL.matcher(node.asText()).replaceAll(MASK));
        }
        return node;
    }
}
