package dev.mercato.catalog.category;

/**
 * Told about every category write, inside the write's transaction: an implementation that records the change in the
 * same transaction (an outbox) publishes exactly the changes that were committed.
 */
public interface CategoryChanges {

    void created(Category category);

    /** Also when only the slug changed, which changes how every product in the category is shown. */
    void updated(Category category);

    /** @param category the category as it was when it was deleted */
    void deleted(Category category);
}
