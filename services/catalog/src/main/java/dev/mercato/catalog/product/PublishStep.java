package dev.mercato.catalog.product;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What a "publish due" message leads to, given the product as it is now: the whole decision, without I/O. */
sealed interface PublishStep {

    /** The product is gone, already published, or rescheduled: a newer message (if any) carries its schedule. */
    record Stale(String reason) implements PublishStep {}

    /** Not due yet: wait in this rung of the ladder and ask again. */
    record Wait(Duration rung) implements PublishStep {}

    /** Due: publish it now. */
    record Publish() implements PublishStep {}

    /** A product's publishing state as stored. */
    record Schedule(boolean published, Instant publishAt) {}

    /**
     * @param current the product's state, empty when it was deleted
     * @param scheduledFor the publishing time the message was sent for
     */
    static PublishStep of(Optional<Schedule> current, Instant scheduledFor, Instant now, DelayLadder ladder) {
        if (current.isEmpty()) {
            return new Stale("deleted");
        }
        Schedule schedule = current.get();
        if (schedule.published()) {
            return new Stale("already published");
        }
        if (!scheduledFor.equals(schedule.publishAt())) {
            return new Stale("rescheduled to " + schedule.publishAt());
        }
        Duration remaining = Duration.between(now, scheduledFor);
        if (remaining.isNegative() || remaining.isZero()) {
            return new Publish();
        }
        return new Wait(ladder.rungFor(remaining));
    }
}
