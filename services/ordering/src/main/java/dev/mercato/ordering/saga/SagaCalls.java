package dev.mercato.ordering.saga;

import dev.mercato.ordering.domain.SagaStep;
import dev.mercato.ordering.domain.StepOutcome;

/** Makes the downstream call of one saga step and classifies its answer. Every call is idempotent per order id. */
public interface SagaCalls {

    StepOutcome call(SagaStep step, SagaOrder order);
}
