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
}
