package dev.mercato.ordering.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.mercato.ordering.OrderingIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Ordering's own database gives no connection for a few seconds while a saga is mid-step (its pool drained, as under
 * overload): the saga tries again a moment later and finishes right after, instead of waiting out its 30 s lease.
 */
@TestPropertySource(properties = {"ordering.saga.lease=30s", "spring.datasource.hikari.maximum-pool-size=4"})
class SagaStoreOutageIT extends OrderingIntegrationTest {

    private static final Duration OUTAGE = Duration.ofSeconds(4);

    @Autowired
    HikariDataSource dataSource;

    @Autowired
    MeterRegistry meters;

    @Test
    void aSagaThatFindsNoConnectionTriesAgainSoonInsteadOfWaitingOutItsLease() throws Exception {
        String sku = newSku();
        UUID user = shopper(sku, 1, 5);
        DOWNSTREAM.payment.faults.delay("Authorize", 1_500);

        UUID order = orderId(checkout(user, UUID.randomUUID().toString(), checkoutBody("tok_ok")));
        await().atMost(Duration.ofSeconds(10)).until(() -> DOWNSTREAM.payment.faults.calls("Authorize") == 1);
        List<Connection> drained = new ArrayList<>();
        try {
            while (drained.size() < dataSource.getMaximumPoolSize()) {
                drained.add(dataSource.getConnection());
            }
            Thread.sleep(OUTAGE);
        } finally {
            for (Connection connection : drained) {
                connection.close();
            }
        }
        long restored = System.nanoTime();

        await().atMost(Duration.ofSeconds(10)).until(() -> !status(order).equals("PENDING"));
        assertThat(Duration.ofNanos(System.nanoTime() - restored))
                .as("finished soon after the outage, far inside the 30 s lease")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(awaitFinal(order)).isEqualTo("CONFIRMED");
        assertThat(meters.counter("ordering.saga.store.retries").count()).isPositive();
        assertThat(DOWNSTREAM.payment.effects("capture", order)).isEqualTo(1);
    }
}
