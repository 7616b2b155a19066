package dev.mercato.ordering.domain;

import static dev.mercato.ordering.domain.SagaStep.AUTHORIZE_PAYMENT;
import static dev.mercato.ordering.domain.SagaStep.CAPTURE_PAYMENT;
import static dev.mercato.ordering.domain.SagaStep.COMMIT_STOCK;
import static dev.mercato.ordering.domain.SagaStep.COMPLETED;
import static dev.mercato.ordering.domain.SagaStep.REFUND_PAYMENT;
import static dev.mercato.ordering.domain.SagaStep.RELEASE_STOCK;
import static dev.mercato.ordering.domain.SagaStep.VOID_PAYMENT;

import dev.mercato.ordering.domain.StepOutcome.Declined;
import dev.mercato.ordering.domain.StepOutcome.NeedsRefund;
import dev.mercato.ordering.domain.StepOutcome.NeedsVoid;
import dev.mercato.ordering.domain.StepOutcome.OutOfStock;
import dev.mercato.ordering.domain.StepOutcome.ReservationLost;
import dev.mercato.ordering.domain.StepOutcome.Succeeded;
import dev.mercato.ordering.domain.StepOutcome.Transient;
import java.time.Instant;
import java.util.Optional;

/**
 * The checkout saga's state machine: given the persisted state and what the current step's call returned, the next
 * state. No I/O; the runner makes the calls and persists the transitions.
 *
 * <pre>
 * step               forward on success   on failure                               compensation (if it ran or may have)
 * RESERVE_STOCK      AUTHORIZE_PAYMENT    out of stock: CANCELLED at once          RELEASE_STOCK
 * AUTHORIZE_PAYMENT  CAPTURE_PAYMENT      declined: RELEASE_STOCK                  VOID_PAYMENT (then RELEASE_STOCK)
 * CAPTURE_PAYMENT    COMMIT_STOCK         refused: VOID_PAYMENT                    VOID_PAYMENT, REFUND_PAYMENT if captured
 * COMMIT_STOCK       CONFIRMED            reservation lost: REFUND_PAYMENT         none (inventory cannot undo a commit)
 * </pre>
 *
 * Capture comes before commit on purpose: a capture can be refunded, a commit cannot be undone. Transient failures
 * retry the same step with backoff; before the capture they are bounded by the deadline, after it the saga only goes
 * forward. Compensations retry until they succeed.
 */
public final class CheckoutSaga {

    private final Backoff backoff;

    public CheckoutSaga(Backoff backoff) {
        this.backoff = backoff;
    }

    public Transition next(SagaState s, StepOutcome outcome, Instant now) {
        if (s.isDone()) {
            throw new IllegalStateException("saga of order " + s.orderId() + " is done");
        }
        if (outcome instanceof Transient t) {
            return retry(s, t.error(), now);
        }
        return switch (s.step()) {
            case RESERVE_STOCK ->
                switch (outcome) {
                    case Succeeded ok -> forward(s, AUTHORIZE_PAYMENT, now, false, null);
                    // nothing is held, nothing was authorized: the order ends here
                    case OutOfStock out ->
                        new Transition(
                                s.moveTo(COMPLETED, SagaStatus.DONE, CancellationReason.OUT_OF_STOCK, now),
                                false,
                                OrderStatus.CANCELLED,
                                true,
                                null);
                    default -> compensate(s, CancellationReason.REJECTED, now);
                };
            case AUTHORIZE_PAYMENT ->
                switch (outcome) {
                    case Succeeded ok -> forward(s, CAPTURE_PAYMENT, now, true, ok.providerPaymentId());
                    case Declined declined ->
                        startCompensation(s, RELEASE_STOCK, CancellationReason.PAYMENT_DECLINED, now);
                    default -> compensate(s, CancellationReason.REJECTED, now);
                };
            case CAPTURE_PAYMENT ->
                switch (outcome) {
                    case Succeeded ok -> forward(s, COMMIT_STOCK, now, true, ok.providerPaymentId());
                    default -> compensate(s, CancellationReason.REJECTED, now);
                };
            case COMMIT_STOCK ->
                switch (outcome) {
                    case Succeeded ok ->
                        new Transition(
                                s.withStockCommitted().moveTo(COMPLETED, SagaStatus.DONE, null, now),
                                false,
                                OrderStatus.CONFIRMED,
                                true,
                                null);
                    case ReservationLost lost -> compensate(s, CancellationReason.RESERVATION_EXPIRED, now);
                    default -> compensate(s, CancellationReason.REJECTED, now);
                };
            case VOID_PAYMENT ->
                switch (outcome) {
                    case Succeeded ok -> afterPaymentSettled(s, now);
                    case NeedsRefund refund -> startCompensation(s, REFUND_PAYMENT, s.reason(), now);
                    default -> retry(s, describe(outcome), now);
                };
            case REFUND_PAYMENT ->
                switch (outcome) {
                    case Succeeded ok -> afterPaymentSettled(s, now);
                    case NeedsVoid voidIt -> startCompensation(s, VOID_PAYMENT, s.reason(), now);
                    default -> retry(s, describe(outcome), now);
                };
            case RELEASE_STOCK ->
                switch (outcome) {
                    case Succeeded ok -> cancelled(s, now);
                    default -> retry(s, describe(outcome), now);
                };
            case COMPLETED -> throw new IllegalStateException("nothing runs after COMPLETED");
        };
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
            SagaState refunding =
                    s.moveTo(REFUND_PAYMENT, SagaStatus.COMPENSATING, CancellationReason.CANCELLED_BY_CUSTOMER, now);
            return Optional.of(new Transition(refunding, false, null, true, null));
        }
        return Optional.empty();
    }

    /** Where compensation starts when the current forward step failed or its outcome is unknown. */
    static SagaStep firstCompensation(SagaStep failed) {
        return switch (failed) {
            case RESERVE_STOCK -> RELEASE_STOCK;
            case AUTHORIZE_PAYMENT, CAPTURE_PAYMENT -> VOID_PAYMENT;
            case COMMIT_STOCK -> REFUND_PAYMENT;
            default -> throw new IllegalArgumentException(failed + " is not a forward step");
        };
    }

    private Transition compensate(SagaState s, CancellationReason reason, Instant now) {
        return startCompensation(s, firstCompensation(s.step()), reason, now);
    }

    private Transition startCompensation(SagaState s, SagaStep first, CancellationReason reason, Instant now) {
        return new Transition(s.moveTo(first, SagaStatus.COMPENSATING, reason, now), false, null, true, null);
    }

    private Transition forward(SagaState s, SagaStep next, Instant now, boolean tokenSpent, String providerPaymentId) {
        return new Transition(
                s.moveTo(next, SagaStatus.RUNNING, null, now), false, null, tokenSpent, providerPaymentId);
    }

    private Transition afterPaymentSettled(SagaState s, Instant now) {
        if (s.stockCommitted()) {
            return cancelled(s, now);
        }
        return new Transition(
                s.moveTo(RELEASE_STOCK, SagaStatus.COMPENSATING, s.reason(), now), false, null, true, null);
    }

    private Transition cancelled(SagaState s, Instant now) {
        return new Transition(
                s.moveTo(COMPLETED, SagaStatus.DONE, s.reason(), now), false, OrderStatus.CANCELLED, true, null);
    }

    private Transition retry(SagaState s, String error, Instant now) {
        Instant when = now.plus(backoff.delay(s.attempts() + 1));
        if (s.status() == SagaStatus.RUNNING && s.step().isBeforeCapture() && when.isAfter(s.deadlineAt())) {
            when = s.deadlineAt();
        }
        return new Transition(s.retryAt(when, error), true, null, false, null);
    }

    private static String describe(StepOutcome outcome) {
        return switch (outcome) {
            case StepOutcome.Rejected r -> "rejected: " + r.error();
            case ReservationLost r -> "reservation lost: " + r.error();
            default -> outcome.toString();
        };
    }
}
