package dev.mercato.cart.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.cart.CartIntegrationTest;
import dev.mercato.cart.cart.CartStore;
import dev.mercato.cart.cart.StoredCart;
import dev.mercato.cart.cart.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

/** order.created as ordering publishes it, on this context's own exchange and queue on the shared broker. */
class OrderCreatedIT extends CartIntegrationTest {

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    CheckoutProperties properties;

    @Autowired
    CartStore carts;

    @Test
    void emptiesTheCartThatWasCheckedOut() {
        var shopper = shopper();
        add(shopper, CATALOG.add("ORDER-1", "Mug", 100), 2);
        long version = cartOf(shopper.id()).version();

        publish(orderCreated(shopper.id(), version));

        await().atMost(Duration.ofSeconds(10)).until(() -> cartOf(shopper.id()).isEmpty());
        assertThat(cartOf(shopper.id()).version()).isEqualTo(version + 1);
    }

    @Test
    void keepsItemsAddedAfterCheckout() {
        var shopper = shopper();
        UUID mug = CATALOG.add("ORDER-2", "Mug", 100);
        add(shopper, mug, 1);
        long checkedOut = cartOf(shopper.id()).version();
        add(shopper, CATALOG.add("ORDER-2-LATER", "Lamp", 100), 1);
        var marker = markerCart();

        publish(orderCreated(shopper.id(), checkedOut));
        publish(orderCreated(marker.id(), marker.version()));

        awaitEmptied(marker.id());
        assertThat(cartOf(shopper.id()).quantities()).hasSize(2);
    }

    @Test
    void aRedeliveredOrderCreatedChangesNothing() {
        var shopper = shopper();
        add(shopper, CATALOG.add("ORDER-3", "Mug", 100), 1);
        String event = orderCreated(shopper.id(), cartOf(shopper.id()).version());
        publish(event);
        awaitEmptied(shopper.id());
        UUID again = CATALOG.add("ORDER-3-AGAIN", "Mug", 100);
        add(shopper, again, 1);
        var marker = markerCart();

        publish(event);
        publish(orderCreated(marker.id(), marker.version()));

        awaitEmptied(marker.id());
        assertThat(cartOf(shopper.id()).quantities()).containsOnlyKeys(again);
    }

    @Test
    void parksAnUnreadableMessageInTheDeadLetterQueue() {
        String dlq = properties.queue() + ".dlq";
        long parked = depth(dlq);

        publish("{\"orderId\": \"" + UUID.randomUUID() + "\", \"cartVersion\": 3}");

        await().atMost(Duration.ofSeconds(10)).until(() -> depth(dlq) == parked + 1);
    }

    private record Marker(UUID id, long version) {}

    /** A cart whose emptying shows that everything published before it was handled (one consumer, in order). */
    private Marker markerCart() {
        var marker = shopper();
        add(marker, CATALOG.add("MARKER-" + UUID.randomUUID(), "Marker", 1), 1);
        return new Marker(marker.id(), cartOf(marker.id()).version());
    }

    private void awaitEmptied(UUID user) {
        await().atMost(Duration.ofSeconds(10)).until(() -> cartOf(user).isEmpty());
    }

    private StoredCart cartOf(UUID user) {
        return carts.read(new UserId(user));
    }

    private long depth(String queue) {
        var info = admin.getQueueInfo(queue);
        return info == null ? -1 : info.getMessageCount();
    }

    private static String orderCreated(UUID user, long cartVersion) {
        return """
                {"orderId": "%s", "userId": "%s", "cartVersion": %d,
                 "lines": [{"productId": "%s", "sku": "X", "name": "X", "quantity": 1,
                            "unitPrice": {"amount": "1.00", "currency": "EUR"},
                            "lineTotal": {"amount": "1.00", "currency": "EUR"}}],
                 "total": {"amount": "1.00", "currency": "EUR"}, "createdAt": "2026-01-01T00:00:00Z"}
                """.formatted(UUID.randomUUID(), user, cartVersion, UUID.randomUUID());
    }

    private void publish(String body) {
        Message message = MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setType("order.created.v1")
                .setMessageId(UUID.randomUUID().toString())
                .build();
        rabbit.send(properties.exchange(), CheckoutMessaging.ORDER_CREATED, message);
    }
}
