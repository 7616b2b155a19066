package dev.mercato.messaging.consumer;

import dev.mercato.messaging.envelope.AmqpEnvelopes;
import dev.mercato.messaging.publish.ConfirmedPublisher;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.BeansException;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One listener container per consumer and per broadcast subscription: manual acknowledgements, bounded prefetch,
 * competing consumers, on virtual threads. The containers reconnect by themselves after a broker restart or a lost
 * connection, and RabbitAdmin declares the topology again on the new connection.
 */
public final class ConsumerContainers implements SmartLifecycle, ApplicationContextAware {

    private final ConnectionFactory connectionFactory;
    private final List<ConsumerSpec> consumers;
    private final List<BroadcastSubscription> broadcasts;
    private final Inbox inbox;
    private final PlatformTransactionManager transactions;
    private final AmqpEnvelopes envelopes;
    private final ConfirmedPublisher publisher;
    private final ConsumerMetrics metrics;
    private final ConsumerProperties defaults;
    private final String deadLetterExchange;
    private final List<SimpleMessageListenerContainer> containers = new ArrayList<>();
    private ApplicationContext context;
    private volatile boolean running;

    /**
     * @param consumers the service's consumers; the settings a consumer leaves unset come from {@code defaults}
     * @param broadcasts the service's broadcast subscriptions with their per-instance queues
     * @param deadLetterExchange where consumers park the messages they give up on
     */
    public ConsumerContainers(
            ConnectionFactory connectionFactory,
            List<ConsumerSpec> consumers,
            List<BroadcastSubscription> broadcasts,
            Inbox inbox,
            PlatformTransactionManager transactions,
            AmqpEnvelopes envelopes,
            ConfirmedPublisher publisher,
            ConsumerMetrics metrics,
            ConsumerProperties defaults,
            String deadLetterExchange) {
        this.connectionFactory = connectionFactory;
        this.consumers = List.copyOf(consumers);
        this.broadcasts = List.copyOf(broadcasts);
        this.inbox = inbox;
        this.transactions = transactions;
        this.envelopes = envelopes;
        this.publisher = publisher;
        this.metrics = metrics;
        this.defaults = defaults;
        this.deadLetterExchange = deadLetterExchange;
    }

    @Override
    public void setApplicationContext(ApplicationContext context) throws BeansException {
        this.context = context;
    }

    @Override
    public synchronized void start() {
        for (ConsumerSpec consumer : consumers) {
            SimpleMessageListenerContainer container = container(
                    consumer.queue(),
                    consumer.prefetch() != null ? consumer.prefetch() : defaults.prefetch(),
                    consumer.concurrency() != null ? consumer.concurrency() : defaults.concurrency());
            container.setQueueNames(consumer.queue());
            container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
            container.setMessageListener(listener(consumer));
            start(container);
        }
        for (BroadcastSubscription broadcast : broadcasts) {
            SimpleMessageListenerContainer container =
                    container(broadcast.spec().exchange(), defaults.prefetch(), 1);
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

    private IdempotentListener listener(ConsumerSpec consumer) {
        return new IdempotentListener(
                consumer,
                consumer.retryPolicy(defaults.retryPolicy()),
                inbox,
                new TransactionTemplate(transactions),
                envelopes,
                publisher,
                deadLetterExchange,
                defaults.confirmTimeout(),
                metrics);
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
