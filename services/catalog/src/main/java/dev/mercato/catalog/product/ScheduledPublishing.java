package dev.mercato.catalog.product;

import dev.mercato.messaging.consumer.PermanentMessageFailure;
import dev.mercato.messaging.envelope.Envelope;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The consumer of the publishing queue: a "publish due" message that comes out of the delay ladder either publishes
 * its product (and announces it with {@code product.published}), moves on to the next rung when it is not due yet, or
 * is dropped when the product was deleted, published or rescheduled meanwhile. The library runs it in one transaction
 * with the inbox record, so a redelivered message has no second effect; the publishing update itself also only
 * matches an unpublished product with the message's time, so two messages for the same time publish once.
 */
@Component
public class ScheduledPublishing {

    private static final Logger log = LoggerFactory.getLogger(ScheduledPublishing.class);

    private final ProductAdminRepository products;
    private final ProductChanges changes;
    private final PublishSchedule schedule;
    private final DelayLadder ladder;

    ScheduledPublishing(
            ProductAdminRepository products,
            ProductChanges changes,
            PublishSchedule schedule,
            PublishingProperties properties) {
        this.products = products;
        this.changes = changes;
        this.schedule = schedule;
        this.ladder = properties.ladder();
    }

    public void handle(Envelope message) {
        PublishSchedule.PublishDue due = parse(message);
        PublishStep step = PublishStep.of(products.schedule(due.productId()), due.publishAt(), Instant.now(), ladder);
        switch (step) {
            case PublishStep.Stale stale ->
                log.debug("Not publishing product {} for {}: {}", due.productId(), due.publishAt(), stale.reason());
            case PublishStep.Wait wait -> schedule.send(due.productId(), due.publishAt(), wait.rung());
            case PublishStep.Publish publish ->
                products.publish(due.productId(), due.publishAt()).ifPresent(changes::published);
        }
    }

    private static PublishSchedule.PublishDue parse(Envelope message) {
        JsonNode payload = message.payload();
        if (!payload.hasNonNull("productId") || !payload.hasNonNull("publishAt")) {
            throw new PermanentMessageFailure(message.type() + " without productId or publishAt");
        }
        try {
            return new PublishSchedule.PublishDue(
                    UUID.fromString(payload.get("productId").asString()),
                    Instant.parse(payload.get("publishAt").asString()));
        } catch (IllegalArgumentException | DateTimeParseException malformed) {
            throw new PermanentMessageFailure(message.type() + " with a malformed productId or publishAt", malformed);
        }
    }
}
