package dev.mercato.realtime.history;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What one incoming message adds to the history, applied at most once per message id.
 *
 * @param messageId the incoming message's id; a second append with it changes nothing
 * @param state the aggregate whose remembered state orders its events ({@code order:<id>}), or null
 * @param version the aggregate's version this message carries: a message not newer than the remembered version
 *     appends nothing (a redelivered older event never overtakes a newer one)
 */
public record Appendable(UUID messageId, @Nullable String state, long version, List<Publication> publications) {

    public Appendable {
        publications = List.copyOf(publications);
    }
}
