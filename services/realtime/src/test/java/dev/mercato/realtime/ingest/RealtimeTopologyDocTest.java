package dev.mercato.realtime.ingest;

import dev.mercato.messaging.topology.Exchanges;
import dev.mercato.messaging.topology.TopologyDoc;
import dev.mercato.messaging.topology.TopologyDocBlock;
import org.junit.jupiter.api.Test;

/**
 * docs/messaging.md shows what realtime declares on RabbitMQ. Regenerate after a change with
 * {@code ./mercato test -pl services/realtime -am -Dtest=RealtimeTopologyDocTest -Dmercato.docs.update=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class RealtimeTopologyDocTest {

    @Test
    void docsShowTheRealtimeTopology() {
        TopologyDocBlock.verify(
                TopologyDocBlock.find("docs/messaging.md"),
                "realtime",
                TopologyDoc.render(IngestMessaging.topology(Exchanges.EVENTS, "realtime.ingest", envelope -> {})));
    }
}
