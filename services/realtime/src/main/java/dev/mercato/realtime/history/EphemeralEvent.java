package dev.mercato.realtime.history;

import java.util.List;

/**
 * An event delivered live and never stored.
 *
 * @param channels whose connections get it
 * @param event the event name clients see ({@code chat.typing})
 * @param data the event's JSON, as sent
 */
public record EphemeralEvent(List<String> channels, String event, String data) {

    public EphemeralEvent {
        channels = List.copyOf(channels);
    }
}
