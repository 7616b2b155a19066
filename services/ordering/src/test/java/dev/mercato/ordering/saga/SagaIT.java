package dev.mercato.ordering.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.contracts.common.v1.Money;
import dev.mercato.contracts.inventory.v1.ReservationState;
import dev.mercato.contracts.payment.v1.AuthorizeRequest;
import dev.mercato.contracts.payment.v1.PaymentResponse;
import dev.mercato.contracts.payment.v1.PaymentState;
import dev.mercato.ordering.OrderingIntegrationTest;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The saga's branches against the fake downstream services: forward, compensations, retries, deadline, takeover. */
class SagaIT extends OrderingIntegrationTest {

    @Test
    void cancelsAnOutOfStockOrderWithoutTouchingThePayment() {
        String sku = newSku();
        UUID user = shopper(sku, 3, 2);

        UUID order = orderId(checkout(user, UUID.randomUUID().toString(), checkoutBody("tok_ok")));

        assertThat(awaitFinal(order)).isEqualTo("CANCELLED");
        assertThat(reason(order)).isEqualTo("out_of_stock");
        assertThat(DOWNSTREAM.payment.faults.calls("Authorize")).isZero();
        assertThat(DOWNSTREAM.inventory.available(sku)).isEqualTo(2);
        assertThat(events(order)).containsExactly("order.created", "order.cancelled");
    }

    @Test
    void releasesTheStockOfADeclinedPayment() {
        String sku = newSku();
        UUID user = shopper(sku, 2, 5);

        UUID order = orderId(checkout(user, UUID.randomUUID().toString(), checkoutBody("tok_decline")));

        assertThat(awaitFinal(order)).isEqualTo("CANCELLED");
        assertThat(reason(order)).isEqualTo("payment_declined");
        assertThat(DOWNSTREAM.inventory.state(order.toString())).isEqualTo(ReservationState.RESERVATION_STATE_RELEASED);
        assertThat(DOWNSTREAM.inventory.available(sku)).isEqualTo(5);
        assertThat(DOWNSTREAM.payment.faults.calls("Capture")).isZero();
        assertThat(events(order)).containsExactly("order.created", "order.cancelled");
    }

    @Test
    void voidsTheAuthorizationAndReleasesTheStockWhenTheCaptureIsRefused() {
        String sku = newSku();
        UUID user = shopper(sku, 1, 5);
        DOWNSTREAM.payment.faults.failNext("Capture", Status.Code.FAILED_PRECONDITION, 1);

        UUID order = orderId(checkout(user, UUID.randomUUID().toString(), checkoutBody("tok_ok")));

        assertThat(awaitFinal(order)).isEqualTo("CANCELLED");
        assertThat(reason(order)).isEqualTo("rejected");
        assertThat(DOWNSTREAM.payment.state(order.toString())).isEqualTo(PaymentState.PAYMENT_STATE_VOIDED);
        assertThat(DOWNSTREAM.inventory.available(sku)).isEqualTo(5);
    }

    @Test
    void refundsTheCaptureWhenTheReservationWasLost() {
        String sku = newSku();
        UUID user = shopper(sku, 1, 5);
        DOWNSTREAM.inventory.faults.failNext("Commit", Status.Code.FAILED_PRECONDITION, 1);

        UUID order = orderId(checkout(user, UUID.randomUUID().toString(), checkoutBody("tok_ok")));

        assertThat(awaitFinal(order)).isEqualTo("CANCELLED");
        assertThat(reason(order)).isEqualTo("reservation_expired");
        assertThat(DOWNSTREAM.payment.state(order.toString())).isEqualTo(PaymentState.PAYMENT_STATE_REFUNDED);
        assertThat(DOWNSTREAM.payment.effects("refund", order)).isEqualTo(1);
        assertThat(DOWNSTREAM.inventory.available(sku)).isEqualTo(5);
        assertThat(events(order)).containsExactly("order.created", "order.cancelled");
    }

    @Test
    void retriesTransientFailuresWithBackoffUntilTheyPass() {
        UUID user = shopper(newSku(), 1, 5);
        DOWNSTREAM.inventory.faults.failNext("Reserve", Status.Code.DEADLINE_EXCEEDED, 2);
        DOWNSTREAM.payment.faults.failNext("Authorize", Status.Code.UNAVAILABLE, 3);
        DOWNSTREAM.payment.faults.failNext("Capture", Status.Code.RESOURCE_EXHAUSTED, 1);

        UUID order = orderId(checkout(user, UUID.randomUUID().toString(), checkoutBody("tok_ok")));

        assertThat(awaitFinal(order)).isEqualTo("CONFIRMED");
        assertThat(DOWNSTREAM.inventory.faults.calls("Reserve")).isEqualTo(3);
        assertThat(DOWNSTREAM.payment.faults.calls("Authorize")).isEqualTo(4);
        assertThat(DOWNSTREAM.payment.effects("authorize", order)).isEqualTo(1);
        assertThat(DOWNSTREAM.payment.effects("capture", order)).isEqualTo(1);
    }

    @Test
    void keepsRetryingWithGrowingDelaysAndRecordsTheError() {
        UUID user = shopper(newSku(), 1, 5);
        DOWNSTREAM.payment.faults.failNext("Authorize", Status.Code.UNAVAILABLE, 1000);

        UUID order = orderId(checkout(user, UUID.randomUUID().toString(), checkoutBody("tok_ok")));

        await().atMost(Duration.ofSeconds(10)).until(() -> attempts(order) >= 3);
        assertThat(status(order)).isEqualTo("PENDING");
        assertThat(jdbc.sql("select last_error from saga where order_id = ?")
                        .param(order)
                        .query(String.class)
                        .single())
                .contains("UNAVAILABLE");
        assertThat(jdbc.sql("select step from saga where order_id = ?")
                        .param(order)
                        .query(String.class)
                        .single())
                .isEqualTo("AUTHORIZE_PAYMENT");
        assertThat(jdbc.sql("select payment_token from saga where order_id = ?")
                        .param(order)
                        .query(String.class)
                        .single())
                .as("still needed for the next attempt")
                .isEqualTo("tok_ok");
        expireDeadline(order); // so the saga ends and leaves the other tests alone
        awaitFinal(order);
    }

    @Test
    void compensatesWhenTheDeadlinePassesBeforeTheCapture() {
        String sku = newSku();
        UUID user = shopper(sku, 1, 5);
        DOWNSTREAM.payment.faults.failNext("Authorize", Status.Code.UNAVAILABLE, 1000);
        UUID order = orderId(checkout(user, UUID.randomUUID().toString(), checkoutBody("tok_ok")));
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts(order) >= 1);

        expireDeadline(order);

        assertThat(awaitFinal(order)).isEqualTo("CANCELLED");
        assertThat(reason(order)).isEqualTo("deadline_exceeded");
        assertThat(DOWNSTREAM.inventory.available(sku)).isEqualTo(5);
        assertThat(DOWNSTREAM.payment.effects("authorize", order)).isZero();
        assertThat(DOWNSTREAM.payment.faults.calls("Void")).isEqualTo(1);
    }

    @Test
    void resumesASagaWhoseInstanceDiedAfterItsCallWentThrough() {
        UUID user = shopper(newSku(), 1, 5);
        DOWNSTREAM.payment.faults.failNext("Authorize", Status.Code.UNAVAILABLE, 1000);
        UUID order = orderId(checkout(user, UUID.randomUUID().toString(), checkoutBody("tok_ok")));
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts(order) >= 1);
        // another instance claimed the saga, authorized at payment, and died before recording it
        jdbc.sql("""
                update saga set lease_owner = 'crashed-instance:1', lease_until = now() + interval '1 second',
                    next_attempt_at = now() where order_id = ?""").param(order).update();
        DOWNSTREAM.payment.faults.reset();
        authorizeDirectly(order);
        int callsBefore = DOWNSTREAM.payment.faults.calls("Authorize");

        assertThat(awaitFinal(order)).isEqualTo("CONFIRMED");
        assertThat(DOWNSTREAM.payment.faults.calls("Authorize")).isGreaterThan(callsBefore);
        assertThat(DOWNSTREAM.payment.effects("authorize", order)).isEqualTo(1);
        assertThat(DOWNSTREAM.payment.effects("capture", order)).isEqualTo(1);
        assertThat(jdbc.sql("select lease_owner from saga where order_id = ?")
                        .param(order)
                        .query(String.class)
                        .optional())
                .isEmpty();
    }

    private void authorizeDirectly(UUID order) {
        DOWNSTREAM.payment.authorize(
                AuthorizeRequest.newBuilder()
                        .setOrderId(order.toString())
                        .setAmount(Money.newBuilder().setMinor(2599).setCurrency("EUR"))
                        .setPaymentToken("tok_ok")
                        .build(),
                new StreamObserver<>() {
                    @Override
                    public void onNext(PaymentResponse value) {}

                    @Override
                    public void onError(Throwable t) {
                        throw new AssertionError(t);
                    }

                    @Override
                    public void onCompleted() {}
                });
    }

    private void expireDeadline(UUID order) {
        jdbc.sql("update saga set deadline_at = now() where order_id = ?")
                .param(order)
                .update();
    }

    private int attempts(UUID order) {
        return jdbc.sql("select attempts from saga where order_id = ?")
                .param(order)
                .query(Integer.class)
                .single();
    }

    private String reason(UUID order) {
        return jdbc.sql("select cancellation_reason from orders where id = ?")
                .param(order)
                .query(String.class)
                .single();
    }
}
