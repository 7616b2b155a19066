package dev.mercato.catalog.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class CacheKeysTest {

    private final CacheKeys keys = new CacheKeys("mercato:catalog:");

    @Test
    void productKeysCarryTheValueShapesVersionTheIdAndTheLanguage() {
        UUID id = UUID.fromString("7d3c6f9e-4a52-4b0e-9a55-0d6f1c2b8e11");

        assertThat(keys.product(id, "it")).isEqualTo("mercato:catalog:v1:product:" + id + ":it");
        assertThat(keys.allProducts()).isEqualTo("mercato:catalog:v1:product:*");
        assertThat(keys.generation()).isEqualTo("mercato:catalog:v1:generation");
    }

    @Test
    void listingKeysMoveWithTheGenerationAndHashTheQuery() {
        String never = keys.generational(CacheKeys.LISTING, "", "books|page 1");
        String first = keys.generational(CacheKeys.LISTING, "1", "books|page 1");

        assertThat(never).matches("mercato:catalog:v1:listing:0:[0-9a-f]{32}");
        assertThat(first).matches("mercato:catalog:v1:listing:1:[0-9a-f]{32}");
        assertThat(first.substring(first.lastIndexOf(':'))).isEqualTo(never.substring(never.lastIndexOf(':')));
        assertThat(keys.generational(CacheKeys.LISTING, "1", "books|page 2")).isNotEqualTo(first);
    }

    @Test
    void homeQueriesTellACityFromTheCityLessDefaults() {
        assertThat(CacheKeys.homeQuery(null, "en")).isEqualTo("-|en");
        assertThat(CacheKeys.homeQuery("milano", "it")).isEqualTo("6:milano|it");
        assertThat(CacheKeys.homeQuery("-", "en")).isNotEqualTo(CacheKeys.homeQuery(null, "en"));
    }

    @Test
    void aKeysLockIsNamedAfterIt() {
        assertThat(CacheKeys.lock("mercato:catalog:v1:product:x:en")).isEqualTo("mercato:catalog:v1:product:x:en:lock");
    }
}
