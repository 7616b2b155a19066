package dev.mercato.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.mercato.testsupport.http.HttpJson;
import dev.mercato.testsupport.http.SseClient;
import dev.mercato.testsupport.postgres.TestDatabase;
import dev.mercato.testsupport.scenario.Evidence;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17's first acceptance point: a customer registered with locale {@code it} checks out; one confirmation mail
 * reaches the SMTP server within 10 s of the confirmation, with {@code Content-Language: it}, and one in-app
 * notification with the same title reaches the customer's stream; the same {@code order.confirmed} delivered again —
 * also after the notifications inbox forgot it — sends nothing more on either channel.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationsE2E {

    private static final Duration SAGA = Duration.ofSeconds(30);
    private static final Duration MAIL = Duration.ofSeconds(10);
    private static final String QUEUE = "notifications.events";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    Platform platform;
    HttpJson gateway;
    Operator operator;

    @BeforeAll
    void start() {
        platform = Platform.shared();
        gateway = platform.viaGateway();
        operator = new Operator(gateway);
    }

    @Test
    void anItalianCustomersCheckoutSendsOneItalianMailAndARedeliverySendsNothingMore() throws Exception {
        Evidence evidence = new Evidence(
                "notifications",
                "one mail and one in-app notification per confirmed order, in the customer's language");
        JsonNode product = operator.product(2);
        operator.setOnHand(product.get("sku").asString(), 50);
        String email = "e2e-it-" + UUID.randomUUID() + "@example.com";
        Shopper shopper = Shopper.register(gateway, email, "it");
        shopper.add(product.get("id").asString(), 1);
        SseClient inApp = SseClient.open(
                platform.port("gateway"),
                "/v1/stream?topics=notifications",
                "Authorization",
                "Bearer " + shopper.token());
        assertThat(inApp.status()).isEqualTo(200);

        String orderId = shopper.checkout("tok_ok");
        JsonNode order = shopper.awaitTerminal(orderId, SAGA);
        long confirmedAt = System.nanoTime();
        assertThat(order.get("status").asString()).isEqualTo("CONFIRMED");

        Awaitility.await("the confirmation mail to " + email)
                .atMost(MAIL)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !mailsTo(email).isEmpty());
        evidence.at(
                "mail arrived %d ms after the order was seen CONFIRMED", (System.nanoTime() - confirmedAt) / 1_000_000);
        List<MimeMessage> mails = mailsTo(email);
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails.getFirst();
        assertThat(mail.getHeader("Content-Language", null)).isEqualTo("it");
        assertThat(mail.getSubject()).startsWith("Il tuo ordine").endsWith("è confermato");
        evidence.at("subject \"%s\", Content-Language %s", mail.getSubject(), mail.getHeader("Content-Language", null));
        SseClient.Frame pushed = inApp.nextEvent(MAIL);
        assertThat(pushed)
                .as("the in-app notification on the customer's stream")
                .isNotNull();
        assertThat(pushed.event()).isEqualTo("notification");
        JsonNode notification = JSON.readTree(pushed.data());
        assertThat(notification.get("title").asString()).isEqualTo(mail.getSubject());
        assertThat(notification.get("orderId").asString()).isEqualTo(orderId);
        evidence.at(
                "in-app notification \"%s\" pushed on the notifications topic",
                notification.get("title").asString());

        Map<String, Object> confirmed = outboxRow(orderId, "order.confirmed");
        double duplicates = duplicatesSeen();
        redeliver(confirmed);
        Awaitility.await("the redelivery seen as a duplicate by the inbox")
                .atMost(MAIL)
                .until(() -> duplicatesSeen() > duplicates);
        // as if the inbox's transaction had been lost: only the notification row stands between the event and a mail
        forgetInInbox(confirmed);
        redeliver(confirmed);
        awaitHandledAgain(confirmed);
        Thread.sleep(1000);

        assertThat(mailsTo(email)).as("mails after two redeliveries").hasSize(1);
        assertThat(inApp.eventsWithin(Duration.ofSeconds(1)))
                .as("in-app notifications after two redeliveries")
                .isEmpty();
        inApp.close();
        evidence.at("order.confirmed %s delivered twice more: still one mail", confirmed.get("message_id"));
        JsonNode listed = gateway.get(
                        "/v1/admin/notifications?recipient=" + email,
                        "Authorization",
                        "Bearer " + Shopper.login(gateway, Platform.ADMIN_EMAIL, Platform.ADMIN_PASSWORD))
                .json()
                .get("items");
        assertThat(listed).as("the mail and the in-app notification").hasSize(2);
        assertThat(listed.valueStream().map(item -> item.get("channel").asString()))
                .containsExactlyInAnyOrder("email", "in-app");
        for (JsonNode item : listed) {
            assertThat(item.get("state").asString()).isEqualTo("SENT");
            assertThat(item.get("locale").asString()).isEqualTo("it");
            assertThat(item.get("attempts").asInt()).isEqualTo(1);
        }
    }

    private List<MimeMessage> mailsTo(String email) {
        return Arrays.stream(platform.smtp().getReceivedMessages())
                .filter(message -> {
                    try {
                        Address[] to = message.getAllRecipients();
                        return to != null
                                && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(email));
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    /** The event as ordering's outbox holds it: what the relay published. */
    private Map<String, Object> outboxRow(String orderId, String type) {
        return Awaitility.await(type + " of " + orderId + " published")
                .atMost(MAIL)
                .until(
                        () -> query(
                                platform.database("ordering"),
                                "select message_id, type, version, payload::text as payload, occurred_at"
                                        + " from messaging.outbox_message where aggregate_id = ? and type = ?"
                                        + " and published_at is not null",
                                orderId,
                                type),
                        row -> row != null);
    }

    /** Straight into the notifications work queue, as the broker redelivers a message or the DLQ tooling replays it. */
    private void redeliver(Map<String, Object> event) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(platform.amqpUri());
        try (Connection connection = factory.newConnection("notifications-e2e");
                var channel = connection.createChannel()) {
            channel.confirmSelect();
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .messageId(event.get("message_id").toString())
                    .type(event.get("type") + ".v" + event.get("version"))
                    .contentType("application/json")
                    .deliveryMode(2)
                    .timestamp(Date.from(((Timestamp) event.get("occurred_at")).toInstant()))
                    .headers(Map.of(
                            "x-occurred-at",
                            ((Timestamp) event.get("occurred_at")).toInstant().toString()))
                    .build();
            channel.basicPublish(
                    "", QUEUE, true, properties, event.get("payload").toString().getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(5000);
        }
    }

    /** Deliveries of notifications.events that its inbox had seen before (libs/messaging's counter). */
    private double duplicatesSeen() {
        return platform.direct("notifications")
                .get("/actuator/prometheus")
                .text()
                .lines()
                .filter(line -> line.startsWith("mercato_messaging_consumer_consumed_total")
                        && line.contains("outcome=\"duplicate\"")
                        && line.contains("queue=\"" + QUEUE + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Until the notifications service has taken the message again (its inbox remembers it). */
    private void awaitHandledAgain(Map<String, Object> event) {
        Awaitility.await("notifications handled " + event.get("message_id") + " again")
                .atMost(MAIL)
                .until(() -> query(
                                platform.database("notifications"),
                                "select 1 from messaging.inbox_message where message_id = ?::uuid",
                                event.get("message_id").toString())
                        != null);
    }

    private void forgetInInbox(Map<String, Object> event) throws Exception {
        TestDatabase database = platform.database("notifications");
        try (var connection = DriverManager.getConnection(
                        database.jdbcUrl(),
                        database.server().user(),
                        database.server().password());
                var statement =
                        connection.prepareStatement("delete from messaging.inbox_message where message_id = ?::uuid")) {
            statement.setString(1, event.get("message_id").toString());
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    private static Map<String, Object> query(TestDatabase database, String sql, String... parameters) throws Exception {
        try (var connection = DriverManager.getConnection(
                        database.jdbcUrl(),
                        database.server().user(),
                        database.server().password());
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                Map<String, Object> row = new HashMap<>();
                for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                    row.put(rows.getMetaData().getColumnLabel(column), rows.getObject(column));
                }
                return row;
            }
        }
    }
}
