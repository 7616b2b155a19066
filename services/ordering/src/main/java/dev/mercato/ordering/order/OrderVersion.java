package dev.mercato.ordering.order;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/** What ever changes of an order after checkout (lines, total and address are fixed then), and so its {@code ETag}. */
record OrderVersion(String status, String stage, @Nullable String cancellationReason, Instant updatedAt) {

    static OrderVersion of(OrderView view) {
        return new OrderVersion(view.status(), view.stage(), view.cancellationReason(), view.updatedAt());
    }

    String etag() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, updatedAt);
        return "\"" + micros + "-" + status + "-" + stage + "-" + (cancellationReason == null ? "" : cancellationReason)
                + "\"";
    }
}
