package dev.mercato.messaging.topology;

import dev.mercato.messaging.consumer.BroadcastSpec;
import dev.mercato.messaging.consumer.BroadcastSubscription;
import dev.mercato.messaging.consumer.ConsumerSpec;
import dev.mercato.messaging.consumer.QueueBinding;
import dev.mercato.messaging.consumer.QueueNames;
import dev.mercato.messaging.consumer.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Base64UrlNamingStrategy;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.HeadersExchange;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * A service's messaging topology, declared in one place: the exchanges it publishes to or consumes from, its
 * consumers (each with work queue, bindings, delay queues and dead-letter queue) and its broadcast subscriptions. The
 * library turns every {@code Topology} bean into Spring AMQP {@link Declarables}, which RabbitAdmin declares on every
 * (re)connection, and starts a listener container per consumer.
 *
 * <pre>{@code
 * @Bean
 * Topology messaging(ProductIndex index, CatalogCache cache) {
 *     return Topology.platform()
 *             .consume(Consumers.on("search.product-events").bind(Exchanges.EVENTS, "product.*").handle(index::apply))
 *             .broadcast(Consumers.broadcast(Exchanges.CATALOG_INVALIDATIONS, cache::invalidate))
 *             .build();
 * }
 * }</pre>
 */
public final class Topology {

    /** Argument marking messages in a work queue that the broker dead-letters itself (rejected, expired). */
    static final String DEAD_LETTER_EXCHANGE_ARG = "x-dead-letter-exchange";

    static final String DEAD_LETTER_ROUTING_KEY_ARG = "x-dead-letter-routing-key";

    private final List<Exchange> exchanges;
    private final List<ConsumerSpec> consumers;
    private final List<BroadcastSubscription> broadcasts;
    private final List<Declarable> extra;

    private Topology(Builder builder) {
        this.exchanges = List.copyOf(builder.exchanges.values());
        this.consumers = List.copyOf(builder.consumers);
        this.broadcasts = builder.broadcasts.stream().map(Topology::subscribe).toList();
        this.extra = List.copyOf(builder.extra);
    }

    /**
     * A client-named exclusive, auto-deleted queue: the name survives a reconnection (a broker-named queue gets a
     * new one, which the container would race to pick up), and the queue goes away with the instance.
     */
    private static BroadcastSubscription subscribe(BroadcastSpec spec) {
        var queue = new AnonymousQueue(new Base64UrlNamingStrategy(spec.exchange() + ".instance."));
        // Spring's default 'client-local' leader locator is refused for classic queues by RabbitMQ 4.
        queue.setLeaderLocator(null);
        return new BroadcastSubscription(spec, queue);
    }

    /** Starts with the platform's exchanges: events (topic), commands (direct), documents (headers), invalidations. */
    public static Builder platform() {
        return builder()
                .exchange(new TopicExchange(Exchanges.EVENTS))
                .exchange(new DirectExchange(Exchanges.COMMANDS))
                .exchange(new HeadersExchange(Exchanges.DOCUMENTS))
                .exchange(new FanoutExchange(Exchanges.CATALOG_INVALIDATIONS));
    }

    /** Starts empty. */
    public static Builder builder() {
        return new Builder();
    }

    public List<ConsumerSpec> consumers() {
        return consumers;
    }

    public List<BroadcastSubscription> broadcasts() {
        return broadcasts;
    }

    /** Everything to declare, with each consumer's retry settings resolved against the defaults. */
    public Declarables declarables(RetryPolicy defaults, String deadLetterExchange) {
        List<Declarable> all = new ArrayList<>(exchanges);
        if (!consumers.isEmpty()) {
            all.add(new DirectExchange(deadLetterExchange));
        }
        for (ConsumerSpec consumer : consumers) {
            all.addAll(consumerDeclarables(consumer, consumer.retryPolicy(defaults), deadLetterExchange));
        }
        for (BroadcastSubscription broadcast : broadcasts) {
            all.add(new FanoutExchange(broadcast.spec().exchange()));
            all.add(broadcast.queue());
            all.add(new Binding(
                    broadcast.queue().getName(),
                    Binding.DestinationType.QUEUE,
                    broadcast.spec().exchange(),
                    "",
                    null));
        }
        all.addAll(extra);
        return new Declarables(all);
    }

    /**
     * The work queue dead-letters to the dead-letter exchange, so what the broker itself rejects also lands in the
     * DLQ; each delay queue holds messages for its TTL and then dead-letters them back to the work queue through the
     * default exchange.
     */
    static List<Declarable> consumerDeclarables(ConsumerSpec consumer, RetryPolicy policy, String deadLetterExchange) {
        String queue = consumer.queue();
        List<Declarable> declarables = new ArrayList<>();
        QueueBuilder work = QueueBuilder.durable(queue)
                .deadLetterExchange(deadLetterExchange)
                .deadLetterRoutingKey(queue);
        if (consumer.singleActiveConsumer()) {
            work.singleActiveConsumer();
        }
        declarables.add(work.build());
        for (QueueBinding binding : consumer.bindings()) {
            Map<String, Object> arguments = null;
            if (binding.byHeaders()) {
                arguments = new HashMap<>(binding.headers());
                arguments.put("x-match", "all");
            }
            declarables.add(new Binding(
                    queue, Binding.DestinationType.QUEUE, binding.exchange(), binding.routingKey(), arguments));
        }
        for (Duration delay : policy.distinctDelays()) {
            declarables.add(QueueBuilder.durable(QueueNames.retry(queue, delay))
                    .ttl((int) delay.toMillis())
                    .deadLetterExchange("")
                    .deadLetterRoutingKey(queue)
                    .build());
        }
        String deadLetters = QueueNames.deadLetter(queue);
        declarables.add(QueueBuilder.durable(deadLetters).build());
        declarables.add(new Binding(deadLetters, Binding.DestinationType.QUEUE, deadLetterExchange, queue, null));
        return declarables;
    }

    public static final class Builder {

        private final Map<String, Exchange> exchanges = new LinkedHashMap<>();
        private final List<ConsumerSpec> consumers = new ArrayList<>();
        private final List<BroadcastSpec> broadcasts = new ArrayList<>();
        private final List<Declarable> extra = new ArrayList<>();

        private Builder() {}

        public Builder exchange(Exchange exchange) {
            exchanges.put(exchange.getName(), exchange);
            return this;
        }

        public Builder topic(String name) {
            return exchange(new TopicExchange(name));
        }

        public Builder direct(String name) {
            return exchange(new DirectExchange(name));
        }

        public Builder fanout(String name) {
            return exchange(new FanoutExchange(name));
        }

        public Builder headers(String name) {
            return exchange(new HeadersExchange(name));
        }

        public Builder consume(ConsumerSpec consumer) {
            if (consumers.stream().anyMatch(existing -> existing.queue().equals(consumer.queue()))) {
                throw new IllegalArgumentException("Two consumers of queue " + consumer.queue());
            }
            consumers.add(consumer);
            return this;
        }

        public Builder broadcast(BroadcastSpec broadcast) {
            broadcasts.add(broadcast);
            return this;
        }

        /** Anything else to declare (a queue another service consumes, a special binding). */
        public Builder declare(Declarable... declarables) {
            extra.addAll(List.of(declarables));
            return this;
        }

        public Topology build() {
            return new Topology(this);
        }
    }
}
