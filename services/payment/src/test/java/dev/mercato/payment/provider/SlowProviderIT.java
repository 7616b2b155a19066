package dev.mercato.payment.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.payment.PaymentIntegrationTest;
import dev.mercato.payment.domain.OrderId;
import dev.mercato.payment.domain.PaymentProvider;
import dev.mercato.payment.domain.PaymentProvider.ProviderUnavailable;
import dev.mercato.payment.domain.PaymentStatus;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * tok_slow answers after 5 s, beyond the 2 s deadline: the caller gets a bounded failure, and since every attempt
 * carried the same key the provider holds exactly one payment, which the webhook then brings to us.
 */
class SlowProviderIT extends PaymentIntegrationTest {

    @Autowired
    PaymentProvider provider;

    @Test
    void aSlowProviderCostsABoundedWaitAndStillOnePayment() {
        OrderId order = newOrder();
        long started = System.nanoTime();

        assertThatThrownBy(() -> payments.authorize(authorize(order, "tok_slow")))
                .isInstanceOf(ProviderUnavailable.class);

        // 3 attempts of at most 2 s plus backoff of at most 200 ms each
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        assertThat(payments.get(order)).isEmpty();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> jdbc.sql("select count(*) from webhook_event where outcome = 'UNMATCHED'"
                                        + " and payload -> 'data' -> 'payment' ->> 'merchantReference' = ?")
                                .param(order.merchantReference())
                                .query(Long.class)
                                .single()
                        >= 1);
        assertThat(provider.findByMerchantReference(order.merchantReference()))
                .singleElement()
                .satisfies(p -> assertThat(p.status()).isEqualTo(PaymentStatus.AUTHORIZED));
    }
}
