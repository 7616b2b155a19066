package dev.mercato.payment.messaging;

import dev.mercato.messaging.topology.TopologyDoc;
import dev.mercato.messaging.topology.TopologyDocBlock;
import org.junit.jupiter.api.Test;

/**
 * The payment README shows what the service declares on RabbitMQ. Regenerate after a change with
 * {@code mvn -pl services/payment test -Dtest=PaymentTopologyDocTest -Dmercato.docs.update=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class PaymentTopologyDocTest {

    @Test
    void readmeShowsThePaymentTopology() {
        TopologyDocBlock.verify(
                TopologyDocBlock.find("services/payment/README.md"),
                "payment",
                TopologyDoc.render(PaymentMessaging.topology(envelope -> {}, "payment.order-outcomes")));
    }
}
