package dev.mercato.notifications.localmail;

import static dev.mercato.testsupport.http.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.notifications.NotificationsIntegrationTest;
import dev.mercato.testsupport.http.HttpJson;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * GET /v1/admin/mail against the GreenMail server {@code ./mercato up} runs, with its HTTP API: what it captured, newest
 * first, filtered by recipient, for admins only; a 503 problem with Retry-After at once when it does not answer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalMailIT extends NotificationsIntegrationTest {

    static final LocalGreenMail GREENMAIL = LocalGreenMail.start();

    @DynamicPropertySource
    static void localMail(DynamicPropertyRegistry registry) {
        registry.add("notifications.local-mail.api", () -> GREENMAIL.api().toString());
    }

    @AfterAll
    static void stopGreenMail() throws InterruptedException {
        GREENMAIL.close();
    }

    @Test
    void showsWhatTheLocalServerCapturedNewestFirstForOneRecipientOrAll() throws Exception {
        String ada = "ada-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String grace = "grace-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        send(ada, "Il tuo ordine è confermato", "it", "Ciao Ada, grazie.", Instant.parse("2026-12-07T10:00:00Z"));
        send(ada, "Rimborso", "it", "Abbiamo rimborsato 25,99 €.", Instant.parse("2026-12-07T11:00:00Z"));
        send(grace, "Your order is confirmed", "en", "Hello Grace.", Instant.parse("2026-12-07T12:00:00Z"));

        JsonNode adas = Awaitility.await("both mails to " + ada)
                .atMost(Duration.ofSeconds(10))
                .until(() -> list("?to=" + ada).get("items"), items -> items.size() == 2);

        assertThat(adas.get(0).get("to").asString()).isEqualTo(ada);
        assertThat(adas.get(0).get("subject").asString()).isEqualTo("Rimborso");
        assertThat(adas.get(0).get("contentLanguage").asString()).isEqualTo("it");
        assertThat(adas.get(0).get("receivedAt").asString()).isEqualTo("2026-12-07T11:00:00Z");
        assertThat(adas.get(0).get("text").asString()).isEqualTo("Abbiamo rimborsato 25,99 €.");
        assertThat(adas.get(1).get("subject").asString()).isEqualTo("Il tuo ordine è confermato");
        assertThat(list("?to=" + ada.toUpperCase()).get("items"))
                .as("an address in capitals is the same address")
                .hasSize(2);
        JsonNode all = list("").get("items");
        assertThat(all.valueStream().map(item -> item.get("to").asString())).contains(ada, grace);
        assertThat(list("?to=nobody@example.com").get("items")).isEmpty();
    }

    @Test
    void isForAdminsOnly() {
        assertThat(http.get("/v1/admin/mail").status()).isEqualTo(401);
        assertThat(http.get("/v1/admin/mail", IDENTITY.bearer("customer")).status())
                .isEqualTo(403);
    }

    /** Last: it stops the local server. */
    @Test
    @Order(Integer.MAX_VALUE)
    void aLocalServerThatDoesNotAnswerIsUnavailableAtOnce() throws InterruptedException {
        GREENMAIL.close();
        long started = System.nanoTime();

        HttpJson.Response answer = http.get("/v1/admin/mail", IDENTITY.bearer("admin"));

        assertProblem(answer, 503, "unavailable");
        assertThat(answer.header("Retry-After")).hasValue("1");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    private JsonNode list(String query) {
        HttpJson.Response response = http.get("/v1/admin/mail" + query, IDENTITY.bearer("admin"));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** A mail like the service's: multipart/alternative, text and HTML, with Content-Language. */
    private static void send(String to, String subject, String language, String text, Instant sent) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(GREENMAIL.smtpPort));
        MimeMessage mail = new MimeMessage(Session.getInstance(properties));
        mail.setFrom(new InternetAddress("orders@mercato.local"));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        mail.setSubject(subject, "UTF-8");
        mail.setSentDate(Date.from(sent));
        mail.setHeader("Content-Language", language);
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>" + text + "</p>", "text/html; charset=UTF-8");
        mail.setContent(new MimeMultipart("alternative", plain, html));
        Transport.send(mail);
    }
}
