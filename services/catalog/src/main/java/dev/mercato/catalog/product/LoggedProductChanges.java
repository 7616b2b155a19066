package dev.mercato.catalog.product;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Until product events are published (through the outbox), changes are only logged. Replace this bean to publish. */
@Component
class LoggedProductChanges implements ProductChanges {

    private static final Logger log = LoggerFactory.getLogger(LoggedProductChanges.class);

    @Override
    public void created(Product product) {
        log.debug("Product created: {} {} v{}", product.id(), product.sku(), product.version());
    }

    @Override
    public void updated(Product product) {
        log.debug("Product updated: {} {} v{}", product.id(), product.sku(), product.version());
    }

    @Override
    public void deleted(Product product) {
        log.debug("Product deleted: {} {} v{}", product.id(), product.sku(), product.version());
    }
}
