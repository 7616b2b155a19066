package dev.mercato.catalog.category;

import dev.mercato.catalog.cache.CatalogInvalidations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Until category events are published (through the outbox), changes are only logged; an update or deletion also
 * invalidates the cache (a renamed slug shows in every product of the category). Replace this bean to publish.
 */
@Component
class LoggedCategoryChanges implements CategoryChanges {

    private static final Logger log = LoggerFactory.getLogger(LoggedCategoryChanges.class);

    private final CatalogInvalidations invalidations;

    LoggedCategoryChanges(CatalogInvalidations invalidations) {
        this.invalidations = invalidations;
    }

    @Override
    public void created(Category category) {
        log.debug("Category created: {} {} v{}", category.id(), category.slug(), category.version());
    }

    @Override
    public void updated(Category category) {
        log.debug("Category updated: {} {} v{}", category.id(), category.slug(), category.version());
        invalidations.categoryChanged(category.id(), category.version());
    }

    @Override
    public void deleted(Category category) {
        log.debug("Category deleted: {} {} v{}", category.id(), category.slug(), category.version());
        invalidations.categoryChanged(category.id(), category.version());
    }
}
