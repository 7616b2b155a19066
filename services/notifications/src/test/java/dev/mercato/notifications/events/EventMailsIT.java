package dev.mercato.notifications.events;

import static dev.mercato.notifications.Events.cartAbandoned;
import static dev.mercato.notifications.Events.orderCancelled;
import static dev.mercato.notifications.Events.orderConfirmed;
import static dev.mercato.notifications.Events.paymentRefunded;
import static dev.mercato.notifications.Events.userRegistered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.messaging.deadletter.DeadLetter;
import dev.mercato.messaging.deadletter.DeadLetters;
import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.messaging.topology.Exchanges;
import dev.mercato.notifications.NotificationsIntegrationTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Events through the real broker to mails on a real SMTP server: language, once per event, retries, the DLQ. */
class EventMailsIT extends NotificationsIntegrationTest {

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    AmqpAdmin admin;

    @Test
    void anItalianCustomersConfirmationIsWrittenInItalianWithBothParts() throws Exception {
        UUID user = UUID.randomUUID();
        String email = newEmail();
        UUID order = UUID.randomUUID();
        publish(userRegistered(user, email, "Ada", "it"));
        publish(orderConfirmed(order, user, "1234.50"));

        MimeMessage mail = awaitOneMailTo(email);

        assertThat(mail.getHeader("Content-Language", null)).isEqualTo("it");
        assertThat(mail.getSubject())
                .isEqualTo("Il tuo ordine " + order.toString().substring(0, 8).toUpperCase() + " è confermato");
        List<String> parts = parts(mail);
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0)).startsWith("text/plain").contains("Ciao Ada,", "1.234,50 €");
        assertThat(parts.get(1)).startsWith("text/html").contains("<html lang=\"it\"", "Totale pagato: 1.234,50 €");
        assertThat(rowTo(email)).containsEntry("state", "SENT").containsEntry("locale", "it");
    }

    @Test
    void eachEventBecomesOneInAppNotificationForTheRealtimeChannel() {
        Queue pushed = new Queue("it.notifications.in-app." + UUID.randomUUID(), false, false, false);
        admin.declareQueue(pushed);
        admin.declareBinding(BindingBuilder.bind(pushed)
                .to(new TopicExchange(Exchanges.EVENTS))
                .with("notification.created"));
        try {
            UUID user = UUID.randomUUID();
            String email = newEmail();
            UUID order = UUID.randomUUID();
            publish(userRegistered(user, email, "Ada", "it"));
            Envelope confirmed = orderConfirmed(order, user, "25.99");
            publish(confirmed);
            Envelope abandoned = cartAbandoned(user, UUID.randomUUID(), 2);
            publish(abandoned);

            Envelope first = receive(pushed);
            assertThat(first.type()).isEqualTo("notification.created");
            assertThat(first.version()).isEqualTo(1);
            JsonNode notification = first.payload();
            assertThat(notification.get("userId").asString()).isEqualTo(user.toString());
            assertThat(notification.get("eventId").asString())
                    .isEqualTo(confirmed.messageId().toString());
            assertThat(notification.get("eventType").asString()).isEqualTo("order.confirmed.v1");
            assertThat(notification.get("template").asString()).isEqualTo("order-confirmed");
            assertThat(notification.get("locale").asString()).isEqualTo("it");
            assertThat(notification.get("title").asString())
                    .isEqualTo(
                            "Il tuo ordine " + order.toString().substring(0, 8).toUpperCase() + " è confermato");
            assertThat(notification.get("orderId").asString()).isEqualTo(order.toString());
            JsonNode reminder = receive(pushed).payload();
            assertThat(reminder.get("template").asString()).isEqualTo("cart-abandoned");
            assertThat(reminder.get("orderId").isNull()).isTrue();

            // delivered again, even with the inbox's record lost: the notification row alone decides
            await().atMost(Duration.ofSeconds(10)).until(() -> inboxed(confirmed) == 1);
            jdbc.sql("delete from messaging.inbox_message where message_id = ?")
                    .param(confirmed.messageId())
                    .update();
            redeliver(confirmed);
            await().atMost(Duration.ofSeconds(10)).until(() -> inboxed(confirmed) == 1);
            assertThat(rabbit.receive(pushed.getName(), 1000))
                    .as("a redelivered event notifies nobody again")
                    .isNull();
            assertThat(inAppStateOf(confirmed)).isEqualTo("SENT");
        } finally {
            admin.deleteQueue(pushed.getName());
        }
    }

    @Test
    void anEnglishCustomersCancellationSaysWhyInEnglish() throws Exception {
        UUID user = UUID.randomUUID();
        String email = newEmail();
        publish(userRegistered(user, email, "Grace", "en"));
        publish(orderCancelled(UUID.randomUUID(), user, "payment_declined", "25.99"));

        MimeMessage mail = awaitOneMailTo(email);

        assertThat(mail.getHeader("Content-Language", null)).isEqualTo("en");
        assertThat(mail.getSubject()).contains("was cancelled");
        assertThat(parts(mail).get(0)).contains("Hello Grace,", "Reason: the payment was declined", "€25.99");
    }

    @Test
    void aRefundReachesTheCustomerOfTheOrderItNames() throws Exception {
        UUID user = UUID.randomUUID();
        String email = newEmail();
        UUID order = UUID.randomUUID();
        publish(userRegistered(user, email, "Ada", "it"));
        publish(orderConfirmed(order, user, "25.99"));
        awaitOneMailTo(email);

        publish(paymentRefunded(order, 2599));

        await().atMost(Duration.ofSeconds(10)).until(() -> SMTP.mailsTo(email).size() == 2);
        MimeMessage refund = SMTP.mailsTo(email).get(1);
        assertThat(refund.getSubject()).startsWith("Rimborso per il tuo ordine");
        assertThat(parts(refund).get(0)).contains("Abbiamo rimborsato 25,99 €");
    }

    @Test
    void anAbandonedCartRemindsItsOwnerOnceInTheirLanguage() throws Exception {
        UUID user = UUID.randomUUID();
        String email = newEmail();
        publish(userRegistered(user, email, "Ada", "it"));
        Envelope abandoned = cartAbandoned(user, UUID.randomUUID(), 3);
        publish(abandoned);

        MimeMessage mail = awaitOneMailTo(email);

        assertThat(mail.getHeader("Content-Language", null)).isEqualTo("it");
        assertThat(mail.getHeader("X-Mercato-Event-Id", null))
                .isEqualTo(abandoned.messageId().toString());
        assertThat(mail.getSubject()).isEqualTo("Il tuo carrello ti aspetta");
        List<String> parts = parts(mail);
        assertThat(parts.get(0))
                .startsWith("text/plain")
                .contains("Ciao Ada,", "Hai lasciato 3 articoli nel carrello. Sono ancora lì per te.");
        assertThat(parts.get(1)).startsWith("text/html").contains("<html lang=\"it\"", "Hai lasciato 3 articoli");
        assertThat(rowTo(email)).containsEntry("state", "SENT").containsEntry("template", "cart-abandoned");

        redeliver(abandoned);
        await().atMost(Duration.ofSeconds(10)).until(() -> inboxed(abandoned) == 1);
        jdbc.sql("delete from messaging.inbox_message where message_id = ?")
                .param(abandoned.messageId())
                .update();
        redeliver(abandoned);
        await().atMost(Duration.ofSeconds(10)).until(() -> inboxed(abandoned) == 1);
        assertThat(SMTP.mailsTo(email))
                .as("a reminder delivered again sends nothing")
                .hasSize(1);
    }

    @Test
    void anEnglishReminderCountsOneItem() throws Exception {
        UUID user = UUID.randomUUID();
        String email = newEmail();
        publish(userRegistered(user, email, "Grace", "en"));
        publish(cartAbandoned(user, UUID.randomUUID(), 1));

        MimeMessage mail = awaitOneMailTo(email);

        assertThat(mail.getHeader("Content-Language", null)).isEqualTo("en");
        assertThat(mail.getSubject()).isEqualTo("Your cart is waiting for you");
        assertThat(parts(mail).get(0)).contains("Hello Grace,", "You left 1 item in your cart. It is still there");
    }

    @Test
    void aRedeliveredEventSendsNothingMoreEvenWhenTheInboxForgotIt() throws Exception {
        UUID user = UUID.randomUUID();
        String email = newEmail();
        publish(userRegistered(user, email, "Ada", "en"));
        Envelope confirmed = orderConfirmed(UUID.randomUUID(), user, "25.99");
        publish(confirmed);
        awaitOneMailTo(email);

        redeliver(confirmed);
        // the inbox's record lost (as if its transaction had not committed): the notification row alone decides
        await().atMost(Duration.ofSeconds(10)).until(() -> inboxed(confirmed) == 1);
        jdbc.sql("delete from messaging.inbox_message where message_id = ?")
                .param(confirmed.messageId())
                .update();
        redeliver(confirmed);
        await().atMost(Duration.ofSeconds(10)).until(() -> inboxed(confirmed) == 1);

        assertThat(SMTP.mailsTo(email)).hasSize(1);
        assertThat(jdbc.sql("select attempts from notification where event_id = ? and channel = 'email'")
                        .param(confirmed.messageId())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aMailLeftInDoubtByACrashIsNotSentAgain() {
        UUID user = UUID.randomUUID();
        String email = newEmail();
        publish(userRegistered(user, email, "Ada", "en"));
        Envelope confirmed = orderConfirmed(UUID.randomUUID(), user, "25.99");
        // what an attempt that died between handing the mail to SMTP and recording the answer leaves behind
        jdbc.sql("""
                        insert into notification
                            (event_id, channel, event_type, recipient, user_id, template, locale, subject, state)
                        values (?, 'email', 'order.confirmed.v1', ?, ?, 'order-confirmed', 'en', 'subject', 'SENDING')
                        """).params(confirmed.messageId(), email, user).update();

        publish(confirmed);

        await().atMost(Duration.ofSeconds(10)).until(() -> inboxed(confirmed) == 1);
        assertThat(SMTP.mailsTo(email)).isEmpty();
        assertThat(row(confirmed.messageId())).containsEntry("state", "SENDING");
    }

    @Test
    void anOrderOfAUserNotKnownYetIsRetriedUntilTheRegistrationArrives() throws Exception {
        UUID user = UUID.randomUUID();
        String email = newEmail();
        Envelope confirmed = orderConfirmed(UUID.randomUUID(), user, "25.99");
        publish(confirmed);
        Thread.sleep(700); // at least one attempt failed and went to a delay queue
        assertThat(SMTP.mailsTo(email)).isEmpty();

        publish(userRegistered(user, email, "Ada", "it"));

        MimeMessage mail = awaitOneMailTo(email);
        assertThat(mail.getHeader("Content-Language", null)).isEqualTo("it");
    }

    @Test
    void aRecipientTheServerRefusesForGoodIsParkedWithTheReason() {
        UUID user = UUID.randomUUID();
        String email = newEmail();
        SMTP.refuse(email);
        publish(userRegistered(user, email, "Ada", "en"));
        Envelope confirmed = orderConfirmed(UUID.randomUUID(), user, "25.99");

        publish(confirmed);

        DeadLetter parked = await().atMost(Duration.ofSeconds(10)).until(() -> deadLetter(confirmed), d -> d != null);
        assertThat(parked.attempts()).isEqualTo(1);
        assertThat(parked.error()).contains("550", "mailbox unavailable");
        assertThat(row(confirmed.messageId())).containsEntry("state", "FAILED");
        assertThat((String) row(confirmed.messageId()).get("last_error")).contains("550");
        assertThat(SMTP.mailsTo(email)).isEmpty();
        assertThat(inAppStateOf(confirmed))
                .as("the in-app notification does not go with the refused mail")
                .isEqualTo("SENT");
    }

    @Test
    void anSmtpOutageIsRetriedAndTheMailSentOnceItIsBack() throws Exception {
        UUID user = UUID.randomUUID();
        String email = newEmail();
        publish(userRegistered(user, email, "Ada", "en"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("select count(*) from recipient where user_id = ?")
                                .param(user)
                                .query(Integer.class)
                                .single()
                        == 1);
        Envelope confirmed = orderConfirmed(UUID.randomUUID(), user, "25.99");
        SMTP.stop();
        try {
            publish(confirmed);
            await().atMost(Duration.ofSeconds(10)).until(() -> "RETRYING".equals(stateOf(confirmed)));
        } finally {
            SMTP.start();
        }

        awaitOneMailTo(email);
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(stateOf(confirmed)));
        assertThat((Integer) row(confirmed.messageId()).get("attempts")).isGreaterThanOrEqualTo(2);
        Thread.sleep(500);
        assertThat(SMTP.mailsTo(email)).hasSize(1);
    }

    private MimeMessage awaitOneMailTo(String email) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !SMTP.mailsTo(email).isEmpty());
        List<MimeMessage> mails = SMTP.mailsTo(email);
        assertThat(mails).hasSize(1);
        return mails.getFirst();
    }

    private Envelope receive(Queue queue) {
        Message message = rabbit.receive(queue.getName(), 10_000);
        assertThat(message).as("a notification.created message").isNotNull();
        return envelopes.fromMessage(message);
    }

    private static List<String> parts(MimeMessage mail) throws Exception {
        List<String> parts = new ArrayList<>();
        collect(mail.getContent(), parts);
        return parts;
    }

    private static void collect(Object content, List<String> parts) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.getContent() instanceof Multipart nested) {
                    collect(nested, parts);
                } else {
                    // NumberFormat puts a no-break space between amount and currency (25,99 €): compared as a space
                    parts.add(part.getContentType().toLowerCase() + "\n"
                            + part.getContent().toString().replace('\u00a0', ' '));
                }
            }
        }
    }

    private DeadLetter deadLetter(Envelope event) {
        return deadLetters.peek(QUEUE, 100).stream()
                .filter(d -> event.messageId().toString().equals(d.messageId()))
                .findFirst()
                .orElse(null);
    }

    private int inboxed(Envelope event) {
        return jdbc.sql("select count(*) from messaging.inbox_message where message_id = ?")
                .param(event.messageId())
                .query(Integer.class)
                .single();
    }

    private String stateOf(Envelope event) {
        return stateOf(event, "email");
    }

    private String inAppStateOf(Envelope event) {
        return stateOf(event, "in-app");
    }

    private String stateOf(Envelope event, String channel) {
        return jdbc.sql("select state from notification where event_id = ? and channel = ?")
                .params(event.messageId(), channel)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private Map<String, Object> row(UUID eventId) {
        return jdbc.sql("select * from notification where event_id = ? and channel = 'email'")
                .param(eventId)
                .query()
                .singleRow();
    }

    private Map<String, Object> rowTo(String recipient) {
        return jdbc.sql("select * from notification where recipient = ? and channel = 'email'")
                .param(recipient)
                .query()
                .singleRow();
    }

    private static String newEmail() {
        return "n-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
