package dev.mercato.ordering.domain;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The persisted state of one order's checkout saga.
 *
 * @param reason why the saga compensates (null while it goes forward)
 * @param stockCommitted the stock left inventory for good: compensation must not release it (a confirmed order the
 *     customer cancels is refunded, its stock stays committed)
 * @param version optimistic lock: every recorded transition is conditional on it
 */
public record SagaState(
        OrderId orderId,
        SagaStep step,
        SagaStatus status,
        int attempts,
        Instant nextAttemptAt,
        Instant deadlineAt,
        @Nullable CancellationReason reason,
        boolean stockCommitted,
        @Nullable String lastError,
        long version) {

    public SagaState {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(status, "status");
    }

    public static SagaState start(OrderId orderId, Instant now, Instant deadlineAt) {
        return new SagaState(
                orderId, SagaStep.RESERVE_STOCK, SagaStatus.RUNNING, 0, now, deadlineAt, null, false, null, 0);
    }

    public boolean isDone() {
        return status == SagaStatus.DONE;
    }

    public boolean deadlinePassed(Instant now) {
        return status == SagaStatus.RUNNING && step.isBeforeCapture() && !now.isBefore(deadlineAt);
    }

    /** This state as a successful record stored it: one version later. */
    public SagaState recorded() {
        return new SagaState(
                orderId,
                step,
                status,
                attempts,
                nextAttemptAt,
                deadlineAt,
                reason,
                stockCommitted,
                lastError,
                version + 1);
    }

    SagaState moveTo(SagaStep next, SagaStatus nextStatus, @Nullable CancellationReason why, Instant now) {
        return new SagaState(orderId, next, nextStatus, 0, now, deadlineAt, why, stockCommitted, null, version);
    }

    SagaState retryAt(Instant when, String error) {
        return new SagaState(
                orderId, step, status, attempts + 1, when, deadlineAt, reason, stockCommitted, error, version);
    }

    SagaState withStockCommitted() {
        return new SagaState(
                orderId, step, status, attempts, nextAttemptAt, deadlineAt, reason, true, lastError, version);
    }
}
