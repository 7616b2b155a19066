package dev.mercato.catalog.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The catalog's Redis cache (docs/adr/009-catalog-cache.md).
 *
 * @param enabled false reads everything from PostgreSQL and leaves Redis alone
 * @param keyPrefix every key starts with it (then the schema version), so instances sharing it share the cache
 * @param detailTtl how long a product's detail stays cached, before jitter
 * @param listingTtl how long a listing page stays cached, before jitter
 * @param jitter each TTL is spread by up to this share either way, so keys filled together do not expire together
 * @param lockTtl how long a loader holds a key's single-flight lock at most (a crashed loader frees it this late)
 * @param lockWait how long a reader waits for another loader's value before loading itself
 * @param pollInterval how often a waiting reader looks for the value
 * @param skipAfterFailure after a Redis failure, how long reads skip Redis and go straight to PostgreSQL
 */
@ConfigurationProperties("catalog.cache")
public record CacheProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("mercato:catalog:") String keyPrefix,
        @DefaultValue("5m") Duration detailTtl,
        @DefaultValue("1m") Duration listingTtl,
        @DefaultValue("0.2") double jitter,
        @DefaultValue("2s") Duration lockTtl,
        @DefaultValue("1s") Duration lockWait,
        @DefaultValue("10ms") Duration pollInterval,
        @DefaultValue("2s") Duration skipAfterFailure) {

    public CacheProperties {
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("catalog.cache.jitter must be in [0, 1), was " + jitter);
        }
    }
}
