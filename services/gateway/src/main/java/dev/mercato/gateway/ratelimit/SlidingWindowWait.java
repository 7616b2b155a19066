package dev.mercato.gateway.ratelimit;

/** How long until a sliding window admits one more request; shared by the local limiter and mirrored in the script. */
final class SlidingWindowWait {

    private SlidingWindowWait() {}

    /**
     * @param elapsed the fraction of the current window already past
     * @return milliseconds until {@code previous * (1 - e) + count + 1 <= limit} holds
     */
    static long millis(int limit, long count, long previous, double elapsed, long period) {
        if (count + 1 <= limit) {
            // in this window, once enough of the previous one has slid out
            double needed = 1 - (double) (limit - 1 - count) / previous;
            return (long) Math.ceil(Math.max(0, needed - elapsed) * period);
        }
        // not before the next window, in which this window's count becomes the previous one
        double needed = 1 - (double) (limit - 1) / count;
        return (long) Math.ceil((1 - elapsed + Math.max(0, needed)) * period);
    }
}
