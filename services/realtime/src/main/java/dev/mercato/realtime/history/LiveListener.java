package dev.mercato.realtime.history;

import java.util.List;

/** Receives the global stream's new entries, in id order, on the backplane's thread ({@link BackplaneTail}). */
public interface LiveListener {

    void onEntries(List<HistoryEntry> entries);
}
