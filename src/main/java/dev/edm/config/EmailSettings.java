package dev.edm.config;

import java.util.List;
import java.util.Optional;

/** SMTP settings kept from the original tool's {@code EMAIL_*} variables. */
public record EmailSettings(
        Optional<String> smtpServer,
        int smtpPort,
        Optional<String> sender,
        Optional<String> password,
        List<String> recipients) {

    public EmailSettings {
        recipients = List.copyOf(recipients);
    }

    @Override
    public String toString() {
        return "EmailSettings[server=" + smtpServer.orElse("(none)") + ":" + smtpPort + ", sender="
                + sender.orElse("(none)") + ", password=" + (password.isPresent() ? "****" : "(none)") + ", recipients="
                + recipients + "]";
    }
}
