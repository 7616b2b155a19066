package dev.mercato.payment.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.payment.domain.Money;
import dev.mercato.payment.domain.OrderId;
import dev.mercato.payment.domain.OrderOutcome;
import dev.mercato.payment.domain.OrderOutcome.Decision;
import dev.mercato.payment.domain.Payment;
import dev.mercato.payment.domain.PaymentStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderCheckTest {

    private static final OrderId ORDER = new OrderId(UUID.randomUUID());
    private static final Money TOTAL = Money.of(2599, "EUR");

    private static OrderOutcome confirmed(Money total) {
        return new OrderOutcome(ORDER, Decision.CONFIRMED, total, null, Instant.EPOCH);
    }

    private static OrderOutcome cancelled() {
        return new OrderOutcome(ORDER, Decision.CANCELLED, TOTAL, "deadline_exceeded", Instant.EPOCH);
    }

    private static Optional<Payment> payment(PaymentStatus status, long captured, long refunded) {
        return Optional.of(new Payment(ORDER, "pay_1", TOTAL, status, captured, refunded, null, 2, Map.of()));
    }

    private static Optional<OrderCheck.Mismatch> check(OrderOutcome order, Optional<Payment> payment) {
        return OrderCheck.check(order, payment);
    }

    @Test
    void givenAConfirmedOrderExpectItsTotalCaptured() {
        assertThat(check(confirmed(TOTAL), payment(PaymentStatus.CAPTURED, 2599, 0)))
                .isEmpty();
        assertThat(check(confirmed(TOTAL), payment(PaymentStatus.PARTIALLY_REFUNDED, 2599, 500)))
                .as("refunds after the confirmation are not a drift")
                .isEmpty();
    }

    @Test
    void givenAConfirmedOrderWithoutACaptureOfItsTotalExpectAReportOnly() {
        assertThat(check(confirmed(TOTAL), payment(PaymentStatus.AUTHORIZED, 0, 0)))
                .hasValueSatisfying(m -> {
                    assertThat(m.kind()).isEqualTo(Drift.Kind.CAPTURE_MISMATCH);
                    assertThat(m.repair()).isEqualTo(OrderCheck.Repair.NONE);
                });
        assertThat(check(confirmed(Money.of(3000, "EUR")), payment(PaymentStatus.CAPTURED, 2599, 0)))
                .hasValueSatisfying(m -> assertThat(m.kind()).isEqualTo(Drift.Kind.CAPTURE_MISMATCH));
        assertThat(check(confirmed(Money.of(2599, "USD")), payment(PaymentStatus.CAPTURED, 2599, 0)))
                .hasValueSatisfying(m -> assertThat(m.kind()).isEqualTo(Drift.Kind.CAPTURE_MISMATCH));
        assertThat(check(confirmed(TOTAL), payment(PaymentStatus.VOIDED, 0, 0)))
                .hasValueSatisfying(m -> assertThat(m.kind()).isEqualTo(Drift.Kind.CAPTURE_MISMATCH));
    }

    @Test
    void givenAConfirmedOrderWithoutPaymentExpectAReportOnly() {
        assertThat(check(confirmed(TOTAL), Optional.empty())).hasValueSatisfying(m -> {
            assertThat(m.kind()).isEqualTo(Drift.Kind.CONFIRMED_WITHOUT_PAYMENT);
            assertThat(m.repair()).isEqualTo(OrderCheck.Repair.NONE);
        });
    }

    @Test
    void givenACancelledOrderWithAnOpenAuthorizationExpectAVoid() {
        assertThat(check(cancelled(), payment(PaymentStatus.AUTHORIZED, 0, 0))).hasValueSatisfying(m -> {
            assertThat(m.kind()).isEqualTo(Drift.Kind.OPEN_AUTHORIZATION);
            assertThat(m.repair()).isEqualTo(OrderCheck.Repair.VOID);
        });
    }

    @Test
    void givenACancelledOrderThatKeepsMoneyExpectARefund() {
        assertThat(check(cancelled(), payment(PaymentStatus.CAPTURED, 2599, 0))).hasValueSatisfying(m -> {
            assertThat(m.kind()).isEqualTo(Drift.Kind.UNREFUNDED_CANCELLATION);
            assertThat(m.repair()).isEqualTo(OrderCheck.Repair.REFUND);
        });
        assertThat(check(cancelled(), payment(PaymentStatus.PARTIALLY_REFUNDED, 2599, 599)))
                .hasValueSatisfying(m -> assertThat(m.detail()).contains("2000 EUR of 2599 EUR"));
    }

    @Test
    void givenACancelledOrderThatHoldsNothingExpectNoDrift() {
        assertThat(check(cancelled(), Optional.empty()))
                .as("e.g. out of stock before the authorization")
                .isEmpty();
        assertThat(check(cancelled(), payment(PaymentStatus.VOIDED, 0, 0))).isEmpty();
        assertThat(check(cancelled(), payment(PaymentStatus.DECLINED, 0, 0))).isEmpty();
        assertThat(check(cancelled(), payment(PaymentStatus.REFUNDED, 2599, 2599)))
                .isEmpty();
    }
}
