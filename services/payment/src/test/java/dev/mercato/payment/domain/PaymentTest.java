package dev.mercato.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PaymentTest {

    private static final OrderId ORDER = new OrderId(UUID.randomUUID());
    private static final Money AMOUNT = Money.of(2599, "EUR");

    private static ProviderPayment snapshot(
            PaymentStatus status,
            long captured,
            long refunded,
            int version,
            ProviderPayment.ProviderRefund... refunds) {
        return new ProviderPayment(
                "pay_1",
                status,
                AMOUNT,
                ORDER.merchantReference(),
                captured,
                refunded,
                status == PaymentStatus.DECLINED ? "card_declined" : null,
                List.of(refunds),
                version);
    }

    private static Payment authorized() {
        return Payment.create(ORDER, snapshot(PaymentStatus.AUTHORIZED, 0, 0, 1))
                .payment();
    }

    private static Payment captured() {
        Payment payment = authorized();
        payment.apply(snapshot(PaymentStatus.CAPTURED, 2599, 0, 2));
        return payment;
    }

    @Test
    void givenAnAuthorizationExpectAuthorizedEvent() {
        Payment.Created created = Payment.create(ORDER, snapshot(PaymentStatus.AUTHORIZED, 0, 0, 1));

        assertThat(created.events()).singleElement().isInstanceOf(PaymentEvent.Authorized.class);
    }

    @Test
    void givenADeclineExpectDeclinedEventAndNoCapture() {
        Payment.Created created = Payment.create(ORDER, snapshot(PaymentStatus.DECLINED, 0, 0, 1));

        assertThat(created.events()).singleElement().isInstanceOf(PaymentEvent.Declined.class);
        assertThatThrownBy(() -> created.payment().checkCapture()).isInstanceOf(PaymentRejected.class);
    }

    @Test
    void givenARepeatedAuthorizeExpectTheSameOutcomeOnlyForTheSameAmount() {
        Payment payment = authorized();

        assertThat(payment.checkAuthorize(AMOUNT)).isEqualTo(Payment.Next.ALREADY_DONE);
        assertThatThrownBy(() -> payment.checkAuthorize(Money.of(1, "EUR"))).isInstanceOf(PaymentRejected.class);
    }

    @Test
    void givenAuthorizedExpectCaptureToCallTheProviderAndASecondCaptureNot() {
        Payment payment = authorized();
        assertThat(payment.checkCapture()).isEqualTo(Payment.Next.CALL_PROVIDER);

        List<PaymentEvent> events = payment.apply(snapshot(PaymentStatus.CAPTURED, 2599, 0, 2));

        assertThat(events).singleElement().isInstanceOf(PaymentEvent.Captured.class);
        assertThat(payment.checkCapture()).isEqualTo(Payment.Next.ALREADY_DONE);
    }

    @Test
    void givenCapturedExpectVoidRejected() {
        assertThatThrownBy(() -> captured().checkVoid()).isInstanceOf(PaymentRejected.class);
    }

    @Test
    void givenVoidedExpectVoidIdempotentAndCaptureRejected() {
        Payment payment = authorized();
        assertThat(payment.apply(snapshot(PaymentStatus.VOIDED, 0, 0, 2)))
                .singleElement()
                .isInstanceOf(PaymentEvent.Voided.class);

        assertThat(payment.checkVoid()).isEqualTo(Payment.Next.ALREADY_DONE);
        assertThatThrownBy(payment::checkCapture).isInstanceOf(PaymentRejected.class);
    }

    @Test
    void givenCapturedExpectRefundsBoundedByTheCapturedAmount() {
        Payment payment = captured();

        assertThat(payment.checkRefund(UUID.randomUUID(), 2599L)).isEqualTo(Payment.Next.CALL_PROVIDER);
        assertThatThrownBy(() -> payment.checkRefund(UUID.randomUUID(), 2600L)).isInstanceOf(PaymentRejected.class);
        assertThatThrownBy(() -> payment.checkRefund(UUID.randomUUID(), 0L)).isInstanceOf(PaymentRejected.class);
    }

    @Test
    void givenAnAuthorizationOnlyExpectRefundRejected() {
        assertThatThrownBy(() -> authorized().checkRefund(UUID.randomUUID(), 100L))
                .isInstanceOf(PaymentRejected.class);
    }

    @Test
    void givenARecordedRefundExpectItNotSentAgain() {
        Payment payment = captured();
        UUID refund = UUID.randomUUID();
        List<PaymentEvent> events = payment.apply(snapshot(
                PaymentStatus.PARTIALLY_REFUNDED, 2599, 500, 3, new ProviderPayment.ProviderRefund("re_1", 500)));
        payment.recordRefund(refund, 500);

        assertThat(events).singleElement().isInstanceOfSatisfying(PaymentEvent.Refunded.class, r -> {
            assertThat(r.refunded()).isEqualTo(Money.of(500, "EUR"));
            assertThat(r.providerRefundId()).isEqualTo("re_1");
        });
        assertThat(payment.checkRefund(refund, null)).isEqualTo(Payment.Next.ALREADY_DONE);
        assertThatThrownBy(() -> payment.checkRefund(refund, 700L)).isInstanceOf(PaymentRejected.class);
        assertThat(payment.refundable()).isEqualTo(Money.of(2099, "EUR"));
    }

    @Test
    void givenAnOlderOrEqualSnapshotExpectNoChange() {
        Payment payment = captured();

        assertThat(payment.apply(snapshot(PaymentStatus.AUTHORIZED, 0, 0, 1))).isEmpty();
        assertThat(payment.apply(snapshot(PaymentStatus.CAPTURED, 2599, 0, 2))).isEmpty();
        assertThat(payment.status()).isEqualTo(PaymentStatus.CAPTURED);
    }

    @Test
    void givenASkippedVersionExpectEveryMissedEvent() {
        Payment payment = authorized();

        List<PaymentEvent> events = payment.apply(
                snapshot(PaymentStatus.REFUNDED, 2599, 2599, 3, new ProviderPayment.ProviderRefund("re_9", 2599)));

        assertThat(events).extracting(PaymentEvent::type).containsExactly("payment.captured", "payment.refunded");
        assertThat(payment.providerVersion()).isEqualTo(3);
    }

    @Test
    void givenKeysExpectThemDeterministicPerOrderAndOperation() {
        UUID refund = UUID.randomUUID();

        assertThat(IdempotencyKeys.authorize(ORDER)).isEqualTo(IdempotencyKeys.authorize(new OrderId(ORDER.value())));
        assertThat(IdempotencyKeys.capture(ORDER)).isNotEqualTo(IdempotencyKeys.authorize(ORDER));
        assertThat(IdempotencyKeys.refund(ORDER, refund)).isEqualTo(IdempotencyKeys.refund(ORDER, refund));
        assertThat(IdempotencyKeys.refund(ORDER, refund))
                .isNotEqualTo(IdempotencyKeys.refund(ORDER, UUID.randomUUID()));
        assertThat(OrderId.fromMerchantReference(ORDER.merchantReference())).contains(ORDER);
    }
}
