package dev.mercato.notifications.localmail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the local SMTP server captured, read through GreenMail's HTTP API: its users (one per address a mail went to)
 * and each one's inbox, whose messages come as raw MIME. Bounded: 2 s to connect, 5 s for an answer.
 */
@Component
class LocalMailbox {

    /** The newest mails shown at most: enough to look at a local run, bounded for one answer. */
    static final int MOST = 100;

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final @Nullable URI api;
    private final JsonMapper json;
    private final Session session = Session.getInstance(new Properties());

    LocalMailbox(LocalMailSettings settings, JsonMapper json) {
        this.api = settings.api();
        this.json = json;
    }

    /** False in production: mail leaves for real and nothing captures it here. */
    boolean configured() {
        return api != null;
    }

    /**
     * The captured mails, newest first, only those to {@code to} when given (compared without case).
     *
     * @throws Unavailable when the local SMTP server does not answer as expected
     */
    List<CapturedMail> mails(@Nullable String to) {
        List<String> addresses = new ArrayList<>();
        for (JsonNode user : get(uri("api", "user"))) {
            String email = user.path("email").asString("");
            if (!email.isEmpty() && (to == null || email.equalsIgnoreCase(to))) {
                addresses.add(email);
            }
        }
        List<CapturedMail> mails = new ArrayList<>();
        for (String address : addresses) {
            for (JsonNode stored : get(uri("api", "user", address, "messages", "INBOX"))) {
                mails.add(parse(address, stored.path("mimeMessage").asString("")));
            }
        }
        mails.sort(Comparator.comparing(
                CapturedMail::receivedAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder())));
        return mails.size() > MOST ? List.copyOf(mails.subList(0, MOST)) : mails;
    }

    private URI uri(String... segments) {
        return UriComponentsBuilder.fromUri(Objects.requireNonNull(api, "no local SMTP server configured"))
                .pathSegment(segments)
                .build()
                .encode()
                .toUri();
    }

    private JsonNode get(URI uri) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(5))
                            .header("Accept", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Unavailable("the local SMTP server does not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while reading the local SMTP server");
        }
        if (response.statusCode() != 200) {
            throw new Unavailable("the local SMTP server answered " + response.statusCode() + " to " + uri.getPath());
        }
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (JacksonException e) {
            throw new Unavailable("the local SMTP server answered something that is not JSON");
        }
        if (!body.isArray()) {
            throw new Unavailable("the local SMTP server answered something that is not a list");
        }
        return body;
    }

    private CapturedMail parse(String to, String raw) {
        try {
            MimeMessage message =
                    new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
            return new CapturedMail(
                    to,
                    message.getSubject(),
                    message.getHeader("Content-Language", ","),
                    message.getSentDate() == null ? null : message.getSentDate().toInstant(),
                    text(message));
        } catch (MessagingException | IOException e) {
            return new CapturedMail(to, null, null, null, "(not readable as a mail: " + e.getMessage() + ")");
        }
    }

    /** The first text/plain part, depth first. */
    private static @Nullable String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String text = text(child);
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    /** The local SMTP server cannot be read now. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }
}
