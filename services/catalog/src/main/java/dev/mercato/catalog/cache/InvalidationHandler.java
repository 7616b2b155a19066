package dev.mercato.catalog.cache;

import dev.mercato.messaging.consumer.PermanentMessageFailure;
import dev.mercato.messaging.envelope.Envelope;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Reads the {@code mercato.catalog.invalidations} broadcasts that {@link CatalogInvalidations} sends:
 * {@code catalog.category-changed} evicts everything, {@code catalog.product-changed} ({@code {"productId": ...}})
 * one product, and one without a readable product id is a {@link PermanentMessageFailure}. A broadcast is not
 * redelivered, so an eviction is tried again for about 3 s while Redis refuses commands (Lettuce reconnecting).
 */
final class InvalidationHandler {

    private static final int ATTEMPTS = 8;

    private final Consumer<UUID> evictProduct;
    private final Runnable evictAll;

    InvalidationHandler(Consumer<UUID> evictProduct, Runnable evictAll) {
        this.evictProduct = evictProduct;
        this.evictAll = evictAll;
    }

    void handle(Envelope message) {
        if (CatalogInvalidations.CATEGORY_CHANGED.equals(message.type())) {
            retried(evictAll);
            return;
        }
        var productId = message.payload().get("productId");
        if (productId == null || productId.isNull()) {
            throw new PermanentMessageFailure(message.type() + " without productId");
        }
        UUID id;
        try {
            id = UUID.fromString(productId.asString());
        } catch (IllegalArgumentException malformed) {
            throw new PermanentMessageFailure(message.type() + " with a malformed productId", malformed);
        }
        retried(() -> evictProduct.accept(id));
    }

    private static void retried(Runnable eviction) {
        for (int attempt = 1; ; attempt++) {
            try {
                eviction.run();
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                sleep(Duration.ofMillis(100L * attempt));
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted retrying a cache eviction", e);
        }
    }
}
