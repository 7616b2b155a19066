package dev.mercato.ordering.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.contracts.inventory.v1.ReservationState;
import dev.mercato.ordering.OrderingIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A runner dies in the nastiest spot — the call went through, its result is not recorded — through a failpoint armed
 * by configuration ({@code error@1}: the run stops as a crash would, once). Its lease expires and the poller re-runs
 * the step; the callee's idempotency makes the replay harmless.
 */
@TestPropertySource(
        properties =
                "ordering.failpoints=saga.after-call.CAPTURE_PAYMENT=error@1,saga.after-call.RELEASE_STOCK=error@1")
class InterruptedSagaIT extends OrderingIntegrationTest {

    @Test
    void resumesAfterTheCaptureWentThroughButWasNotRecorded() {
        UUID user = shopper(newSku(), 1, 5);

        UUID order = orderId(checkout(user, "k", checkoutBody("tok_ok")));

        await().atMost(Duration.ofSeconds(5)).until(() -> DOWNSTREAM.payment.effects("capture", order) == 1);
        assertThat(step(order)).isEqualTo("CAPTURE_PAYMENT");
        assertThat(awaitFinal(order)).isEqualTo("CONFIRMED");
        assertThat(DOWNSTREAM.payment.faults.calls("Capture")).isEqualTo(2);
        assertThat(DOWNSTREAM.payment.effects("capture", order)).isEqualTo(1);
        assertThat(events(order)).containsExactly("order.created", "order.confirmed");
    }

    @Test
    void resumesACompensationThatWentThroughButWasNotRecorded() {
        String sku = newSku();
        UUID user = shopper(sku, 2, 5);

        UUID order = orderId(checkout(user, "k", checkoutBody("tok_decline")));

        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        DOWNSTREAM.inventory.state(order.toString()) == ReservationState.RESERVATION_STATE_RELEASED);
        assertThat(step(order)).isEqualTo("RELEASE_STOCK");
        assertThat(awaitFinal(order)).isEqualTo("CANCELLED");
        assertThat(DOWNSTREAM.inventory.faults.calls("Release")).isEqualTo(2);
        assertThat(DOWNSTREAM.inventory.available(sku)).isEqualTo(5);
        assertThat(events(order)).containsExactly("order.created", "order.cancelled");
    }

    private String step(UUID order) {
        return jdbc.sql("select step from saga where order_id = ?")
                .param(order)
                .query(String.class)
                .single();
    }
}
