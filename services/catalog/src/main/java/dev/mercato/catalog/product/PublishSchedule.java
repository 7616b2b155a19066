package dev.mercato.catalog.product;

import dev.mercato.messaging.outbox.Outbox;
import dev.mercato.messaging.outbox.OutgoingMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Puts a "publish due" message for a scheduled product into the right rung of the delay ladder, through the outbox:
 * the message commits with the write that scheduled the product (or with the consumer's inbox record when it moves
 * to the next rung), so a crash right after the commit cannot lose the schedule. It goes through the default
 * exchange straight to the rung's queue, which dead-letters it to the publishing queue when its TTL runs out.
 */
@Component
class PublishSchedule {

    static final String TYPE = "catalog.publish-product";

    /**
     * Not the product events' aggregate: the outbox holds back an aggregate's later messages while an earlier one
     * waits for a retry, and a product event the broker cannot route yet must not delay a publication. The consumer
     * checks every message against the product's state, so these need no order of their own.
     */
    static final String AGGREGATE = "product-publishing";

    private final Outbox outbox;
    private final PublishingProperties properties;
    private final DelayLadder ladder;

    PublishSchedule(Outbox outbox, PublishingProperties properties) {
        this.outbox = outbox;
        this.properties = properties;
        this.ladder = properties.ladder();
    }

    /** The body of catalog.publish-product.v1: which product, and the publishing time it was scheduled for. */
    record PublishDue(UUID productId, Instant publishAt) {}

    /** Schedules a product that a write left unpublished with a future {@code publishAt}. */
    void schedule(Product product) {
        Duration remaining = Duration.between(Instant.now(), product.publishAt());
        send(product.id(), product.publishAt(), ladder.rungFor(remaining.isPositive() ? remaining : ladder.finest()));
    }

    /** Sends the message on to its next rung. */
    void send(UUID productId, Instant publishAt, Duration rung) {
        String queue = DelayLadder.queue(properties.queue(), rung);
        outbox.append(new OutgoingMessage(
                "",
                queue,
                TYPE,
                1,
                AGGREGATE,
                productId.toString(),
                new PublishDue(productId, publishAt),
                null,
                null,
                null,
                Map.of()));
    }
}
