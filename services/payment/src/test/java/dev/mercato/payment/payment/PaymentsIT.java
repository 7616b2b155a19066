package dev.mercato.payment.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.payment.PaymentIntegrationTest;
import dev.mercato.payment.PspSim;
import dev.mercato.payment.domain.IdempotencyKeys;
import dev.mercato.payment.domain.OrderId;
import dev.mercato.payment.domain.Payment;
import dev.mercato.payment.domain.PaymentProvider;
import dev.mercato.payment.domain.PaymentProvider.ProviderUnavailable;
import dev.mercato.payment.domain.PaymentRejected;
import dev.mercato.payment.domain.PaymentStatus;
import dev.mercato.payment.domain.ProviderPayment;
import dev.mercato.testsupport.postgres.OneConnectionAtATime;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The saga's commands against the real psp-sim: one effect at the provider per order and operation. */
class PaymentsIT extends PaymentIntegrationTest {

    @Autowired
    PaymentProvider provider;

    @Autowired
    DataSource dataSource;

    @Test
    void authorizesThenCapturesWithTokOk() {
        OrderId order = newOrder();

        Payment authorized = payments.authorize(authorize(order, "tok_ok"));
        Payment captured = payments.capture(order);

        assertThat(authorized.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(captured.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(captured.captured().minor()).isEqualTo(2599);
        List<ProviderPayment> atProvider = provider.findByMerchantReference(order.merchantReference());
        assertThat(atProvider).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo(PaymentStatus.CAPTURED);
            assertThat(p.id()).isEqualTo(captured.providerPaymentId());
        });
        assertThat(events(order)).containsExactly("payment.authorized", "payment.captured");
    }

    @Test
    void aDeclineIsAnOutcomeAndCannotBeCaptured() {
        OrderId order = newOrder();

        Payment declined = payments.authorize(authorize(order, "tok_decline"));

        assertThat(declined.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(declined.failureCode()).isEqualTo("card_declined");
        assertThatThrownBy(() -> payments.capture(order)).isInstanceOf(PaymentRejected.class);
        assertThat(payments.authorize(authorize(order, "tok_decline")).status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(events(order)).containsExactly("payment.declined");
    }

    @Test
    void retriesTokFlakyWithTheSameKeyIntoOnePayment() {
        OrderId order = newOrder();

        Payment payment = payments.authorize(authorize(order, "tok_flaky"));

        assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        assertThat(provider.findByMerchantReference(order.merchantReference())).hasSize(1);
    }

    @Test
    void concurrentDuplicateAuthorizeAndCaptureHaveOneEffectAtTheProvider() throws Exception {
        OrderId order = newOrder();

        Set<String> ids = concurrently(
                8, () -> payments.authorize(authorize(order, "tok_ok")).providerPaymentId());
        Set<PaymentStatus> statuses =
                concurrently(8, () -> payments.capture(order).status());

        assertThat(ids).hasSize(1);
        assertThat(statuses).containsExactly(PaymentStatus.CAPTURED);
        assertThat(provider.findByMerchantReference(order.merchantReference()))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.status()).isEqualTo(PaymentStatus.CAPTURED);
                    assertThat(p.version()).isEqualTo(2);
                });
        assertThat(events(order)).containsExactly("payment.authorized", "payment.captured");
    }

    @Test
    void voidAfterCaptureIsRejectedAndRefundsAreBoundedAndIdempotent() {
        OrderId order = newOrder();
        payments.authorize(authorize(order, "tok_ok"));
        payments.capture(order);
        UUID first = UUID.randomUUID();

        assertThatThrownBy(() -> payments.voidPayment(order)).isInstanceOf(PaymentRejected.class);
        Payment partly = payments.refund(new Payments.Refund(order, first, 500L));
        Payment again = payments.refund(new Payments.Refund(order, first, 500L));
        assertThatThrownBy(() -> payments.refund(new Payments.Refund(order, UUID.randomUUID(), 2100L)))
                .isInstanceOf(PaymentRejected.class);
        Payment rest = payments.refund(new Payments.Refund(order, UUID.randomUUID(), null));

        assertThat(partly.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(again.refunded().minor()).isEqualTo(500);
        assertThat(rest.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(provider.findByMerchantReference(order.merchantReference())
                        .getFirst()
                        .refunds())
                .extracting(ProviderPayment.ProviderRefund::amount)
                .containsExactly(500L, 2099L);
        assertThat(events(order))
                .containsExactly("payment.authorized", "payment.captured", "payment.refunded", "payment.refunded");
    }

    @Test
    void voidsAnAuthorizationOnce() {
        OrderId order = newOrder();
        payments.authorize(authorize(order, "tok_ok"));

        assertThat(payments.voidPayment(order).status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(payments.voidPayment(order).status()).isEqualTo(PaymentStatus.VOIDED);
        assertThatThrownBy(() -> payments.capture(order)).isInstanceOf(PaymentRejected.class);
        assertThat(events(order)).containsExactly("payment.authorized", "payment.voided");
    }

    @Test
    void voidsAnAuthorizationWhoseAnswerWasLost() {
        OrderId order = newOrder();
        Payments.Authorize command = authorize(order, "tok_ok");
        // the provider authorized, the answer never reached payment: nothing stored here
        provider.authorize(IdempotencyKeys.authorize(order), "tok_ok", command.amount(), order.merchantReference());

        assertThat(payments.voidPayment(order).status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(provider.findByMerchantReference(order.merchantReference()))
                .extracting(ProviderPayment::status)
                .containsExactly(PaymentStatus.VOIDED);
    }

    @Test
    void voidingAnOrderTheProviderNeverAuthorizedFindsNothing() {
        OrderId order = newOrder();

        assertThatThrownBy(() -> payments.voidPayment(order)).isInstanceOf(Payments.UnknownPayment.class);
    }

    @Test
    void circuitOpensWhileTheProviderFailsThenRecovers() {
        PspSim.faults(0, 1.0);

        for (int i = 0; i < 2; i++) { // 3 attempts each: the window of 6 fills with failures
            OrderId order = newOrder();
            assertThatThrownBy(() -> payments.authorize(authorize(order, "tok_ok")))
                    .isInstanceOf(ProviderUnavailable.class);
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        OrderId later = newOrder();
        long started = System.nanoTime();
        assertThatThrownBy(() -> payments.authorize(authorize(later, "tok_ok")))
                .isInstanceOf(ProviderUnavailable.class)
                .hasMessageContaining("circuit is open");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));
        assertThatThrownBy(() -> payments.voidPayment(newOrder()))
                .as("an order unknown here while the provider cannot say whether it holds one: retry, not 'nothing'")
                .isInstanceOf(ProviderUnavailable.class);

        PspSim.resetFaults();
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(ProviderUnavailable.class)
                .until(() -> payments.authorize(authorize(later, "tok_ok")).status() == PaymentStatus.AUTHORIZED);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void readsAPaymentHoldingOneConnectionAtATime() {
        OrderId order = newOrder();
        payments.authorize(authorize(order, "tok_ok"));
        payments.capture(order);
        UUID refund = UUID.randomUUID();
        payments.refund(new Payments.Refund(order, refund, 500L));

        PaymentRepository repository = new PaymentRepository(JdbcClient.create(OneConnectionAtATime.over(dataSource)));

        assertThat(repository.find(order)).hasValueSatisfying(p -> {
            assertThat(p.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
            assertThat(p.refunds()).containsEntry(refund, 500L);
        });
    }

    private static <T> Set<T> concurrently(int n, Callable<T> call) throws Exception {
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = IntStream.range(0, n).mapToObj(i -> pool.submit(call)).toList();
            return futures.stream()
                    .map(f -> {
                        try {
                            return f.get();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .collect(Collectors.toSet());
        }
    }
}
