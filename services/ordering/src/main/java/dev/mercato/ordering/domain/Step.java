package dev.mercato.ordering.domain;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One step of a saga, declared once: the call that performs it, where success leads, what the other outcomes it
 * knows mean, and — for a forward step — the compensation that undoes it. Built fluently when the saga is declared,
 * read-only afterwards.
 */
final class Step {

    /** Makes the step's downstream call. */
    @FunctionalInterface
    interface Call {
        StepOutcome make(SagaCalls calls, SagaOrder order);
    }

    /** What a declared outcome leads to. */
    @FunctionalInterface
    interface Reaction {
        Transition to(SagaState state, Instant now);
    }

    private final SagaStep name;
    private final boolean compensation;
    private final Call call;
    private final Map<Class<? extends StepOutcome>, Reaction> reactions = new LinkedHashMap<>();
    private @Nullable SagaStep onSuccess;
    private @Nullable SagaStep undoneBy;
    private boolean commitsStock;
    private boolean skippedOnceStockCommitted;

    private Step(SagaStep name, boolean compensation, Call call) {
        this.name = name;
        this.compensation = compensation;
        this.call = call;
    }

    /** A step that moves the order forward; any outcome it does not declare starts its compensation. */
    static Step forward(SagaStep name, Call call) {
        return new Step(name, false, call);
    }

    /** A step that undoes another; any outcome it does not declare retries it until it succeeds. */
    static Step compensation(SagaStep name, Call call) {
        return new Step(name, true, call);
    }

    Step onSuccess(SagaStep next) {
        this.onSuccess = next;
        return this;
    }

    Step undoneBy(SagaStep compensationStep) {
        this.undoneBy = compensationStep;
        return this;
    }

    Step on(Class<? extends StepOutcome> outcome, Reaction reaction) {
        reactions.put(outcome, reaction);
        return this;
    }

    /** Success means the stock left inventory for good: no compensation may release it afterwards. */
    Step commitsStock() {
        this.commitsStock = true;
        return this;
    }

    /** Reached after the stock was committed, there is nothing left for this step to undo. */
    Step skippedOnceStockCommitted() {
        this.skippedOnceStockCommitted = true;
        return this;
    }

    /** The saga's steps by name, each declared exactly once, every forward step with its compensation. */
    static Map<SagaStep, Step> index(Step... steps) {
        Map<SagaStep, Step> byName = new EnumMap<>(SagaStep.class);
        for (Step step : steps) {
            Objects.requireNonNull(step.onSuccess, () -> step.name + " declares no next step");
            if (!step.compensation) {
                Objects.requireNonNull(step.undoneBy, () -> step.name + " declares no compensation");
            }
            if (byName.put(step.name, step) != null) {
                throw new IllegalArgumentException(step.name + " is declared twice");
            }
        }
        return Map.copyOf(byName);
    }

    SagaStep name() {
        return name;
    }

    boolean isCompensation() {
        return compensation;
    }

    StepOutcome call(SagaCalls calls, SagaOrder order) {
        return call.make(calls, order);
    }

    SagaStep onSuccess() {
        return Objects.requireNonNull(onSuccess);
    }

    SagaStep undoneBy() {
        if (undoneBy == null) {
            throw new IllegalStateException(name + " is a compensation: nothing undoes it");
        }
        return undoneBy;
    }

    @Nullable
    Reaction reactionTo(StepOutcome outcome) {
        return reactions.get(outcome.getClass());
    }

    boolean isStockCommitting() {
        return commitsStock;
    }

    boolean isSkippedFor(SagaState state) {
        return skippedOnceStockCommitted && state.stockCommitted();
    }
}
