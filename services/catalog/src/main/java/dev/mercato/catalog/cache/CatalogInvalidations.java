package dev.mercato.catalog.cache;

import dev.mercato.messaging.outbox.Outbox;
import dev.mercato.messaging.outbox.OutgoingMessage;
import dev.mercato.messaging.topology.Exchanges;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Announces, through the outbox (so only committed changes, and in the product's order), that a product or category changed:
 * {@code catalog.product-changed} or {@code catalog.category-changed} on the {@code mercato.catalog.invalidations} fanout, which every catalog instance
 * receives and answers with {@link CatalogCache#invalidate}.
 */
@Component
public class CatalogInvalidations {

    static final String PRODUCT_CHANGED = "catalog.product-changed";
    static final String CATEGORY_CHANGED = "catalog.category-changed";

    private final Outbox outbox;

    CatalogInvalidations(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Call inside the transaction that changed the product. */
    public void productChanged(UUID productId, int version) {
        outbox.append(
                OutgoingMessage.event(PRODUCT_CHANGED, 1, "product", productId, new ProductChanged(productId, version))
                        .to(Exchanges.CATALOG_INVALIDATIONS, ""));
    }

    /** Call inside the transaction that changed the category (a slug change shows in every product in it). */
    public void categoryChanged(UUID categoryId, int version) {
        outbox.append(OutgoingMessage.event(
                        CATEGORY_CHANGED, 1, "category", categoryId, new CategoryChanged(categoryId, version))
                .to(Exchanges.CATALOG_INVALIDATIONS, ""));
    }

    record ProductChanged(UUID productId, int version) {}

    record CategoryChanged(UUID categoryId, int version) {}
}
