package dev.mercato.payment.order;

import static dev.mercato.payment.OrderEventsFixture.cancelled;
import static dev.mercato.payment.OrderEventsFixture.confirmed;
import static dev.mercato.payment.OrderEventsFixture.republished;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.messaging.envelope.AmqpEnvelopes;
import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.payment.OrderEventsFixture;
import dev.mercato.payment.PaymentIntegrationTest;
import dev.mercato.payment.domain.OrderId;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

/** Ordering's events through the real broker into {@code order_outcome}: once each, a cancellation is final. */
class OrderOutcomesIT extends PaymentIntegrationTest {

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    AmqpEnvelopes envelopes;

    @Autowired
    MeterRegistry meters;

    OrderEventsFixture ordering;

    @BeforeEach
    void fixture() {
        ordering = new OrderEventsFixture(rabbit, envelopes);
    }

    @Test
    void storesAConfirmationWithItsTotalInMinorUnits() {
        OrderId order = newOrder();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);

        ordering.send(confirmed(order, "25.99", at));

        Map<String, Object> row = awaitOutcome(order, "CONFIRMED");
        assertThat(row.get("total_minor")).isEqualTo(2599L);
        assertThat(row.get("currency")).isEqualTo("EUR");
        assertThat(row.get("reason")).isNull();
        assertThat(((Timestamp) row.get("decided_at")).toInstant()).isEqualTo(at);
    }

    @Test
    void aRedeliveryOrARepublicationHasNoSecondEffect() {
        OrderId order = newOrder();
        Envelope event = cancelled(order, "out_of_stock", "PENDING", "25.99", Instant.now());
        ordering.send(event);
        Map<String, Object> first = awaitOutcome(order, "CANCELLED");
        double duplicatesBefore = duplicates();

        ordering.send(event);
        Envelope again = republished(event);
        ordering.send(again);

        Awaitility.await("the redelivery was seen as a duplicate")
                .atMost(Duration.ofSeconds(15))
                .until(() -> duplicates() > duplicatesBefore && inbox(again.messageId()) == 1);
        assertThat(inbox(event.messageId())).isEqualTo(1);
        assertThat(outcome(order)).isEqualTo(first);
    }

    @Test
    void aCancellationReplacesAConfirmationButALateConfirmationChangesNothing() {
        OrderId cancelledAfterConfirmation = newOrder();
        ordering.send(confirmed(cancelledAfterConfirmation, "25.99", Instant.now()));
        awaitOutcome(cancelledAfterConfirmation, "CONFIRMED");
        ordering.send(
                cancelled(cancelledAfterConfirmation, "cancelled_by_customer", "CONFIRMED", "25.99", Instant.now()));
        assertThat(awaitOutcome(cancelledAfterConfirmation, "CANCELLED").get("reason"))
                .isEqualTo("cancelled_by_customer");

        OrderId outOfOrder = newOrder();
        ordering.send(cancelled(outOfOrder, "deadline_exceeded", "PENDING", "25.99", Instant.now()));
        awaitOutcome(outOfOrder, "CANCELLED");
        Envelope late = confirmed(outOfOrder, "25.99", Instant.now());
        ordering.send(late);

        Awaitility.await("the late confirmation was consumed")
                .atMost(Duration.ofSeconds(15))
                .until(() -> inbox(late.messageId()) == 1);
        assertThat(outcome(outOfOrder))
                .containsEntry("outcome", "CANCELLED")
                .containsEntry("reason", "deadline_exceeded");
    }

    @Test
    void thePaymentStopsAwaitingItsOrdersOutcome() {
        OrderId order = newOrder();
        payments.authorize(authorize(order, "tok_ok"));
        assertThat(awaiting(order)).isTrue();

        ordering.send(cancelled(order, "payment_declined", "PENDING", "25.99", Instant.now()));

        awaitOutcome(order, "CANCELLED");
        assertThat(awaiting(order)).isFalse();
    }

    private Map<String, Object> awaitOutcome(OrderId order, String outcome) {
        return Awaitility.await(outcome + " stored for " + order)
                .atMost(Duration.ofSeconds(15))
                .until(() -> outcome(order), row -> row != null && outcome.equals(row.get("outcome")));
    }

    private Map<String, Object> outcome(OrderId order) {
        return jdbc
                .sql("select outcome, total_minor, currency, reason, decided_at, received_at, next_check_at"
                        + " from order_outcome where order_id = ?")
                .param(order.value())
                .query()
                .listOfRows()
                .stream()
                .findFirst()
                .orElse(null);
    }

    private long inbox(UUID messageId) {
        return jdbc.sql("select count(*) from messaging.inbox_message where consumer = ? and message_id = ?")
                .params(ORDER_OUTCOMES_QUEUE, messageId)
                .query(Long.class)
                .single();
    }

    private double duplicates() {
        return meters.counter(
                        "mercato.messaging.consumer.consumed", "queue", ORDER_OUTCOMES_QUEUE, "outcome", "duplicate")
                .count();
    }

    private boolean awaiting(OrderId order) {
        return jdbc.sql("select awaiting_order_outcome from payment where order_id = ?")
                .param(order.value())
                .query(Boolean.class)
                .single();
    }
}
