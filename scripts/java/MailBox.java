import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * Prints what the local GreenMail server captured, read through its HTTP API: one line per mail (date, recipient,
 * Content-Language, subject), oldest first, and the text part of each mail with --body or when only one matched.
 * Runs on the classpath of greenmail-standalone, which carries Jakarta Mail and Jackson.
 *
 * <p>Usage: java -cp greenmail-standalone.jar MailBox.java <api-url> [address|-] [--body]
 */
public class MailBox {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    record Mail(Date date, String to, String language, String subject, String body) {}

    public static void main(String[] args) throws Exception {
        String api = args[0];
        String address = args.length > 1 && !args[1].equals("-") ? args[1] : null;
        boolean bodies = List.of(args).contains("--body");
        List<String> recipients = new ArrayList<>();
        if (address != null) {
            recipients.add(address);
        } else {
            for (JsonNode user : get(api + "/api/user")) {
                recipients.add(user.get("email").asText());
            }
        }
        List<Mail> mails = new ArrayList<>();
        Session session = Session.getInstance(new Properties());
        for (String recipient : recipients) {
            String path = "/api/user/" + URLEncoder.encode(recipient, StandardCharsets.UTF_8) + "/messages/INBOX";
            // GreenMail knows a recipient once something was sent to it: an unknown one has simply had no mail
            JsonNode inbox = address != null && !knows(api, recipient) ? JSON.createArrayNode() : get(api + path);
            for (JsonNode stored : inbox) {
                byte[] raw = stored.get("mimeMessage").asText().getBytes(StandardCharsets.UTF_8);
                MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
                mails.add(new Mail(
                        message.getSentDate(),
                        recipient,
                        String.valueOf(message.getHeader("Content-Language", ",")),
                        message.getSubject(),
                        text(message)));
            }
        }
        mails.sort(Comparator.comparing(Mail::date, Comparator.nullsFirst(Comparator.naturalOrder())));
        if (mails.isEmpty()) {
            System.out.println(address == null ? "No mail captured yet." : "No mail captured for " + address + ".");
            return;
        }
        System.out.printf("%-20s  %-32s  %-4s  %s%n", "DATE", "TO", "LANG", "SUBJECT");
        for (Mail mail : mails) {
            System.out.printf(
                    "%-20s  %-32s  %-4s  %s%n",
                    mail.date() == null ? "-" : WHEN.format(mail.date().toInstant()),
                    mail.to(),
                    mail.language(),
                    mail.subject());
            if (bodies || mails.size() == 1) {
                System.out.println();
                mail.body().lines().forEach(line -> System.out.println("    " + line));
                System.out.println();
            }
        }
    }

    private static boolean knows(String api, String recipient) throws Exception {
        for (JsonNode user : get(api + "/api/user")) {
            if (user.get("email").asText().equalsIgnoreCase(recipient)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The text/plain part (the first one found), else whatever text the mail has. */
    private static String text(Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent()).replace('\u00a0', ' ');
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String text = text(child);
                if (!text.isEmpty()) {
                    return text;
                }
            }
            return "";
        }
        return part.isMimeType("text/*") ? String.valueOf(part.getContent()) : "";
    }
}
