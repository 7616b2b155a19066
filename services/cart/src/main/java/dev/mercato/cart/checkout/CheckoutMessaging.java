package dev.mercato.cart.checkout;

import java.util.Map;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Cart's queue for {@code order.created}, declared with Spring AMQP directly: libs/messaging's consumers keep their
 * inbox in PostgreSQL, and cart has no database. None is needed: emptying a cart "if still at version N" is
 * idempotent by itself ({@link OrderCreatedListener}). Exchanges are declared exactly as libs/messaging declares them.
 */
@Configuration(proxyBeanMethods = false)
class CheckoutMessaging {

    static final String ORDER_CREATED = "order.created";

    /** The work queue; {@link OrderCreatedListener} listens to this bean's name. */
    @Bean
    Queue orderCreatedQueue(CheckoutProperties properties) {
        return new Queue(
                properties.queue(),
                true,
                false,
                false,
                Map.of(
                        "x-dead-letter-exchange",
                        properties.deadLetterExchange(),
                        "x-dead-letter-routing-key",
                        deadLetters(properties)));
    }

    @Bean
    Declarables orderCreatedTopology(CheckoutProperties properties, Queue orderCreatedQueue) {
        String deadLetters = deadLetters(properties);
        TopicExchange events = new TopicExchange(properties.exchange());
        DirectExchange dlx = new DirectExchange(properties.deadLetterExchange());
        Queue dlq = new Queue(deadLetters, true);
        Binding work = BindingBuilder.bind(orderCreatedQueue).to(events).with(ORDER_CREATED);
        Binding parked = BindingBuilder.bind(dlq).to(dlx).with(deadLetters);
        return new Declarables(events, dlx, dlq, work, parked);
    }

    private static String deadLetters(CheckoutProperties properties) {
        return properties.queue() + ".dlq";
    }
}
