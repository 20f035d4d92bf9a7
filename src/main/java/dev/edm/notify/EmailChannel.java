package dev.edm.notify;

import dev.edm.config.EmailSettings;
import dev.edm.config.NotifySettings;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Email through SMTP (Jakarta Mail, Eclipse Angus): implicit TLS (465), STARTTLS (587) or plain, with login;
 * plain-text and HTML parts and, for digests, the CSV attached. The Message-ID is derived from the idempotency
 * key, so a duplicate after a crash carries the same id.
 */
final class EmailChannel implements Channel {
    private static final int TIMEOUT_MS = 20_000;
    private final EmailSettings email;
    private final NotifySettings settings;

    EmailChannel(EmailSettings email, NotifySettings settings) {
        this.email = email;
        this.settings = settings;
    }

    NotifySettings.Security security() {
        return settings.emailSecurity()
                .orElse(email.smtpPort() == 465 ? NotifySettings.Security.SSL : NotifySettings.Security.STARTTLS);
    }

    String peer() {
        return email.smtpServer().orElse("(no server)") + ":" + email.smtpPort() + " ("
                + security().name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    @Override
    public SendResult send(Receiver receiver, String address, Message m) {
        return send(receiver.addresses(), m);
    }

    SendResult send(List<String> to, Message m) {
        if (email.smtpServer().isEmpty() || email.sender().isEmpty()) {
            return SendResult.Failed.retry("email is not configured (set EMAIL_SMTP_SERVER and EMAIL_SENDER)");
        }
        try {
            Session session = Session.getInstance(properties());
            MimeMessage msg = new KeyedMessage(session, m.key());
            msg.setFrom(new InternetAddress(email.sender().get()));
            for (String a : to) {
                msg.addRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(a));
            }
            msg.setSubject(m.subject(), "UTF-8");
            msg.setSentDate(new Date());
            msg.setContent(content(m));
            msg.saveChanges();
            try (Transport t = session.getTransport()) {
                t.connect(
                        email.smtpServer().get(),
                        email.smtpPort(),
                        settings.emailUsername().orElse(email.sender().get()),
                        email.password().orElse(null));
                t.sendMessage(msg, msg.getAllRecipients());
            }
            return new SendResult.Sent("accepted by " + peer() + " for " + to.size() + " recipient(s)");
        } catch (AuthenticationFailedException e) {
            return SendResult.Failed.retry("authentication failed at " + peer()
                    + " (check EMAIL_USERNAME/EMAIL_SENDER and EMAIL_PASSWORD): " + oneLine(e.getMessage()));
        } catch (SendFailedException e) {
            return new SendResult.Failed(
                    "the server refused the recipients at " + peer() + ": " + oneLine(e.getMessage()),
                    e.getValidSentAddresses() == null && e.getValidUnsentAddresses() == null,
                    Optional.empty());
        } catch (MessagingException e) {
            return SendResult.Failed.retry(Failures.describe(e, peer()));
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("mail.transport.protocol", security() == NotifySettings.Security.SSL ? "smtps" : "smtp");
        for (String proto : List.of("smtp", "smtps")) {
            String k = "mail." + proto + ".";
            p.put(k + "auth", Boolean.toString(email.password().isPresent()));
            p.put(k + "connectiontimeout", Integer.toString(TIMEOUT_MS));
            p.put(k + "timeout", Integer.toString(TIMEOUT_MS));
            p.put(k + "writetimeout", Integer.toString(TIMEOUT_MS));
            p.put(
                    k + "ssl.checkserveridentity",
                    Boolean.toString(settings.emailSslTrust().isEmpty()));
            settings.emailSslTrust().ifPresent(h -> p.put(k + "ssl.trust", h));
        }
        if (security() == NotifySettings.Security.STARTTLS) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        return p;
    }

    private static MimeMultipart content(Message m) throws MessagingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(m.text(), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent(m.html(), "text/html; charset=UTF-8");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        List<Summary.Attachment> files = m.csv().isPresent()
                ? List.of(new Summary.Attachment("edm-alerts.csv", m.csv().get()))
                : m.attachments();
        if (files.isEmpty()) {
            return alternative;
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        mixed.addBodyPart(body);
        for (Summary.Attachment file : files) {
            MimeBodyPart csv = new MimeBodyPart();
            csv.setText(file.content(), StandardCharsets.UTF_8.name(), "csv");
            csv.setFileName(file.name());
            csv.setDisposition(jakarta.mail.Part.ATTACHMENT);
            mixed.addBodyPart(csv);
        }
        return mixed;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s+", " ");
    }

    /** A message whose Message-ID comes from the idempotency key. */
    private static final class KeyedMessage extends MimeMessage {
        private final String key;

        KeyedMessage(Session session, String key) {
            super(session);
            this.key = key;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + key.replaceAll("[^A-Za-z0-9._+-]", "_") + "@edm>");
        }
    }
}
