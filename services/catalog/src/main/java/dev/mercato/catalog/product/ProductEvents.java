package dev.mercato.catalog.product;

import dev.mercato.catalog.cache.CatalogInvalidations;
import dev.mercato.messaging.outbox.Outbox;
import dev.mercato.messaging.outbox.OutgoingMessage;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code product.created/updated/published/deleted} (schemas in {@code contracts/events/}) through the
 * transactional outbox: each event commits with the write that caused it, and events of one product leave in the order
 * they were written. Each one is followed by a cache invalidation broadcast ({@link CatalogInvalidations}).
 */
@Component
class ProductEvents implements ProductChanges {

    static final String AGGREGATE = "product";

    private final Outbox outbox;
    private final CatalogInvalidations invalidations;

    ProductEvents(Outbox outbox, CatalogInvalidations invalidations) {
        this.outbox = outbox;
        this.invalidations = invalidations;
    }

    @Override
    public void created(Product product) {
        outbox.append(OutgoingMessage.event("product.created", 1, AGGREGATE, product.id(), Snapshot.of(product)));
        invalidations.productChanged(product.id(), product.version());
    }

    @Override
    public void updated(Product product) {
        outbox.append(OutgoingMessage.event("product.updated", 1, AGGREGATE, product.id(), Snapshot.of(product)));
        invalidations.productChanged(product.id(), product.version());
    }

    @Override
    public void published(Product product) {
        outbox.append(OutgoingMessage.event("product.published", 1, AGGREGATE, product.id(), Snapshot.of(product)));
        invalidations.productChanged(product.id(), product.version());
    }

    @Override
    public void deleted(Product product) {
        outbox.append(OutgoingMessage.event(
                "product.deleted",
                1,
                AGGREGATE,
                product.id(),
                new Deleted(product.id(), product.sku(), product.version())));
        invalidations.productChanged(product.id(), product.version());
    }

    /** The body of product.created.v1, product.updated.v1 and product.published.v1. */
    record Snapshot(
            UUID productId,
            String sku,
            String category,
            Map<String, String> name,
            Money price,
            boolean inStock,
            Instant publishAt,
            boolean published,
            int version) {

        static Snapshot of(Product product) {
            return new Snapshot(
                    product.id(),
                    product.sku(),
                    product.category(),
                    product.names(),
                    product.price(),
                    product.inStock(),
                    product.publishAt(),
                    product.published(),
                    product.version());
        }
    }

    /** The body of product.deleted.v1. */
    record Deleted(UUID productId, String sku, int version) {}
}
