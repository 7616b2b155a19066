package dev.mercato.cart;

import java.util.List;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Queue;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Deletes the queues and exchanges a test context declared under an {@code it.} name when the context closes, so
 * nothing is left on the shared broker.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestBroker {

    @Bean
    DisposableBean deleteTestTopologyOnClose(
            AmqpAdmin admin, ObjectProvider<Declarables> declarables, ObjectProvider<Queue> queues) {
        return () -> {
            queues.orderedStream().map(Queue::getName).filter(TestBroker::ours).forEach(admin::deleteQueue);
            List<Declarables> all = declarables.orderedStream().toList();
            all.stream()
                    .flatMap(d -> d.getDeclarablesByType(Queue.class).stream())
                    .map(Queue::getName)
                    .filter(TestBroker::ours)
                    .forEach(admin::deleteQueue);
            all.stream()
                    .flatMap(d -> d.getDeclarablesByType(Exchange.class).stream())
                    .map(Exchange::getName)
                    .filter(TestBroker::ours)
                    .forEach(admin::deleteExchange);
        };
    }

    private static boolean ours(String name) {
        return name.startsWith("it.");
    }
}
