package dev.mercato.notifications.events;

import dev.mercato.messaging.consumer.PermanentMessageFailure;
import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.notifications.delivery.Deliveries;
import dev.mercato.notifications.mail.Mail;
import dev.mercato.notifications.mail.MailComposer;
import dev.mercato.notifications.mail.MailMoney;
import dev.mercato.notifications.mail.MailTemplate;
import dev.mercato.notifications.recipient.Recipient;
import dev.mercato.notifications.recipient.Recipients;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * What each consumed event means here (schemas in {@code contracts/events/}): {@code user.registered} updates the
 * recipients; {@code order.confirmed}, {@code order.cancelled} and {@code payment.refunded} each become one in-app
 * notification and one mail to the order's customer, in their language; {@code cart.abandoned} one reminder to the
 * cart's owner, the same two ways. Runs outside a transaction (each delivery step takes its own); a body that cannot
 * be read is a permanent failure (to the DLQ), a user or order not known yet a transient one (retried with backoff).
 */
@Component
class EventMails {

    static final String USER_REGISTERED = "user.registered";
    static final String ORDER_CONFIRMED = "order.confirmed";
    static final String ORDER_CANCELLED = "order.cancelled";
    static final String PAYMENT_REFUNDED = "payment.refunded";
    static final String CART_ABANDONED = "cart.abandoned";

    private final Recipients recipients;
    private final MailComposer composer;
    private final Deliveries deliveries;

    EventMails(Recipients recipients, MailComposer composer, Deliveries deliveries) {
        this.recipients = recipients;
        this.composer = composer;
        this.deliveries = deliveries;
    }

    void handle(Envelope event) {
        if (event.version() != 1) {
            throw new PermanentMessageFailure("unknown schema version " + event.qualifiedType());
        }
        JsonNode body = event.payload();
        try {
            switch (event.type()) {
                case USER_REGISTERED ->
                    recipients.registered(new Recipient(
                            uuid(body, "userId"), text(body, "email"), text(body, "name"), text(body, "locale")));
                case ORDER_CONFIRMED -> {
                    UUID order = uuid(body, "orderId");
                    Recipient to = recipients.forOrder(order, uuid(body, "userId"));
                    send(event, MailTemplate.ORDER_CONFIRMED, to, order, Map.of("total", money(body.get("total"))));
                }
                case ORDER_CANCELLED -> {
                    UUID order = uuid(body, "orderId");
                    Recipient to = recipients.forOrder(order, uuid(body, "userId"));
                    send(
                            event,
                            MailTemplate.ORDER_CANCELLED,
                            to,
                            order,
                            Map.of("total", money(body.get("total")), "reason", text(body, "reason")));
                }
                case PAYMENT_REFUNDED -> {
                    UUID order = uuid(body, "orderId");
                    MailMoney refund =
                            MailMoney.ofMinor(required(body, "refundAmount").asLong(), text(body, "currency"));
                    send(
                            event,
                            MailTemplate.PAYMENT_REFUNDED,
                            recipients.forOrder(order),
                            order,
                            Map.of("refund", refund));
                }
                case CART_ABANDONED -> {
                    int units = required(body, "units").asInt();
                    if (units < 1) {
                        throw new IllegalArgumentException("units must be at least 1");
                    }
                    Recipient to = recipients.forUser(uuid(body, "userId"));
                    deliveries.notify(
                            event.messageId(),
                            event.qualifiedType(),
                            composer.compose(new Mail(MailTemplate.CART_ABANDONED, to, Map.of("units", units))),
                            null);
                }
                default -> throw new PermanentMessageFailure("not an event this service handles: " + event.type());
            }
        } catch (IllegalArgumentException unreadable) {
            throw new PermanentMessageFailure(
                    event.qualifiedType() + " " + event.messageId() + ": " + unreadable.getMessage(), unreadable);
        }
    }

    private void send(Envelope event, MailTemplate template, Recipient to, UUID order, Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>(values);
        all.put("orderId", order);
        all.put("reference", order.toString().substring(0, 8).toUpperCase(Locale.ROOT));
        deliveries.notify(
                event.messageId(), event.qualifiedType(), composer.compose(new Mail(template, to, all)), order);
    }

    private static MailMoney money(JsonNode money) {
        if (money == null || money.isNull()) {
            throw new IllegalArgumentException("no total");
        }
        return new MailMoney(new BigDecimal(text(money, "amount")), text(money, "currency"));
    }

    private static UUID uuid(JsonNode body, String field) {
        return UUID.fromString(text(body, field));
    }

    private static String text(JsonNode body, String field) {
        return required(body, field).asString();
    }

    private static JsonNode required(JsonNode body, String field) {
        if (!body.hasNonNull(field)) {
            throw new IllegalArgumentException("no " + field);
        }
        return body.get(field);
    }
}
