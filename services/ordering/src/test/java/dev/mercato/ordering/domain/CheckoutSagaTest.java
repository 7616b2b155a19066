package dev.mercato.ordering.domain;

import static dev.mercato.ordering.domain.SagaStep.AUTHORIZE_PAYMENT;
import static dev.mercato.ordering.domain.SagaStep.CAPTURE_PAYMENT;
import static dev.mercato.ordering.domain.SagaStep.COMMIT_STOCK;
import static dev.mercato.ordering.domain.SagaStep.COMPLETED;
import static dev.mercato.ordering.domain.SagaStep.REFUND_PAYMENT;
import static dev.mercato.ordering.domain.SagaStep.RELEASE_STOCK;
import static dev.mercato.ordering.domain.SagaStep.RESERVE_STOCK;
import static dev.mercato.ordering.domain.SagaStep.VOID_PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Walks the checkout saga through success and every failure branch: given a state, when an outcome, expect. */
class CheckoutSagaTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    // no jitter: delays are exact
    private final CheckoutSaga saga =
            new CheckoutSaga(new Backoff(Duration.ofMillis(200), 2.0, Duration.ofSeconds(10), 0.3, () -> 0.5));

    private final StepOutcome ok = StepOutcome.Succeeded.NOTHING;

    @Test
    void walksTheHappyPathToConfirmed() {
        SagaState s = SagaState.start(new OrderId(UUID.randomUUID()), T0, T0.plus(DEADLINE));
        List<SagaStep> steps = new ArrayList<>();
        Transition t = null;
        for (StepOutcome outcome :
                List.of(ok, new StepOutcome.Succeeded("pay_1"), new StepOutcome.Succeeded("pay_1"), ok)) {
            steps.add(s.step());
            t = saga.next(s, outcome, T0);
            s = t.state();
        }

        assertThat(steps).containsExactly(RESERVE_STOCK, AUTHORIZE_PAYMENT, CAPTURE_PAYMENT, COMMIT_STOCK);
        assertThat(t.orderOutcome()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(s.step()).isEqualTo(COMPLETED);
        assertThat(s.status()).isEqualTo(SagaStatus.DONE);
        assertThat(s.stockCommitted()).isTrue();
        assertThat(s.reason()).isNull();
    }

    @Test
    void erasesThePaymentTokenOnceAuthorizationIsSettled() {
        assertThat(saga.next(at(RESERVE_STOCK), ok, T0).paymentTokenSpent()).isFalse();
        assertThat(saga.next(at(AUTHORIZE_PAYMENT), new StepOutcome.Succeeded("pay_1"), T0))
                .satisfies(t -> {
                    assertThat(t.paymentTokenSpent()).isTrue();
                    assertThat(t.providerPaymentId()).isEqualTo("pay_1");
                });
        assertThat(saga.next(at(AUTHORIZE_PAYMENT), new StepOutcome.Declined("card_declined"), T0)
                        .paymentTokenSpent())
                .isTrue();
    }

    @Test
    void everyStepMakesItsOwnCall() {
        List<String> made = new ArrayList<>();
        SagaCalls calls = (SagaCalls) java.lang.reflect.Proxy.newProxyInstance(
                SagaCalls.class.getClassLoader(), new Class<?>[] {SagaCalls.class}, (proxy, method, args) -> {
                    made.add(method.getName());
                    return ok;
                });
        SagaOrder order = new SagaOrder(new OrderId(UUID.randomUUID()), List.of(), Money.of(100, "EUR"), "tok_ok");

        for (SagaStep step : SagaStep.values()) {
            if (step != COMPLETED) {
                saga.call(step, calls, order);
            }
        }

        assertThat(made)
                .containsExactly(
                        "reserveStock",
                        "authorizePayment",
                        "capturePayment",
                        "commitStock",
                        "voidPayment",
                        "refundPayment",
                        "releaseStock");
        assertThatThrownBy(() -> saga.call(COMPLETED, calls, order)).isInstanceOf(IllegalStateException.class);
    }

    @Nested
    class GivenReserveStock {

        @Test
        void outOfStockCancelsAtOnceWithNothingToUndo() {
            Transition t = saga.next(at(RESERVE_STOCK), new StepOutcome.OutOfStock("SKU-1 0/2"), T0);

            expectCancelled(t, CancellationReason.OUT_OF_STOCK);
        }

        @Test
        void aRefusalReleasesWhateverMayBeHeld() {
            Transition t = saga.next(at(RESERVE_STOCK), new StepOutcome.Rejected("ALREADY_EXISTS"), T0);

            expectCompensating(t, RELEASE_STOCK, CancellationReason.REJECTED);
        }
    }

    @Nested
    class GivenAuthorizePayment {

        @Test
        void aDeclineReleasesTheStock() {
            Transition t = saga.next(at(AUTHORIZE_PAYMENT), new StepOutcome.Declined("card_declined"), T0);

            expectCompensating(t, RELEASE_STOCK, CancellationReason.PAYMENT_DECLINED);
            t = saga.next(t.state(), ok, T0);
            expectCancelled(t, CancellationReason.PAYMENT_DECLINED);
        }

        @Test
        void aRefusalVoidsThenReleases() {
            Transition t = saga.next(at(AUTHORIZE_PAYMENT), new StepOutcome.Rejected("INVALID_ARGUMENT"), T0);

            expectCompensating(t, VOID_PAYMENT, CancellationReason.REJECTED);
            t = saga.next(t.state(), ok, T0);
            expectCompensating(t, RELEASE_STOCK, CancellationReason.REJECTED);
        }
    }

    @Nested
    class GivenCapturePayment {

        @Test
        void aRefusalVoidsTheAuthorizationAndReleasesTheStock() {
            Transition t = saga.next(at(CAPTURE_PAYMENT), new StepOutcome.Rejected("FAILED_PRECONDITION"), T0);

            expectCompensating(t, VOID_PAYMENT, CancellationReason.REJECTED);
            t = saga.next(t.state(), ok, T0);
            expectCompensating(t, RELEASE_STOCK, CancellationReason.REJECTED);
            expectCancelled(saga.next(t.state(), ok, T0), CancellationReason.REJECTED);
        }
    }

    @Nested
    class GivenCommitStock {

        @Test
        void aLostReservationRefundsThePaymentThenReleases() {
            Transition t = saga.next(at(COMMIT_STOCK), new StepOutcome.ReservationLost("expired"), T0);

            expectCompensating(t, REFUND_PAYMENT, CancellationReason.RESERVATION_EXPIRED);
            t = saga.next(t.state(), ok, T0);
            expectCompensating(t, RELEASE_STOCK, CancellationReason.RESERVATION_EXPIRED);
            expectCancelled(saga.next(t.state(), ok, T0), CancellationReason.RESERVATION_EXPIRED);
        }

        @Test
        void isNotBoundByTheDeadlineOnceCaptured() {
            SagaState late = at(COMMIT_STOCK);
            Instant afterDeadline = T0.plus(DEADLINE).plusSeconds(60);

            assertThat(late.deadlinePassed(afterDeadline)).isFalse();
            Transition t = saga.next(late, new StepOutcome.Transient("UNAVAILABLE"), afterDeadline);
            assertThat(t.retryLater()).isTrue();
            assertThat(t.state().step()).isEqualTo(COMMIT_STOCK);
            assertThat(t.state().nextAttemptAt()).isAfter(afterDeadline);
        }
    }

    @Nested
    class GivenCompensation {

        @Test
        void aVoidThatFindsACapturedPaymentRefundsInstead() {
            Transition t = saga.next(
                    compensating(VOID_PAYMENT, CancellationReason.DEADLINE_EXCEEDED),
                    new StepOutcome.NeedsRefund(),
                    T0);

            expectCompensating(t, REFUND_PAYMENT, CancellationReason.DEADLINE_EXCEEDED);
        }

        @Test
        void aRefundThatFindsAnUncapturedPaymentVoidsInstead() {
            Transition t = saga.next(
                    compensating(REFUND_PAYMENT, CancellationReason.REJECTED), new StepOutcome.NeedsVoid(), T0);

            expectCompensating(t, VOID_PAYMENT, CancellationReason.REJECTED);
        }

        @Test
        void retriesARefusedCompensationUntilItSucceeds() {
            SagaState s = compensating(RELEASE_STOCK, CancellationReason.PAYMENT_DECLINED);
            Transition t = saga.next(s, new StepOutcome.Rejected("INVALID_ARGUMENT"), T0);

            assertThat(t.retryLater()).isTrue();
            assertThat(t.state().step()).isEqualTo(RELEASE_STOCK);
            assertThat(t.state().status()).isEqualTo(SagaStatus.COMPENSATING);
            assertThat(t.state().lastError()).contains("INVALID_ARGUMENT");
        }

        @Test
        void aRefundOfACommittedOrderDoesNotReleaseStock() {
            SagaState confirmed = new SagaState(
                    new OrderId(UUID.randomUUID()),
                    COMPLETED,
                    SagaStatus.DONE,
                    0,
                    T0,
                    T0.plus(DEADLINE),
                    null,
                    true,
                    null,
                    3);
            Transition cancel =
                    saga.cancelByCustomer(confirmed, OrderStatus.CONFIRMED, T0).orElseThrow();

            expectCompensating(cancel, REFUND_PAYMENT, CancellationReason.CANCELLED_BY_CUSTOMER);
            expectCancelled(saga.next(cancel.state(), ok, T0), CancellationReason.CANCELLED_BY_CUSTOMER);
        }
    }

    @Nested
    class GivenTransientFailures {

        @Test
        void retriesTheSameStepWithGrowingBackoff() {
            SagaState s = at(AUTHORIZE_PAYMENT);
            List<Duration> delays = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Transition t = saga.next(s, new StepOutcome.Transient("UNAVAILABLE"), T0);
                assertThat(t.retryLater()).isTrue();
                assertThat(t.state().step()).isEqualTo(AUTHORIZE_PAYMENT);
                delays.add(Duration.between(T0, t.state().nextAttemptAt()));
                s = t.state();
            }

            assertThat(delays)
                    .containsExactly(
                            Duration.ofMillis(200),
                            Duration.ofMillis(400),
                            Duration.ofMillis(800),
                            Duration.ofMillis(1600));
            assertThat(s.attempts()).isEqualTo(4);
        }

        @Test
        void neverWaitsPastTheDeadlineBeforeTheCapture() {
            SagaState s = at(RESERVE_STOCK);
            Instant nearDeadline = T0.plus(DEADLINE).minusMillis(50);

            Transition t = saga.next(s, new StepOutcome.Transient("DEADLINE_EXCEEDED"), nearDeadline);

            assertThat(t.state().nextAttemptAt()).isEqualTo(T0.plus(DEADLINE));
        }

        @Test
        void capsTheBackoff() {
            Backoff backoff = new Backoff(Duration.ofMillis(200), 2.0, Duration.ofSeconds(10), 0.3, () -> 0.5);

            assertThat(backoff.delay(30)).isEqualTo(Duration.ofSeconds(10));
        }
    }

    @Nested
    class GivenTheDeadline {

        @Test
        void compensatesAReservationThatMayHaveHappened() {
            expectCompensating(
                    saga.onDeadline(at(RESERVE_STOCK), T0.plus(DEADLINE)),
                    RELEASE_STOCK,
                    CancellationReason.DEADLINE_EXCEEDED);
        }

        @Test
        void voidsAPaymentWhoseCaptureOutcomeIsUnknown() {
            expectCompensating(
                    saga.onDeadline(at(CAPTURE_PAYMENT), T0.plus(DEADLINE)),
                    VOID_PAYMENT,
                    CancellationReason.DEADLINE_EXCEEDED);
        }

        @Test
        void refusesBeforeTheDeadline() {
            assertThatThrownBy(() -> saga.onDeadline(at(AUTHORIZE_PAYMENT), T0))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class GivenACustomerCancellation {

        @Test
        void compensatesAPendingOrderBeforeTheCapture() {
            Transition t = saga.cancelByCustomer(at(AUTHORIZE_PAYMENT), OrderStatus.PENDING, T0)
                    .orElseThrow();

            expectCompensating(t, VOID_PAYMENT, CancellationReason.CANCELLED_BY_CUSTOMER);
        }

        @Test
        void refusesWhileTheStockIsBeingCommitted() {
            assertThat(saga.cancelByCustomer(at(COMMIT_STOCK), OrderStatus.PENDING, T0))
                    .isEmpty();
        }

        @Test
        void refusesAnOrderThatIsAlreadyCancelled() {
            SagaState cancelled = new SagaState(
                    new OrderId(UUID.randomUUID()),
                    COMPLETED,
                    SagaStatus.DONE,
                    0,
                    T0,
                    T0.plus(DEADLINE),
                    CancellationReason.OUT_OF_STOCK,
                    false,
                    null,
                    2);

            assertThat(saga.cancelByCustomer(cancelled, OrderStatus.CANCELLED, T0))
                    .isEmpty();
        }
    }

    private static SagaState at(SagaStep step) {
        return new SagaState(
                new OrderId(UUID.randomUUID()),
                step,
                SagaStatus.RUNNING,
                0,
                T0,
                T0.plus(DEADLINE),
                null,
                false,
                null,
                1);
    }

    private static SagaState compensating(SagaStep step, CancellationReason reason) {
        return new SagaState(
                new OrderId(UUID.randomUUID()),
                step,
                SagaStatus.COMPENSATING,
                0,
                T0,
                T0.plus(DEADLINE),
                reason,
                false,
                null,
                1);
    }

    private static void expectCompensating(Transition t, SagaStep step, CancellationReason reason) {
        assertThat(t.retryLater()).isFalse();
        assertThat(t.state().status()).isEqualTo(SagaStatus.COMPENSATING);
        assertThat(t.state().step()).isEqualTo(step);
        assertThat(t.state().reason()).isEqualTo(reason);
        assertThat(t.orderOutcome()).isNull();
    }

    private static void expectCancelled(Transition t, CancellationReason reason) {
        assertThat(t.state().status()).isEqualTo(SagaStatus.DONE);
        assertThat(t.state().step()).isEqualTo(COMPLETED);
        assertThat(t.state().reason()).isEqualTo(reason);
        assertThat(t.orderOutcome()).isEqualTo(OrderStatus.CANCELLED);
    }
}
