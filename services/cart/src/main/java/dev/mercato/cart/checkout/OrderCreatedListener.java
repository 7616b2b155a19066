package dev.mercato.cart.checkout;

import com.rabbitmq.client.Channel;
import dev.mercato.cart.cart.CartStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Empties a user's cart after checkout, unless it changed since ordering read it: the cart is emptied only while its
 * version is at most the event's {@code cartVersion}, atomically in Redis, so items added after checkout stay.
 *
 * <p>No inbox is needed: emptying increments the version past {@code cartVersion}, so a redelivered (or replayed)
 * {@code order.created} finds a newer version and changes nothing. Manual acks: a delivery is acked after Redis
 * answered; while Redis is down it waits {@code retryDelay} and goes back to the queue; an unreadable one goes to the
 * DLQ at once.
 */
@Component
class OrderCreatedListener {

    private static final Logger log = LoggerFactory.getLogger(OrderCreatedListener.class);

    private final CartStore carts;
    private final JsonMapper json;
    private final CheckoutProperties properties;
    private final MeterRegistry meters;

    OrderCreatedListener(CartStore carts, JsonMapper json, CheckoutProperties properties, MeterRegistry meters) {
        this.carts = carts;
        this.json = json;
        this.properties = properties;
        this.meters = meters;
    }

    @RabbitListener(queues = "#{@orderCreatedQueue.name}", ackMode = "MANUAL")
    void onOrderCreated(Message message, Channel channel) throws IOException, InterruptedException {
        long tag = message.getMessageProperties().getDeliveryTag();
        OrderCreated event;
        try {
            event = OrderCreated.from(json.readTree(message.getBody()));
        } catch (JacksonException | IllegalArgumentException unreadable) {
            log.error(
                    "Unreadable order.created {} parked: {}",
                    message.getMessageProperties().getMessageId(),
                    unreadable.getMessage());
            count("unreadable");
            channel.basicReject(tag, false);
            return;
        }
        try {
            boolean emptied = carts.clearIfUnchangedSince(event.userId(), event.cartVersion());
            log.info(
                    "order.created {}: cart of {} {}",
                    event.orderId(),
                    event.userId(),
                    emptied ? "emptied" : "left as it is (changed since checkout, or empty)");
            count(emptied ? "emptied" : "unchanged");
            channel.basicAck(tag, false);
        } catch (RuntimeException failed) {
            log.warn("order.created {} not applied, retrying: {}", event.orderId(), failed.getMessage());
            Thread.sleep(properties.retryDelay());
            count("retried");
            channel.basicNack(tag, false, true);
        }
    }

    private void count(String outcome) {
        meters.counter("cart.checkout.emptying", "outcome", outcome).increment();
    }
}
