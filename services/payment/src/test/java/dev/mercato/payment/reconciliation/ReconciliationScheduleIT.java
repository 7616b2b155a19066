package dev.mercato.payment.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mercato.payment.PaymentIntegrationTest;
import dev.mercato.payment.domain.OrderId;
import dev.mercato.payment.reconciliation.ReconciliationProperties.Schedule;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A payment that keeps matching the provider is checked less and less often, and not at all once it has settled:
 * the provider calls per payment stay bounded however many payments pile up.
 */
class ReconciliationScheduleIT extends PaymentIntegrationTest {

    static final Schedule SCHEDULE = new Schedule(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(24));

    @Autowired
    ReconciliationRepository repository;

    @Test
    void waitsTwiceAsLongAfterEachCheckUpToTheLongestWait() {
        OrderId order = newOrder();
        payments.authorize(authorize(order, "tok_ok"));
        awaitWebhooks(order, 1);

        assertThat(waitAfterCheck(order)).isCloseTo(Duration.ofMinutes(5).toSeconds(), within(5L));
        assertThat(waitAfterCheck(order)).isCloseTo(Duration.ofMinutes(10).toSeconds(), within(5L));
        assertThat(waitAfterCheck(order)).isCloseTo(Duration.ofMinutes(20).toSeconds(), within(5L));
        assertThat(waitAfterCheck(order)).isCloseTo(Duration.ofMinutes(30).toSeconds(), within(5L));
        assertThat(waitAfterCheck(order)).isCloseTo(Duration.ofMinutes(30).toSeconds(), within(5L));
    }

    @Test
    void settlesAPaymentUnchangedForADayUntilItChanges() {
        OrderId order = newOrder();
        payments.authorize(authorize(order, "tok_ok"));
        awaitWebhooks(order, 1);
        waitAfterCheck(order);
        jdbc.sql("update payment set updated_at = now() - interval '25 hours' where order_id = ?")
                .param(order.value())
                .update();

        makeDue(order);
        assertThat(repository.claimDue(10_000, SCHEDULE, false)).contains(order);
        assertThat(nextCheck(order)).as("settled").isEqualTo("infinity");
        assertThat(repository.claimDue(10_000, SCHEDULE, false)).doesNotContain(order);

        payments.capture(order);
        awaitWebhooks(order, 2);

        assertThat(nextCheck(order)).as("woken by the change").isNotEqualTo("infinity");
        assertThat(repository.claimDue(10_000, SCHEDULE, false)).contains(order);
        assertThat(waitAfterCheck(order))
                .as("the schedule starts over")
                .isCloseTo(Duration.ofMinutes(10).toSeconds(), within(5L));
    }

    /**
     * The provider's webhooks for the payment arrive on their own time and lock its row while they are applied; the
     * claim skips a locked row (as it should in production: the next run takes it), so the checks wait for them.
     */
    private void awaitWebhooks(OrderId order, int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("select count(*) from webhook_event w join payment p"
                                        + " on p.provider_payment_id = w.provider_payment_id where p.order_id = ?")
                                .param(order.value())
                                .query(Long.class)
                                .single()
                        >= count);
    }

    /** Makes the payment due, claims it, and returns how many seconds until its next check. */
    private long waitAfterCheck(OrderId order) {
        makeDue(order);
        assertThat(repository.claimDue(10_000, SCHEDULE, false)).contains(order);
        OffsetDateTime[] times = jdbc.sql("select now(), next_reconcile_at from payment where order_id = ?")
                .param(order.value())
                .query((rs, n) -> new OffsetDateTime[] {
                    rs.getObject(1, OffsetDateTime.class), rs.getObject(2, OffsetDateTime.class)
                })
                .single();
        return Duration.between(times[0], times[1]).toSeconds();
    }

    private void makeDue(OrderId order) {
        jdbc.sql("update payment set next_reconcile_at = now() - interval '1 second' where order_id = ?")
                .param(order.value())
                .update();
    }

    private String nextCheck(OrderId order) {
        return jdbc.sql("select next_reconcile_at::text from payment where order_id = ?")
                .param(order.value())
                .query(String.class)
                .single();
    }
}
