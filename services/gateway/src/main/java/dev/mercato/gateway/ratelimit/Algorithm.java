package dev.mercato.gateway.ratelimit;

/** How a tier counts. Both need one Redis round trip per decision and keep one small hash per key. */
public enum Algorithm {
    /**
     * Refills {@code limit} tokens per {@code period} up to {@code burst}; each request takes one. Lets a quiet client
     * burst, then holds it to the average rate.
     */
    TOKEN_BUCKET(1),
    /**
     * At most {@code limit} requests in any {@code period}, estimated from the current and previous fixed windows
     * (the previous one weighted by how much of it still overlaps). No burst at window edges, constant memory.
     */
    SLIDING_WINDOW(2);

    final int code;

    Algorithm(int code) {
        this.code = code;
    }
}
