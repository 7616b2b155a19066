package dev.mercato.messaging.topology;

import dev.mercato.messaging.consumer.Consumers;
import org.junit.jupiter.api.Test;

/**
 * docs/messaging.md shows the topology the code declares. After changing it, regenerate the blocks with
 * {@code mvn -pl libs/messaging -am verify -Dmercato.docs.update=true} (or this test alone with
 * {@code -Dtest=MessagingDocTest -Dsurefire.failIfNoSpecifiedTests=false}).
 */
class MessagingDocTest {

    @Test
    void showsThePlatformExchanges() {
        TopologyDocBlock.verify(
                TopologyDocBlock.find("docs/messaging.md"),
                "platform",
                TopologyDoc.render(Topology.platform().build()));
    }

    /** One consumer and one broadcast subscription with the library's default settings, as the doc explains them. */
    @Test
    void showsAConsumerWithTheDefaultSettings() {
        Topology example = Topology.platform()
                .consume(Consumers.on("search.product-events")
                        .bind(Exchanges.EVENTS, "product.*")
                        .handle(envelope -> {}))
                .broadcast(Consumers.broadcast(Exchanges.CATALOG_INVALIDATIONS, envelope -> {}))
                .build();
        TopologyDocBlock.verify(TopologyDocBlock.find("docs/messaging.md"), "example", TopologyDoc.render(example));
    }
}
