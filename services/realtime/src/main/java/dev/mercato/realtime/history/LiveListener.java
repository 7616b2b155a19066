package dev.mercato.realtime.history;

import java.util.List;

/** Receives the global stream's new entries, in id order, on the backplane's thread ({@link BackplaneTail}). */
public interface LiveListener {

    void onEntries(List<HistoryEntry> entries);

    /**
     * Entries after the last one handed over were trimmed before this reader got to them: whoever relied on the live
     * entries has missed some. Called before the entries that follow the gap.
     */
    void onGap();

    /**
     * An event no history keeps (typing, presence: {@link EphemeralEvents}), for the connections of these channels;
     * on the pub/sub listener's thread. It has no id: a client that was not connected never gets it.
     */
    default void onEphemeral(EphemeralEvent event) {}
}
