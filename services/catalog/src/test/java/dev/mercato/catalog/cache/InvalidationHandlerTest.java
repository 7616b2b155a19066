package dev.mercato.catalog.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mercato.messaging.consumer.PermanentMessageFailure;
import dev.mercato.messaging.envelope.Envelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class InvalidationHandlerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<Object> evicted = new ArrayList<>();
    private final InvalidationHandler handler = new InvalidationHandler(evicted::add, () -> evicted.add("all"));

    @Test
    void aProductChangeEvictsThatProduct() {
        UUID id = UUID.randomUUID();

        handler.handle(message(CatalogInvalidations.PRODUCT_CHANGED, "{\"productId\":\"" + id + "\",\"version\":3}"));

        assertThat(evicted).containsExactly(id);
    }

    @Test
    void aCategoryChangeEvictsEverything() {
        handler.handle(
                message(CatalogInvalidations.CATEGORY_CHANGED, "{\"categoryId\":\"" + UUID.randomUUID() + "\"}"));

        assertThat(evicted).containsExactly("all");
    }

    @Test
    void aProductChangeWithoutAReadableIdCannotSucceedOnARetry() {
        assertThatThrownBy(() -> handler.handle(message(CatalogInvalidations.PRODUCT_CHANGED, "{\"version\":3}")))
                .isInstanceOf(PermanentMessageFailure.class)
                .hasMessageContaining("without productId");
        assertThatThrownBy(() ->
                        handler.handle(message(CatalogInvalidations.PRODUCT_CHANGED, "{\"productId\":\"not-a-uuid\"}")))
                .isInstanceOf(PermanentMessageFailure.class)
                .hasMessageContaining("malformed productId");
        assertThat(evicted).isEmpty();
    }

    @Test
    void anEvictionRefusedWhileRedisReconnectsIsTriedAgain() {
        AtomicInteger attempts = new AtomicInteger();
        InvalidationHandler flaky = new InvalidationHandler(id -> {}, () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("reconnecting");
            }
        });

        flaky.handle(message(CatalogInvalidations.CATEGORY_CHANGED, "{}"));

        assertThat(attempts).hasValue(3);
    }

    private static Envelope message(String type, String payload) {
        return new Envelope(UUID.randomUUID(), type, 1, Instant.now(), null, null, null, JSON.readTree(payload));
    }
}
