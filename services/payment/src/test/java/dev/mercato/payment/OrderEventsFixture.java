package dev.mercato.payment;

import dev.mercato.messaging.envelope.AmqpEnvelopes;
import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.messaging.topology.Exchanges;
import dev.mercato.payment.domain.OrderId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code order.confirmed} / {@code order.cancelled} v1 as the ordering service publishes them (its
 * {@code messaging/OrderEvents}: decimal totals, the decision's time), sent to {@code mercato.events} on the real
 * broker with the envelope's AMQP mapping.
 */
public final class OrderEventsFixture {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RabbitTemplate rabbit;
    private final AmqpEnvelopes envelopes;

    public OrderEventsFixture(RabbitTemplate rabbit, AmqpEnvelopes envelopes) {
        this.rabbit = rabbit;
        this.envelopes = envelopes;
    }

    public static Envelope confirmed(OrderId order, String total, Instant at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", order.value());
        body.put("userId", UUID.randomUUID());
        body.put("total", Map.of("amount", total, "currency", "EUR"));
        body.put("providerPaymentId", null);
        body.put("confirmedAt", at.toString());
        return envelope("order.confirmed", body, at);
    }

    public static Envelope cancelled(OrderId order, String reason, String previousStatus, String total, Instant at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", order.value());
        body.put("userId", UUID.randomUUID());
        body.put("reason", reason);
        body.put("previousStatus", previousStatus);
        body.put("total", Map.of("amount", total, "currency", "EUR"));
        body.put("cancelledAt", at.toString());
        return envelope("order.cancelled", body, at);
    }

    private static Envelope envelope(String type, Map<String, Object> body, Instant at) {
        return new Envelope(
                UUID.randomUUID(), type, 1, at, "it-" + UUID.randomUUID(), null, null, JSON.valueToTree(body));
    }

    /** Another delivery of the same fact under a new message id (as a second publication would be). */
    public static Envelope republished(Envelope event) {
        return new Envelope(
                UUID.randomUUID(),
                event.type(),
                event.version(),
                event.occurredAt(),
                event.correlationId(),
                null,
                null,
                event.payload());
    }

    public void send(Envelope event) {
        rabbit.send(Exchanges.EVENTS, event.type(), envelopes.toMessage(event));
    }
}
