package dev.mercato.realtime.history;

import org.jspecify.annotations.Nullable;

/**
 * An event to append to a channel.
 *
 * @param stateField when set, the event is appended only if this field of the aggregate's remembered state is not
 *     already {@code stateValue} (a price that did not change is no price event); the field then becomes it
 */
public record Publication(
        String channel,
        String event,
        String data,
        @Nullable String stateField,
        @Nullable String stateValue) {

    public static Publication always(String channel, String event, String data) {
        return new Publication(channel, event, data, null, null);
    }

    public static Publication whenChanged(String channel, String event, String data, String field, String value) {
        return new Publication(channel, event, data, field, value);
    }
}
