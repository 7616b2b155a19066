package dev.mercato.ordering.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.ordering.OrderingIntegrationTest;
import dev.mercato.web.poll.PollSchedule;
import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The poller driven by hand (the scheduled one is off), so what it claims depends only on the slots left. */
@TestPropertySource(properties = "ordering.saga.poller-enabled=false")
class SagaPollerIT extends OrderingIntegrationTest {

    @Autowired
    SagaRepository sagas;

    @Autowired
    SagaRunner runner;

    @Autowired
    SagaCapacity capacity;

    @Autowired
    SagaProperties properties;

    @Test
    void leavesTheCheckoutsReserveFreeWhileSagasWaitForARetry() {
        var poller = new SagaPoller(
                sagas, runner, properties, capacity, new PollSchedule(Duration.ZERO, Duration.ZERO, Clock.systemUTC()));
        DOWNSTREAM.payment.faults.failNext("Authorize", Status.Code.UNAVAILABLE, 1000);
        UUID order = orderId(checkout(shopper(newSku(), 1, 5), "k", checkoutBody("tok_ok")));
        // the checkout's own run failed once and left the saga for a retry, without a lease
        await().atMost(Duration.ofSeconds(10))
                .until(() -> capacity.free() == properties.maxRunning()
                        && DOWNSTREAM.payment.faults.calls("Authorize") == 1
                        && leaseOwner(order) == null);
        List<SagaCapacity.Slot> held = new ArrayList<>();
        try {
            takeUntilFree(held, properties.pollerReserve());
            await().pollDelay(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> true); // due again

            poller.poll();

            assertThat(leaseOwner(order))
                    .as("not claimed: the free slots are the checkouts' reserve")
                    .isNull();

            held.removeLast().giveBack();
            poller.poll();

            await().atMost(Duration.ofSeconds(5)).until(() -> DOWNSTREAM.payment.faults.calls("Authorize") == 2);
        } finally {
            held.forEach(SagaCapacity.Slot::giveBack);
            DOWNSTREAM.payment.faults.reset();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            poller.poll();
            return "CONFIRMED".equals(status(order));
        });
    }

    private void takeUntilFree(List<SagaCapacity.Slot> held, int free) {
        while (capacity.free() > free) {
            capacity.tryTake().ifPresent(held::add);
        }
        assertThat(capacity.free()).isEqualTo(free);
    }

    private String leaseOwner(UUID order) {
        return jdbc.sql("select lease_owner from saga where order_id = ?")
                .param(order)
                .query(String.class)
                .optional()
                .orElse(null);
    }
}
