package dev.mercato.notifications.delivery;

import dev.mercato.messaging.consumer.PermanentMessageFailure;
import dev.mercato.notifications.mail.ComposedMail;
import dev.mercato.notifications.mail.SmtpFailures;
import dev.mercato.notifications.mail.SmtpMailer;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes each event's in-app notification exactly once (its row and its outbox message in one transaction), and sends
 * its mail at most once — exactly once unless the process dies at the one moment nobody can know whether SMTP took it
 * (docs/adr/020-notifications-mail-at-most-once.md). The mail:
 *
 * <ol>
 *   <li>claim: the (event, channel) row is committed as SENDING in a transaction of its own, before anything leaves;
 *   <li>send: the mail goes to SMTP, outside any transaction of this step;
 *   <li>record: SENT, RETRYING (transient failure: the message is retried through the broker's delay queues) or
 *       FAILED (permanent: the message is parked in the DLQ with the server's reason), again in its own transaction.
 * </ol>
 *
 * A redelivery finds SENT and sends nothing; RETRYING or FAILED (known not delivered) and sends; SENDING (an attempt
 * died between 1 and 3) and sends nothing, because the mail may be in the recipient's mailbox already. The consumer
 * runs outside any transaction ({@code NotificationsMessaging}): no connection or lock is held while SMTP answers, and
 * each step takes one pooled connection for a moment.
 */
@Service
public class Deliveries {

    public static final String EMAIL = "email";
    public static final String IN_APP = "in-app";
    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private final DeliveryRepository repository;
    private final SmtpMailer mailer;
    private final InAppEvents inAppEvents;
    private final TransactionTemplate ownTransaction;

    Deliveries(
            DeliveryRepository repository,
            SmtpMailer mailer,
            InAppEvents inAppEvents,
            PlatformTransactionManager transactions) {
        this.repository = repository;
        this.mailer = mailer;
        this.inAppEvents = inAppEvents;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Tells the user about an event on both channels: in the app first (it cannot fail for the recipient's sake), then
     * by mail. A redelivered event repeats neither.
     *
     * @param orderId the order the event is about, or null
     */
    public void notify(UUID eventId, String eventType, ComposedMail mail, @Nullable UUID orderId) {
        inApp(eventId, eventType, mail, orderId);
        email(eventId, eventType, mail);
    }

    /**
     * The in-app notification: its row and its {@code notification.created} event in one transaction, so it is
     * pushed exactly once (by the outbox relay, through the realtime channel) however often the event arrives.
     */
    private void inApp(UUID eventId, String eventType, ComposedMail mail, @Nullable UUID orderId) {
        ownTransaction.executeWithoutResult(status -> repository
                .insertDelivered(eventId, IN_APP, eventType, mail)
                .ifPresent(createdAt -> inAppEvents.created(new InAppEvents.NotificationCreated(
                        mail.mail().recipient().userId(),
                        eventId,
                        eventType,
                        mail.mail().template().templateName(),
                        mail.locale(),
                        mail.subject(),
                        orderId,
                        createdAt))));
    }

    private void email(UUID eventId, String eventType, ComposedMail mail) {
        Claim claim = ownTransaction.execute(status -> repository.claim(eventId, EMAIL, eventType, mail));
        switch (claim) {
            case ALREADY_SENT -> log.info("Mail for event {} was sent before; nothing to do", eventId);
            case IN_DOUBT ->
                log.warn(
                        "Mail for event {} to {} may have been sent by an attempt that ended before recording it;"
                                + " not sent again (state SENDING)",
                        eventId,
                        mail.recipient());
            case SEND -> send(eventId, mail);
        }
    }

    private void send(UUID eventId, ComposedMail mail) {
        try {
            mailer.send(mail, eventId);
        } catch (MailException failure) {
            boolean permanent = SmtpFailures.isPermanent(failure);
            String reason = describe(failure);
            record(eventId, permanent ? DeliveryState.FAILED : DeliveryState.RETRYING, reason);
            if (permanent) {
                throw new PermanentMessageFailure("mail to " + mail.recipient() + " refused: " + reason, failure);
            }
            throw failure;
        }
        record(eventId, DeliveryState.SENT, null);
    }

    private void record(UUID eventId, DeliveryState outcome, String error) {
        ownTransaction.executeWithoutResult(status -> repository.record(eventId, EMAIL, outcome, error));
    }

    private static String describe(MailException failure) {
        String message =
                String.valueOf(failure.getMostSpecificCause().getMessage()).strip();
        return message.length() > 500 ? message.substring(0, 500) : message;
    }
}
