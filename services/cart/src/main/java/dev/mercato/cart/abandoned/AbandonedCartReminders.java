package dev.mercato.cart.abandoned;

import dev.mercato.cart.cart.AbandonedCart;
import dev.mercato.cart.cart.CartStore;
import java.time.Clock;
import java.util.List;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The abandoned-cart reminder, one run of the job: queue a reminder for every cart idle long enough (taken out of the
 * idle index in the same atomic step, so one reminder per cart until it changes again), then publish the queued
 * reminders and forget each one once the broker confirmed it. Cart has no database, so its outbox is a Redis stream
 * next to the carts (docs/adr/023): a reminder queued but not confirmed (broker down, a crash) is published by the
 * next run. Reminders left from an earlier run are published first.
 */
@Component
class AbandonedCartReminders {

    private final CartStore carts;
    private final RabbitTemplate rabbit;
    private final JsonMapper json;
    private final AbandonedCartProperties properties;
    private final Clock clock;

    AbandonedCartReminders(
            CartStore carts, RabbitTemplate rabbit, JsonMapper json, AbandonedCartProperties properties) {
        this.carts = carts;
        this.rabbit = rabbit;
        this.json = json;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    /** @return what the run did, for the job's record */
    String run() {
        long queued = 0;
        long step;
        do {
            step = carts.queueAbandoned(properties.after(), properties.batchSize());
            queued += step;
        } while (step == properties.batchSize());
        long published = publishQueued();
        return "queued " + queued + " reminder" + (queued == 1 ? "" : "s") + ", published " + published;
    }

    private long publishQueued() {
        long published = 0;
        List<AbandonedCart> batch;
        do {
            batch = carts.queuedReminders(properties.batchSize());
            for (AbandonedCart reminder : batch) {
                publish(CartAbandoned.of(reminder));
                carts.reminderSent(reminder);
                published++;
            }
        } while (batch.size() == properties.batchSize());
        return published;
    }

    /** Publishes and waits for the broker's confirm; throws when it does not come (the reminder stays queued). */
    private void publish(CartAbandoned event) {
        rabbit.invoke(channel -> {
            channel.send(properties.exchange(), CartAbandoned.TYPE, event.toMessage(json, clock.instant()));
            channel.waitForConfirmsOrDie(properties.confirmTimeout().toMillis());
            return null;
        });
    }
}
