package dev.edm.platform.ebay;

import dev.edm.platform.SafeXml;
import dev.edm.platform.UnreadablePayloadException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A legacy Platform Notification as sent: a SOAP envelope whose body is the response of the matching Trading
 * call plus {@code NotificationEventName} and {@code RecipientUserID} (current schema), or the 2001 schema's
 * {@code Notification/Event} with {@code EventTime/EBayTime}.
 *
 * @param response the body's first element (e.g. {@code GetItemResponse}, or {@code Event} in the 2001 schema)
 * @param signature the header's {@code NotificationSignature} text, null when absent
 * @param timestamp the time text exactly as sent (the signature covers it), null when absent
 */
record SoapNotification(
        Element response,
        String signature,
        String timestamp,
        String eventName,
        String recipient,
        String correlationId,
        String version,
        String itemId,
        String transactionId) {

    static SoapNotification read(byte[] body) {
        Document doc = SafeXml.parse(body);
        Element envelope = doc.getDocumentElement();
        if (!"Envelope".equals(envelope.getLocalName())) {
            throw new UnreadablePayloadException("not a SOAP envelope: " + envelope.getLocalName());
        }
        Element response = SafeXml.firstChild(SafeXml.child(envelope, "Body"));
        if (response == null) {
            throw new UnreadablePayloadException("the SOAP body is empty");
        }
        String signature = signature(SafeXml.child(envelope, "Header"));
        if ("Notification".equals(response.getLocalName())) {
            return old(response, signature);
        }
        return new SoapNotification(
                response,
                signature,
                SafeXml.text(response, "Timestamp"),
                SafeXml.text(response, "NotificationEventName"),
                SafeXml.text(response, "RecipientUserID"),
                SafeXml.text(response, "CorrelationID"),
                SafeXml.text(response, "Version"),
                SafeXml.text(response, "Item", "ItemID"),
                SafeXml.text(response, "TransactionArray", "Transaction", "TransactionID"));
    }

    /** The 2001 schema: {@code Notification/Event/{EventTime/EBayTime, <EventName>/ItemId}}. */
    private static SoapNotification old(Element notification, String signature) {
        Element event = SafeXml.child(notification, "Event");
        Element named = null;
        if (event != null) {
            for (Element e = SafeXml.firstChild(event); e != null; e = next(e)) {
                if (!"EventTime".equals(e.getLocalName())) {
                    named = e;
                    break;
                }
            }
        }
        return new SoapNotification(
                event == null ? notification : event,
                signature,
                event == null ? null : SafeXml.text(event, "EventTime", "EBayTime"),
                named == null ? null : named.getLocalName(),
                null,
                null,
                null,
                named == null ? null : SafeXml.text(named, "ItemId"),
                null);
    }

    private static Element next(Element e) {
        for (var n = e.getNextSibling(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element sibling) {
                return sibling;
            }
        }
        return null;
    }

    private static String signature(Element header) {
        if (header == null) {
            return null;
        }
        NodeList found = header.getElementsByTagNameNS("*", "NotificationSignature");
        if (found.getLength() == 0) {
            return null;
        }
        String text = found.item(0).getTextContent().strip();
        return text.isEmpty() ? null : text;
    }

    /** The element holding the item ({@code Item}), or null. */
    Element item() {
        return SafeXml.child(response, "Item");
    }
}
