package dev.mercato.ordering.domain;

import static dev.mercato.ordering.domain.SagaStep.AUTHORIZE_PAYMENT;
import static dev.mercato.ordering.domain.SagaStep.CAPTURE_PAYMENT;
import static dev.mercato.ordering.domain.SagaStep.COMMIT_STOCK;
import static dev.mercato.ordering.domain.SagaStep.COMPLETED;
import static dev.mercato.ordering.domain.SagaStep.REFUND_PAYMENT;
import static dev.mercato.ordering.domain.SagaStep.RELEASE_STOCK;
import static dev.mercato.ordering.domain.SagaStep.RESERVE_STOCK;
import static dev.mercato.ordering.domain.SagaStep.VOID_PAYMENT;
import static dev.mercato.ordering.domain.Step.compensation;
import static dev.mercato.ordering.domain.Step.forward;

import dev.mercato.ordering.domain.StepOutcome.Declined;
import dev.mercato.ordering.domain.StepOutcome.NeedsRefund;
import dev.mercato.ordering.domain.StepOutcome.NeedsVoid;
import dev.mercato.ordering.domain.StepOutcome.OutOfStock;
import dev.mercato.ordering.domain.StepOutcome.ReservationLost;
import dev.mercato.ordering.domain.StepOutcome.Succeeded;
import dev.mercato.ordering.domain.StepOutcome.Transient;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The checkout saga: its steps declared once (call, next step, the outcomes that mean something else, compensation),
 * and the state machine that reads them. Given the persisted state and what the current step's call returned, the
 * next state. No I/O; the runner makes the calls and persists the transitions.
 *
 * <p>Capture comes before commit on purpose: a capture can be refunded, a commit cannot be undone. Transient failures
 * retry the same step with backoff; before the capture they are bounded by the deadline, after it the saga only goes
 * forward. Compensations retry until they succeed.
 */
public final class CheckoutSaga {

    private final Map<SagaStep, Step> steps = Step.index(
            forward(RESERVE_STOCK, SagaCalls::reserveStock)
                    .onSuccess(AUTHORIZE_PAYMENT)
                    .undoneBy(RELEASE_STOCK)
                    // nothing is held, nothing was authorized: the order ends here
                    .on(
                            OutOfStock.class,
                            (s, now) -> compensateFrom(s, COMPLETED, CancellationReason.OUT_OF_STOCK, now)),
            forward(AUTHORIZE_PAYMENT, SagaCalls::authorizePayment)
                    .onSuccess(CAPTURE_PAYMENT)
                    .undoneBy(VOID_PAYMENT)
                    // there is no authorization to void, only stock to release
                    .on(
                            Declined.class,
                            (s, now) -> compensateFrom(s, RELEASE_STOCK, CancellationReason.PAYMENT_DECLINED, now)),
            forward(CAPTURE_PAYMENT, SagaCalls::capturePayment)
                    .onSuccess(COMMIT_STOCK)
                    .undoneBy(VOID_PAYMENT),
            forward(COMMIT_STOCK, SagaCalls::commitStock)
                    .onSuccess(COMPLETED)
                    .undoneBy(REFUND_PAYMENT)
                    .commitsStock()
                    .on(ReservationLost.class, (s, now) -> compensate(s, CancellationReason.RESERVATION_EXPIRED, now)),
            compensation(VOID_PAYMENT, SagaCalls::voidPayment)
                    .onSuccess(RELEASE_STOCK)
                    .on(NeedsRefund.class, (s, now) -> compensateFrom(s, REFUND_PAYMENT, s.reason(), now)),
            compensation(REFUND_PAYMENT, SagaCalls::refundPayment)
                    .onSuccess(RELEASE_STOCK)
                    .on(NeedsVoid.class, (s, now) -> compensateFrom(s, VOID_PAYMENT, s.reason(), now)),
            compensation(RELEASE_STOCK, SagaCalls::releaseStock)
                    .onSuccess(COMPLETED)
                    // a confirmed order the customer cancels is refunded; its stock stays committed
                    .skippedOnceStockCommitted());

    private final Backoff backoff;

    public CheckoutSaga(Backoff backoff) {
        this.backoff = backoff;
    }

    /** Makes the call of the saga's current step. */
    public StepOutcome call(SagaStep step, SagaCalls calls, SagaOrder order) {
        return step(step).call(calls, order);
    }

    public Transition next(SagaState s, StepOutcome outcome, Instant now) {
        if (s.isDone()) {
            throw new IllegalStateException("saga of order " + s.orderId() + " is done");
        }
        if (outcome instanceof Transient t) {
            return retry(s, t.error(), now);
        }
        Step step = step(s.step());
        Step.Reaction declared = step.reactionTo(outcome);
        if (declared != null) {
            return declared.to(s, now);
        }
        if (outcome instanceof Succeeded ok) {
            return succeeded(s, step, ok, now);
        }
        return step.isCompensation()
                ? retry(s, describe(outcome), now)
                : compensate(s, CancellationReason.REJECTED, now);
    }

    /** The deadline passed before the payment was captured: undo whatever may have happened. */
    public Transition onDeadline(SagaState s, Instant now) {
        if (!s.deadlinePassed(now)) {
            throw new IllegalStateException("deadline of order " + s.orderId() + " has not passed");
        }
        return compensate(s, CancellationReason.DEADLINE_EXCEEDED, now);
    }

    /**
     * The customer cancels: a pending order before its capture compensates; a confirmed one is refunded (its stock
     * stays committed). Empty when the order cannot be cancelled now.
     */
    public Optional<Transition> cancelByCustomer(SagaState s, OrderStatus order, Instant now) {
        if (s.status() == SagaStatus.RUNNING && s.step().isBeforeCapture()) {
            return Optional.of(compensate(s, CancellationReason.CANCELLED_BY_CUSTOMER, now));
        }
        if (s.isDone() && order == OrderStatus.CONFIRMED) {
            return Optional.of(compensateFrom(s, REFUND_PAYMENT, CancellationReason.CANCELLED_BY_CUSTOMER, now));
        }
        return Optional.empty();
    }

    /** Where compensation starts when the given forward step failed or its outcome is unknown. */
    SagaStep firstCompensation(SagaStep failed) {
        return step(failed).undoneBy();
    }

    private Step step(SagaStep name) {
        Step step = steps.get(name);
        if (step == null) {
            throw new IllegalStateException("nothing runs at " + name);
        }
        return step;
    }

    private Transition succeeded(SagaState s, Step step, Succeeded ok, Instant now) {
        if (step.isCompensation()) {
            return compensateFrom(s, step.onSuccess(), s.reason(), now);
        }
        SagaState done = step.isStockCommitting() ? s.withStockCommitted() : s;
        SagaStep next = step.onSuccess();
        SagaStatus status = next == COMPLETED ? SagaStatus.DONE : SagaStatus.RUNNING;
        return new Transition(done.moveTo(next, status, null, now), false, ok.providerPaymentId());
    }

    private Transition compensate(SagaState s, CancellationReason reason, Instant now) {
        return compensateFrom(s, firstCompensation(s.step()), reason, now);
    }

    /** Compensation from {@code first} on, past the steps with nothing to undo; at the end, the order is cancelled. */
    private Transition compensateFrom(SagaState s, SagaStep first, @Nullable CancellationReason reason, Instant now) {
        SagaStep target = first;
        while (target != COMPLETED && step(target).isSkippedFor(s)) {
            target = step(target).onSuccess();
        }
        SagaStatus status = target == COMPLETED ? SagaStatus.DONE : SagaStatus.COMPENSATING;
        return new Transition(s.moveTo(target, status, reason, now), false, null);
    }

    private Transition retry(SagaState s, String error, Instant now) {
        Instant when = now.plus(backoff.delay(s.attempts() + 1));
        if (s.status() == SagaStatus.RUNNING && s.step().isBeforeCapture() && when.isAfter(s.deadlineAt())) {
            when = s.deadlineAt();
        }
        return new Transition(s.retryAt(when, error), true, null);
    }

    private static String describe(StepOutcome outcome) {
        return switch (outcome) {
            case StepOutcome.Rejected r -> "rejected: " + r.error();
            case ReservationLost r -> "reservation lost: " + r.error();
            default -> outcome.toString();
        };
    }
}
