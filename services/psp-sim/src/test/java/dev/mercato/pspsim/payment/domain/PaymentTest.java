package dev.mercato.pspsim.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PaymentTest {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);

    private static Payment authorized() {
        return Payment.authorize("pay_1", "order-1", TestToken.OK, 1000, "EUR", T0)
                .payment();
    }

    @Test
    void approvingTokenAuthorizesAtVersionOne() {
        Change change = Payment.authorize("pay_1", "order-1", TestToken.OK, 1000, "EUR", T0);

        assertThat(change.event()).isEqualTo(PaymentEventType.AUTHORIZED);
        assertThat(change.payment().status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(change.payment().version()).isEqualTo(1);
        assertThat(change.payment().failureCode()).isNull();
    }

    @Test
    void declineTokenDeclinesWithACode() {
        Change change = Payment.authorize("pay_1", "order-1", TestToken.DECLINE, 1000, "EUR", T0);

        assertThat(change.event()).isEqualTo(PaymentEventType.DECLINED);
        assertThat(change.payment().status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(change.payment().failureCode()).isEqualTo("card_declined");
    }

    @Test
    void captureTakesTheFullAmountAndBumpsTheVersion() {
        Change change = authorized().capture(T1);

        assertThat(change.event()).isEqualTo(PaymentEventType.CAPTURED);
        assertThat(change.payment().status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(change.payment().capturedAmount()).isEqualTo(1000);
        assertThat(change.payment().version()).isEqualTo(2);
        assertThat(change.payment().updatedAt()).isEqualTo(T1);
    }

    @Test
    void voidIsOnlyPossibleBeforeCapture() {
        assertThat(authorized().voidAuthorization(T1).payment().status()).isEqualTo(PaymentStatus.VOIDED);
        assertThatThrownBy(() -> authorized().capture(T1).payment().voidAuthorization(T1))
                .isInstanceOf(IllegalTransition.class)
                .hasMessageContaining("is captured");
    }

    @Test
    void voidedOrDeclinedPaymentsCannotBeCaptured() {
        Payment voided = authorized().voidAuthorization(T1).payment();
        Payment declined =
                Payment.authorize("pay_2", "o", TestToken.DECLINE, 5, "EUR", T0).payment();

        assertThatThrownBy(() -> voided.capture(T1)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> declined.capture(T1)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> authorized().capture(T1).payment().capture(T1)).isInstanceOf(IllegalTransition.class);
    }

    @Test
    void partialRefundsAddUpToAFullRefund() {
        Payment captured = authorized().capture(T1).payment();

        Payment partly = captured.refund("re_1", 300L, T1).payment();
        assertThat(partly.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(partly.refundable()).isEqualTo(700);

        Change rest = partly.refund("re_2", null, T1);
        assertThat(rest.event()).isEqualTo(PaymentEventType.REFUNDED);
        assertThat(rest.payment().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(rest.payment().refunds()).extracting(Refund::amount).containsExactly(300L, 700L);
        assertThat(rest.payment().version()).isEqualTo(4);
    }

    @Test
    void refundsCannotExceedWhatIsLeftOrPrecedeCapture() {
        Payment captured = authorized().capture(T1).payment();

        assertThatThrownBy(() -> captured.refund("re_1", 1001L, T1))
                .isInstanceOf(IllegalTransition.class)
                .hasMessageContaining("exceeds the refundable amount of 1000");
        assertThatThrownBy(() -> authorized().refund("re_1", 10L, T1)).isInstanceOf(IllegalTransition.class);
        Payment refunded = captured.refund("re_1", null, T1).payment();
        assertThatThrownBy(() -> refunded.refund("re_2", 1L, T1)).isInstanceOf(IllegalTransition.class);
    }
}
