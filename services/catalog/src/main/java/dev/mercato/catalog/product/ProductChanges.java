package dev.mercato.catalog.product;

/**
 * Told about every product write, inside the write's transaction: an implementation that records the change in the
 * same transaction (an outbox) publishes exactly the changes that were committed.
 */
public interface ProductChanges {

    void created(Product product);

    void updated(Product product);

    /** A scheduled product became visible: its {@code publishAt} came. */
    void published(Product product);

    /** @param product the product as it was when it was deleted */
    void deleted(Product product);
}
