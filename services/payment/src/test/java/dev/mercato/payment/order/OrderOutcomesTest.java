package dev.mercato.payment.order;

import static dev.mercato.payment.OrderEventsFixture.cancelled;
import static dev.mercato.payment.OrderEventsFixture.confirmed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.messaging.consumer.PermanentMessageFailure;
import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.payment.domain.Money;
import dev.mercato.payment.domain.OrderId;
import dev.mercato.payment.domain.OrderOutcome;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Reading ordering's events as it publishes them (fixture) and refusing what cannot be one. */
class OrderOutcomesTest {

    private static final OrderId ORDER = new OrderId(UUID.randomUUID());
    private static final Instant AT = Instant.parse("2026-11-21T10:15:30.123456Z");

    @Test
    void givenOrderConfirmedExpectTheTotalInMinorUnitsAndWhenItWasDecided() {
        OrderOutcome outcome = OrderOutcomes.parse(confirmed(ORDER, "25.99", AT));

        assertThat(outcome)
                .isEqualTo(new OrderOutcome(ORDER, OrderOutcome.Decision.CONFIRMED, Money.of(2599, "EUR"), null, AT));
    }

    @Test
    void givenOrderCancelledExpectItsReason() {
        OrderOutcome outcome = OrderOutcomes.parse(cancelled(ORDER, "out_of_stock", "PENDING", "10.00", AT));

        assertThat(outcome)
                .isEqualTo(new OrderOutcome(
                        ORDER, OrderOutcome.Decision.CANCELLED, Money.of(1000, "EUR"), "out_of_stock", AT));
    }

    @Test
    void givenACancellationWithoutTotalExpectNoTotal() {
        Envelope event = withPayload(
                cancelled(ORDER, "payment_declined", "PENDING", "1.00", AT),
                Map.of("orderId", ORDER.toString(), "reason", "payment_declined", "cancelledAt", AT.toString()));

        assertThat(OrderOutcomes.parse(event).total()).isNull();
    }

    @Test
    void givenWhatCannotBeAnOutcomeExpectAPermanentFailure() {
        Envelope confirmed = confirmed(ORDER, "25.99", AT);

        assertThatThrownBy(() -> OrderOutcomes.parse(withPayload(confirmed, Map.of("orderId", "nope"))))
                .isInstanceOf(PermanentMessageFailure.class);
        assertThatThrownBy(() -> OrderOutcomes.parse(withPayload(confirmed, Map.of("orderId", ORDER.toString()))))
                .as("a confirmation without its total")
                .isInstanceOf(PermanentMessageFailure.class);
        assertThatThrownBy(() -> OrderOutcomes.parse(confirmed(ORDER, "25.999", AT)))
                .isInstanceOf(PermanentMessageFailure.class);
        assertThatThrownBy(() -> OrderOutcomes.parse(new Envelope(
                        UUID.randomUUID(), "order.confirmed", 2, AT, null, null, null, confirmed.payload())))
                .isInstanceOf(PermanentMessageFailure.class);
        assertThatThrownBy(() -> OrderOutcomes.parse(
                        new Envelope(UUID.randomUUID(), "order.created", 1, AT, null, null, null, confirmed.payload())))
                .isInstanceOf(PermanentMessageFailure.class);
    }

    private static Envelope withPayload(Envelope event, Map<String, Object> payload) {
        return new Envelope(
                event.messageId(),
                event.type(),
                event.version(),
                event.occurredAt(),
                null,
                null,
                null,
                JsonMapper.builder().build().valueToTree(payload));
    }
}
