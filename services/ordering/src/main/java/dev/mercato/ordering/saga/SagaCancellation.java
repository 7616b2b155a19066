package dev.mercato.ordering.saga;

import dev.mercato.ordering.domain.CancellationReason;
import dev.mercato.ordering.domain.CheckoutSaga;
import dev.mercato.ordering.domain.OrderId;
import dev.mercato.ordering.domain.SagaState;
import dev.mercato.ordering.domain.Transition;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A customer's cancellation. The saga's state switches to compensation under the saga's row lock; a runner that is
 * in the middle of a call keeps its lease, fails to record (version changed), reads the new state and compensates —
 * so a call in flight and its compensation never run at the same time.
 */
@Component
public class SagaCancellation {

    private final SagaRepository sagas;
    private final SagaOrders orders;
    private final CheckoutSaga saga;
    private final SagaRunner runner;
    private final TransactionTemplate tx;
    private final Clock clock;

    SagaCancellation(
            SagaRepository sagas,
            SagaOrders orders,
            CheckoutSaga saga,
            SagaRunner runner,
            TransactionTemplate tx,
            Clock clock) {
        this.sagas = sagas;
        this.orders = orders;
        this.saga = saga;
        this.runner = runner;
        this.tx = tx;
        this.clock = clock;
    }

    public enum Result {
        ACCEPTED,
        /** Cancelled (or being cancelled) by the customer before: the same answer again. */
        ALREADY_CANCELLING,
        NOT_CANCELLABLE
    }

    public Result cancel(OrderId id) {
        Result result = tx.execute(status -> {
            // the saga's row lock serializes this change with the runner's transitions, which update that row
            SagaState state = sagas.lock(id).orElseThrow();
            SagaOrders.Summary order = orders.summary(id);
            if (state.reason() == CancellationReason.CANCELLED_BY_CUSTOMER) {
                return Result.ALREADY_CANCELLING;
            }
            Optional<Transition> transition = saga.cancelByCustomer(state, order.status(), clock.instant());
            if (transition.isEmpty()) {
                return Result.NOT_CANCELLABLE;
            }
            if (!sagas.recordCancel(state, transition.get())) {
                throw new IllegalStateException("saga of order " + id + " changed under its row lock");
            }
            return Result.ACCEPTED;
        });
        if (result == Result.ACCEPTED) {
            runner.claimAndRunAsync(id);
        }
        return result;
    }
}
