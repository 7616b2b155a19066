package dev.mercato.cart.checkout;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param exchange the topic exchange ordering publishes {@code order.created} on
 * @param queue cart's own durable queue for {@code order.created}; {@code <queue>.dlq} keeps unreadable messages
 * @param deadLetterExchange the direct exchange in front of every DLQ
 * @param retryDelay how long a delivery that failed on Redis waits before it is put back on the queue
 */
@ConfigurationProperties("cart.checkout")
record CheckoutProperties(String exchange, String queue, String deadLetterExchange, Duration retryDelay) {}
