package dev.mercato.catalog.messaging;

import dev.mercato.catalog.product.PublishingProperties;
import dev.mercato.messaging.topology.TopologyDoc;
import dev.mercato.messaging.topology.TopologyDocBlock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * docs/messaging.md shows what the catalog declares on RabbitMQ. Regenerate after a change with
 * {@code ./mercato test -pl services/catalog -am -Dtest=CatalogTopologyDocTest -Dmercato.docs.update=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class CatalogTopologyDocTest {

    @Test
    void docsShowTheCatalogTopology() {
        TopologyDocBlock.verify(
                TopologyDocBlock.find("docs/messaging.md"),
                "catalog",
                TopologyDoc.render(CatalogMessaging.topology(
                        envelope -> {}, "catalog.product-history", envelope -> {}, defaults(), envelope -> {})));
    }

    /** The publishing settings a catalog runs with when nothing overrides them. */
    private static PublishingProperties defaults() {
        return new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("catalog.publishing", PublishingProperties.class);
    }
}
