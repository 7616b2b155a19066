package dev.mercato.realtime.history;

/**
 * One event as the history keeps it and clients receive it.
 *
 * @param id its id in the global stream, which is also its id in its channel's stream
 * @param channel whose event it is ({@code orders:<userId>}, {@code product:<productId>})
 * @param event the event name clients see ({@code order.status})
 * @param data the event's JSON, as sent
 */
public record HistoryEntry(StreamId id, String channel, String event, String data) {}
