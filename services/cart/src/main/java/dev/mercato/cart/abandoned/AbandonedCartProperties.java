package dev.mercato.cart.abandoned;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled whether the reminder job is declared at all
 * @param after how long a cart with products must stay unchanged to get its reminder
 * @param interval how often the job looks (on one instance of the cluster)
 * @param batchSize carts taken from the idle index per step, and reminders read from the outbox per step
 * @param exchange the topic exchange {@code cart.abandoned} is published on
 * @param confirmTimeout how long a publish waits for the broker's confirm
 */
@ConfigurationProperties("cart.abandoned")
record AbandonedCartProperties(
        boolean enabled, Duration after, Duration interval, int batchSize, String exchange, Duration confirmTimeout) {}
