package dev.mercato.messaging.consumer;

import dev.mercato.messaging.envelope.AmqpEnvelopes;
import dev.mercato.messaging.topology.Topologies;
import dev.mercato.messaging.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.BeansException;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * One listener container per consumer and per broadcast subscription: manual acknowledgements, bounded prefetch,
 * competing consumers, on virtual threads. The containers reconnect by themselves after a broker restart or a lost
 * connection, and RabbitAdmin declares the topology again on the new connection.
 */
public final class ConsumerContainers implements SmartLifecycle, ApplicationContextAware {

    private final ConnectionFactory connectionFactory;
    private final Topologies topologies;
    private final Function<ConsumerSpec, IdempotentListener> listeners;
    private final AmqpEnvelopes envelopes;
    private final int defaultPrefetch;
    private final int defaultConcurrency;
    private final List<SimpleMessageListenerContainer> containers = new ArrayList<>();
    private ApplicationContext context;
    private volatile boolean running;

    ConsumerContainers(
            ConnectionFactory connectionFactory,
            Topologies topologies,
            Function<ConsumerSpec, IdempotentListener> listeners,
            AmqpEnvelopes envelopes,
            int defaultPrefetch,
            int defaultConcurrency) {
        this.connectionFactory = connectionFactory;
        this.topologies = topologies;
        this.listeners = listeners;
        this.envelopes = envelopes;
        this.defaultPrefetch = defaultPrefetch;
        this.defaultConcurrency = defaultConcurrency;
    }

    @Override
    public void setApplicationContext(ApplicationContext context) throws BeansException {
        this.context = context;
    }

    @Override
    public synchronized void start() {
        for (ConsumerSpec consumer : topologies.consumers()) {
            SimpleMessageListenerContainer container = container(
                    consumer.queue(),
                    consumer.prefetch() != null ? consumer.prefetch() : defaultPrefetch,
                    consumer.concurrency() != null ? consumer.concurrency() : defaultConcurrency);
            container.setQueueNames(consumer.queue());
            container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
            container.setMessageListener(listeners.apply(consumer));
            start(container);
        }
        for (Topology.Broadcast broadcast : topologies.broadcasts()) {
            SimpleMessageListenerContainer container =
                    container(broadcast.spec().exchange(), defaultPrefetch, 1);
            container.setQueues(broadcast.queue());
            container.setAcknowledgeMode(AcknowledgeMode.AUTO);
            container.setDefaultRequeueRejected(false);
            MessageListener listener =
                    new BroadcastListener(broadcast.spec(), broadcast.queue().getName(), envelopes);
            container.setMessageListener(listener);
            start(container);
        }
        running = true;
    }

    private SimpleMessageListenerContainer container(String name, int prefetch, int concurrency) {
        var container = new SimpleMessageListenerContainer(connectionFactory);
        container.setPrefetchCount(prefetch);
        container.setConcurrentConsumers(concurrency);
        // Keep trying while a queue is missing (first start, broker restart) instead of giving up.
        container.setMissingQueuesFatal(false);
        var executor = new SimpleAsyncTaskExecutor("consumer-" + name + "-");
        executor.setVirtualThreads(true);
        container.setTaskExecutor(executor);
        container.setObservationEnabled(true);
        container.setBeanName("mercatoConsumer-" + name);
        return container;
    }

    private void start(SimpleMessageListenerContainer container) {
        if (context != null) {
            container.setApplicationContext(context);
            container.setApplicationEventPublisher(context);
        }
        container.afterPropertiesSet();
        container.start();
        containers.add(container);
    }

    @Override
    public synchronized void stop() {
        for (SimpleMessageListenerContainer container : containers) {
            container.stop();
        }
        for (SimpleMessageListenerContainer container : containers) {
            container.destroy();
        }
        containers.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
