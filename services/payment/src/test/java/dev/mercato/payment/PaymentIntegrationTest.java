package dev.mercato.payment;

import dev.mercato.payment.domain.Money;
import dev.mercato.payment.domain.OrderId;
import dev.mercato.payment.payment.Payments;
import dev.mercato.testsupport.jwt.TestIdentity;
import dev.mercato.testsupport.postgres.IsolatedDatabase;
import dev.mercato.testsupport.process.ServiceProcess;
import dev.mercato.testsupport.rabbitmq.TestQueues;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The payment service on a fixed port (psp-sim's webhook target) against a fresh database and the real psp-sim;
 * quick resilience settings so tests see retries and the breaker within seconds. Events go to the outbox (and the
 * shared RabbitMQ); tests read the outbox rows. Order outcomes are consumed from a queue of this test JVM's own on the
 * shared broker, deleted when the context closes.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "eureka.client.enabled=false",
            "MERCATO_LOG_FORMAT=text",
            "payment.reconciliation.enabled=false",
            "payment.provider.timeout=2s",
            "payment.provider.retry.max-attempts=3",
            "payment.provider.retry.initial-backoff=50ms",
            "payment.provider.retry.max-backoff=200ms",
            "payment.provider.circuit-breaker.sliding-window-size=6",
            "payment.provider.circuit-breaker.minimum-number-of-calls=6",
            "payment.provider.circuit-breaker.wait-in-open-state=2s",
            "payment.provider.circuit-breaker.permitted-calls-in-half-open-state=1",
            "payment.reconciliation.unmatched-grace=0s"
        })
@IsolatedDatabase
@Import(TestQueues.class)
public abstract class PaymentIntegrationTest {

    protected static final TestIdentity IDENTITY = TestIdentity.start();
    protected static final int GRPC_PORT = ServiceProcess.freePort();
    protected static final String ORDER_OUTCOMES_QUEUE = "it.payment.order-outcomes." + UUID.randomUUID();

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PspSim.APP_PORT);
        registry.add("spring.grpc.server.port", () -> GRPC_PORT);
        registry.add("payment.provider.base-url", PspSim::url);
        registry.add("payment.webhooks.secret", () -> PspSim.SECRET);
        registry.add("spring.cloud.discovery.client.simple.instances.identity[0].uri", IDENTITY::url);
        registry.add("payment.order-outcomes.queue", () -> ORDER_OUTCOMES_QUEUE);
    }

    @Autowired
    protected Payments payments;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected CircuitBreaker breaker;

    @BeforeEach
    @AfterEach
    void healthyProvider() {
        PspSim.resetFaults();
        PspSim.WEBHOOK_PATH.restore();
        breaker.reset();
    }

    protected static OrderId newOrder() {
        return new OrderId(UUID.randomUUID());
    }

    protected static Payments.Authorize authorize(OrderId order, String token) {
        return new Payments.Authorize(order, Money.of(2599, "EUR"), token);
    }

    /** The event types in the outbox for this order, in the order they were appended. */
    protected List<String> events(OrderId order) {
        return jdbc.sql("select type from messaging.outbox_message where aggregate_id = ? order by seq")
                .param(order.value().toString())
                .query(String.class)
                .list();
    }
}
