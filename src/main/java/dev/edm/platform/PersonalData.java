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

/** Masks customer personal data (emails, phones, names, addresses) in stored payloads before showing them. */
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
            "latitude",
            "longitude",
            "browser_ip");

    private PersonalData() {}

    /** The body with personal data masked; a body that is not JSON is masked whole. */
    public static String maskedJson(byte[] body) {
        try {
            JsonNode root = MAPPER.readTree(body);
            if (root == null) {
                return "";
            }
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(mask(root, false, PERSONAL_FIELDS));
        } catch (IOException e) {
            String text = new String(body, StandardCharsets.UTF_8);
            return EMAIL.matcher(text).replaceAll(MASK);
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

    /** Replaces every email address in the text. */
    public static String maskEmails(String text) {
        return EMAIL.matcher(text).replaceAll(MASK);
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
