package dev.mercato.gateway.ratelimit;

import java.util.Comparator;
import java.util.List;

/** The verdict on one request across all its tiers, and what to tell the client about its limits. */
record Decision(boolean allowed, List<TierState> tiers, Source source) {

    enum Source {
        REDIS,
        LOCAL_FALLBACK
    }

    /** One tier's view after the decision. {@code resetMillis}: until the next request would be allowed if refused, else until fully reset. */
    record TierState(Tier tier, boolean allowed, long remaining, long resetMillis) {}

    /** The tier to report in the {@code X-RateLimit-*} headers: the closest to refusing. */
    TierState tightest() {
        return tiers.stream()
                .min(Comparator.comparingLong(TierState::remaining)
                        .thenComparingInt(t -> t.tier().capacity()))
                .orElseThrow();
    }

    /** How long a refused client must wait: until every refusing tier lets it through. */
    long retryAfterMillis() {
        return tiers.stream()
                .filter(t -> !t.allowed())
                .mapToLong(TierState::resetMillis)
                .max()
                .orElse(0);
    }
}
