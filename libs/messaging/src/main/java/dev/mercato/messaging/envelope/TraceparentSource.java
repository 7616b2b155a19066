package dev.mercato.messaging.envelope;

import org.jspecify.annotations.Nullable;

/** The W3C {@code traceparent} of the span current on this thread, if the service traces. */
@FunctionalInterface
public interface TraceparentSource {

    TraceparentSource NONE = () -> null;

    @Nullable
    String current();
}
