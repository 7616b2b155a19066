package dev.mercato.gateway.ratelimit;

import java.time.Duration;
import java.util.List;

/**
 * One limit. A request is checked against every tier that applies to its route, and is refused if any refuses it.
 *
 * @param name names the tier in keys, metrics and logs
 * @param limit requests allowed per period (the refill rate for a token bucket)
 * @param burst a token bucket's capacity; ignored by sliding windows; defaults to {@code limit}
 * @param routes the route ids it applies to; empty or {@code *}: every route (a global tier)
 */
public record Tier(String name, Algorithm algorithm, int limit, Duration period, Integer burst, List<String> routes) {

    public Tier {
        if (limit < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("Rate limit tier " + name + " needs limit >= 1 and a positive period");
        }
        routes = routes == null ? List.of() : List.copyOf(routes);
        burst = burst == null ? limit : burst;
    }

    /** The most requests a caller can make at once: what {@code X-RateLimit-Limit} reports. */
    int capacity() {
        return algorithm == Algorithm.TOKEN_BUCKET ? burst : limit;
    }

    boolean appliesTo(String routeId) {
        return routes.isEmpty() || routes.contains("*") || routes.contains(routeId);
    }

    /** The same tier with its limits scaled, for the local fallback that holds only a share of the global limit. */
    Tier share(double fraction) {
        return new Tier(
                name,
                algorithm,
                Math.max(1, (int) Math.floor(limit * fraction)),
                period,
                Math.max(1, (int) Math.floor(burst * fraction)),
                routes);
    }
}
