package dev.mercato.catalog.messaging;

import dev.mercato.messaging.topology.TopologyDoc;
import dev.mercato.messaging.topology.TopologyDocBlock;
import org.junit.jupiter.api.Test;

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
                TopologyDoc.render(CatalogMessaging.topology(envelope -> {}, "catalog.product-history")));
    }
}
