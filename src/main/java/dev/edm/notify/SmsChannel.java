package dev.edm.notify;

import dev.edm.config.NotifySettings;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** SMS through Twilio's Messages API: one short text to one number. */
final class SmsChannel implements Channel {
    static final int MAX_CHARS = 300;
    private final HttpPost http;
    private final Optional<NotifySettings.Twilio> twilio;
    private final URI apiBase;

    SmsChannel(HttpPost http, Optional<NotifySettings.Twilio> twilio, URI apiBase) {
        this.http = http;
        this.twilio = twilio;
        this.apiBase = apiBase;
    }

    @Override
    public SendResult send(Receiver receiver, String address, Message m) {
        if (twilio.isEmpty()) {
            return new SendResult.Failed(
                    "SMS is not configured (set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM)",
                    false,
                    Optional.empty());
        }
        NotifySettings.Twilio t = twilio.get();
        String form = "To=" + enc(address) + "&From=" + enc(t.from()) + "&Body=" + enc(text(m));
        String auth = Base64.getEncoder()
                .encodeToString((t.accountSid() + ":" + t.authToken()).getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create(apiBase + "/2010-04-01/Accounts/" + enc(t.accountSid()) + "/Messages.json");
        return http.post(uri, "application/x-www-form-urlencoded", form, Map.of("Authorization", "Basic " + auth));
    }

    static String text(Message m) {
        String s = m.digest()
                ? "edm: " + m.items().size() + " alerts, worst: " + Messages.line(m.worst())
                : "edm: " + Messages.line(m.items().get(0));
        return s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS - 3) + "...";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
