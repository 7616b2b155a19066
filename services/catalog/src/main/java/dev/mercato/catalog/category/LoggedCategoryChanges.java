package dev.mercato.catalog.category;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Until category events are published (through the outbox), changes are only logged. Replace this bean to publish. */
@Component
class LoggedCategoryChanges implements CategoryChanges {

    private static final Logger log = LoggerFactory.getLogger(LoggedCategoryChanges.class);

    @Override
    public void created(Category category) {
        log.debug("Category created: {} {} v{}", category.id(), category.slug(), category.version());
    }

    @Override
    public void updated(Category category) {
        log.debug("Category updated: {} {} v{}", category.id(), category.slug(), category.version());
    }

    @Override
    public void deleted(Category category) {
        log.debug("Category deleted: {} {} v{}", category.id(), category.slug(), category.version());
    }
}
