package dev.mercato.payment.reconciliation;

import static dev.mercato.payment.OrderEventsFixture.cancelled;
import static dev.mercato.payment.OrderEventsFixture.confirmed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.messaging.envelope.AmqpEnvelopes;
import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.payment.OrderEventsFixture;
import dev.mercato.payment.PaymentIntegrationTest;
import dev.mercato.payment.domain.OrderId;
import dev.mercato.payment.domain.PaymentProvider;
import dev.mercato.payment.domain.PaymentStatus;
import dev.mercato.payment.domain.ProviderPayment;
import dev.mercato.payment.payment.Payments;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Payments compared with how their orders ended, from ordering's events on the real broker, with repairs carried
 * out at the real psp-sim. Outcomes are decided "5 minutes ago" (past the 2-minute grace) unless a test says otherwise.
 */
class OrderReconciliationIT extends PaymentIntegrationTest {

    private static final Duration PAST_GRACE = Duration.ofMinutes(5);

    @Autowired
    Reconciliation reconciliation;

    @Autowired
    OrderReconciliationRepository outcomes;

    @Autowired
    PaymentProvider provider;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    AmqpEnvelopes envelopes;

    @Autowired
    MeterRegistry meters;

    OrderEventsFixture ordering;

    @BeforeEach
    void fixture() {
        ordering = new OrderEventsFixture(rabbit, envelopes);
    }

    @Test
    void aConfirmedOrderWithItsTotalCapturedIsCleanAndNotCheckedAgain() {
        OrderId order = newOrder();
        payments.authorize(authorize(order, "tok_ok"));
        payments.capture(order);

        received(confirmed(order, "25.99", decidedAgo(PAST_GRACE)));
        reconciliation.run(true);

        assertThat(drifts(order)).isEmpty();
        assertThat(settled(order)).isTrue();
    }

    @Test
    void nothingIsComparedWithinTheGracePeriod() {
        OrderId order = newOrder();
        payments.authorize(authorize(order, "tok_ok"));
        received(cancelled(order, "deadline_exceeded", "PENDING", "25.99", Instant.now()));

        reconciliation.run(true);

        assertThat(drifts(order)).isEmpty();
        assertThat(payments.get(order).orElseThrow().status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(atProvider(order).status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(settled(order)).isFalse();

        jdbc.sql("update order_outcome set decided_at = decided_at - interval '3 minutes' where order_id = ?")
                .param(order.value())
                .update(); // the grace period has passed
        reconciliation.run(true);

        assertThat(drifts(order)).extracting(Drift::kind).containsExactly(Drift.Kind.OPEN_AUTHORIZATION);
    }

    @Test
    void voidsTheOpenAuthorizationOfACancelledOrderOnce() {
        OrderId order = newOrder();
        payments.authorize(authorize(order, "tok_ok")); // e.g. an authorize that completed after the saga gave up
        received(cancelled(order, "deadline_exceeded", "PENDING", "25.99", decidedAgo(PAST_GRACE)));
        double repairedBefore = counter(Drift.Kind.OPEN_AUTHORIZATION, true);

        reconciliation.run(true);

        ProviderPayment voided = atProvider(order);
        assertThat(voided.status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(payments.get(order).orElseThrow().status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(events(order)).containsExactly("payment.authorized", "payment.voided");
        assertThat(drifts(order)).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Drift.Kind.OPEN_AUTHORIZATION);
            assertThat(d.repaired()).isTrue();
            assertThat(d.providerPaymentId()).isEqualTo(voided.id());
        });
        assertThat(counter(Drift.Kind.OPEN_AUTHORIZATION, true)).isEqualTo(repairedBefore + 1);

        reconciliation.run(true);

        assertThat(drifts(order)).hasSize(1);
        assertThat(atProvider(order).version()).isEqualTo(voided.version());
        assertThat(settled(order)).isTrue();
    }

    @Test
    void refundsWhatACancelledOrderStillKeepsOnce() {
        OrderId order = newOrder();
        payments.authorize(authorize(order, "tok_ok"));
        payments.capture(order);
        payments.refund(new Payments.Refund(order, UUID.randomUUID(), 599L));
        received(confirmed(order, "25.99", decidedAgo(PAST_GRACE.plusMinutes(1))));
        received(cancelled(order, "cancelled_by_customer", "CONFIRMED", "25.99", decidedAgo(PAST_GRACE)));

        reconciliation.run(true);

        ProviderPayment refunded = atProvider(order);
        assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(refunded.refundedAmount()).isEqualTo(2599);
        assertThat(refunded.refunds())
                .extracting(ProviderPayment.ProviderRefund::amount)
                .containsExactly(599L, 2000L);
        assertThat(payments.get(order).orElseThrow().refundable().isZero()).isTrue();
        assertThat(drifts(order)).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Drift.Kind.UNREFUNDED_CANCELLATION);
            assertThat(d.repaired()).isTrue();
            assertThat(d.detail()).contains("2000 EUR", "refund").doesNotContain("failed");
        });

        reconciliation.run(true);

        assertThat(atProvider(order).refunds()).hasSize(2);
        assertThat(drifts(order)).hasSize(1);
    }

    @Test
    void reportsAConfirmedOrderWhosePaymentWasNotCapturedOnceAndKeepsCheckingIt() {
        OrderId order = newOrder();
        payments.authorize(authorize(order, "tok_ok"));
        received(confirmed(order, "25.99", decidedAgo(PAST_GRACE)));

        reconciliation.run(true);
        reconciliation.run(true);

        assertThat(drifts(order)).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Drift.Kind.CAPTURE_MISMATCH);
            assertThat(d.repaired()).isFalse();
        });
        assertThat(payments.get(order).orElseThrow().status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(settled(order)).isFalse();

        payments.capture(order); // whatever an operator decides, once the payment matches the order is done
        reconciliation.run(true);

        assertThat(drifts(order)).hasSize(1);
        assertThat(settled(order)).isTrue();
    }

    @Test
    void reportsACapturedAmountThatIsNotTheOrdersTotal() {
        OrderId order = newOrder();
        payments.authorize(authorize(order, "tok_ok"));
        payments.capture(order);
        received(confirmed(order, "30.00", decidedAgo(PAST_GRACE)));

        reconciliation.run(true);

        assertThat(drifts(order)).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Drift.Kind.CAPTURE_MISMATCH);
            assertThat(d.detail()).contains("3000 EUR", "2599 EUR");
        });
    }

    @Test
    void aConfirmedOrderNeedsAPaymentACancelledOneDoesNot() {
        OrderId confirmedWithout = newOrder();
        OrderId outOfStock = newOrder();
        received(confirmed(confirmedWithout, "25.99", decidedAgo(PAST_GRACE)));
        received(cancelled(outOfStock, "out_of_stock", "PENDING", "25.99", decidedAgo(PAST_GRACE)));

        reconciliation.run(true);

        assertThat(drifts(confirmedWithout))
                .extracting(Drift::kind)
                .containsExactly(Drift.Kind.CONFIRMED_WITHOUT_PAYMENT);
        assertThat(drifts(outOfStock)).isEmpty();
        assertThat(settled(outOfStock)).isTrue();
    }

    @Test
    void reportsAPaymentWhoseOrderNeverEndedOnce() {
        OrderId stuck = newOrder();
        OrderId ended = newOrder();
        payments.authorize(authorize(stuck, "tok_ok"));
        payments.authorize(authorize(ended, "tok_ok"));
        payments.capture(ended);
        received(confirmed(ended, "25.99", Instant.now()));

        reconciliation.run(true);
        assertThat(drifts(stuck)).isEmpty(); // young: the saga may still be at work

        jdbc.sql("update payment set created_at = now() - interval '11 minutes' where order_id in (?, ?)")
                .params(stuck.value(), ended.value())
                .update();
        reconciliation.run(true);
        reconciliation.run(true);

        assertThat(drifts(stuck)).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Drift.Kind.MISSING_ORDER_OUTCOME);
            assertThat(d.repaired()).isFalse();
        });
        assertThat(drifts(ended)).isEmpty();
    }

    @Test
    void aPaymentStoredAfterItsOrderWasSettledIsComparedOnceItIsOverdue() {
        OrderId order = newOrder();
        received(cancelled(order, "deadline_exceeded", "PENDING", "25.99", decidedAgo(PAST_GRACE)));
        reconciliation.run(true);
        assertThat(settled(order))
                .as("cancelled without payment: nothing to compare")
                .isTrue();

        payments.authorize(authorize(order, "tok_ok")); // stored only now (e.g. adopted from a late webhook)
        jdbc.sql("update payment set created_at = now() - interval '11 minutes' where order_id = ?")
                .param(order.value())
                .update();
        reconciliation.run(true);

        assertThat(atProvider(order).status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(drifts(order)).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Drift.Kind.OPEN_AUTHORIZATION);
            assertThat(d.repaired()).isTrue();
        });
    }

    @Test
    void twoInstancesNeverClaimTheSameOutcome() throws Exception {
        List<OrderId> orders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            OrderId order = newOrder();
            orders.add(order);
            ordering.send(cancelled(order, "out_of_stock", "PENDING", "1.00", decidedAgo(PAST_GRACE)));
        }
        orders.forEach(this::awaitStored);

        Callable<List<UUID>> instance = () -> { // claims in small batches until nothing is due
            List<UUID> mine = new ArrayList<>();
            List<OrderReconciliationRepository.Claimed> batch;
            do {
                batch = outcomes.claimOutcomes(3, Duration.ofMinutes(2), Duration.ofMinutes(5), false);
                batch.forEach(c -> mine.add(c.outcome().orderId().value()));
            } while (!batch.isEmpty());
            return mine;
        };
        List<UUID> claimed = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(2)) {
            List<Future<List<UUID>>> both = List.of(pool.submit(instance), pool.submit(instance));
            for (Future<List<UUID>> one : both) {
                claimed.addAll(one.get());
            }
        }

        Set<UUID> distinct = new HashSet<>(claimed);
        assertThat(distinct).as("claimed twice").hasSameSizeAs(claimed);
        assertThat(distinct).containsAll(orders.stream().map(OrderId::value).toList());
    }

    private static Instant decidedAgo(Duration ago) {
        return Instant.now().minus(ago);
    }

    private void received(Envelope event) {
        ordering.send(event);
        Awaitility.await(event.type() + " consumed")
                .atMost(Duration.ofSeconds(15))
                .until(() ->
                        jdbc.sql("select count(*) from messaging.inbox_message where consumer = ? and message_id = ?")
                                        .params(ORDER_OUTCOMES_QUEUE, event.messageId())
                                        .query(Long.class)
                                        .single()
                                == 1);
    }

    private void awaitStored(OrderId order) {
        Awaitility.await("outcome of " + order)
                .atMost(Duration.ofSeconds(15))
                .until(() -> jdbc.sql("select count(*) from order_outcome where order_id = ?")
                                .param(order.value())
                                .query(Long.class)
                                .single()
                        == 1);
    }

    private List<Drift> drifts(OrderId order) {
        return reconciliation.recent(1000).stream()
                .filter(d -> order.equals(d.orderId()))
                .toList();
    }

    private boolean settled(OrderId order) {
        return jdbc.sql("select next_check_at is null from order_outcome where order_id = ?")
                .param(order.value())
                .query(Boolean.class)
                .single();
    }

    private ProviderPayment atProvider(OrderId order) {
        return provider.findByMerchantReference(order.merchantReference()).getLast();
    }

    private double counter(Drift.Kind kind, boolean repaired) {
        return meters.counter(
                        "mercato.payment.reconciliation.drift",
                        "kind",
                        kind.name(),
                        "repaired",
                        String.valueOf(repaired))
                .count();
    }
}
