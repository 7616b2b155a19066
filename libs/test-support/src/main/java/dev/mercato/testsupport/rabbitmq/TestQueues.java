package dev.mercato.testsupport.rabbitmq;

import java.util.List;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Deletes the queues a test context declared under an {@code it.} name (its consumers' work, delay and dead-letter
 * queues) when the context closes, after its listeners stopped, so nothing keeps collecting messages on the shared
 * broker between runs.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestQueues {

    @Bean
    DisposableBean deleteTestQueuesOnClose(AmqpAdmin admin, ObjectProvider<Declarables> declarables) {
        return () -> {
            List<String> queues = declarables
                    .orderedStream()
                    .flatMap(d -> d.getDeclarablesByType(Queue.class).stream())
                    .map(Queue::getName)
                    .filter(name -> name.startsWith("it."))
                    .toList();
            queues.forEach(admin::deleteQueue);
        };
    }
}
