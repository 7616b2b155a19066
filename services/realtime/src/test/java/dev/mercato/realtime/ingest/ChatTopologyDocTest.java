package dev.mercato.realtime.ingest;

import dev.mercato.messaging.topology.Exchanges;
import dev.mercato.messaging.topology.TopologyDoc;
import dev.mercato.messaging.topology.TopologyDocBlock;
import org.junit.jupiter.api.Test;

/**
 * docs/messaging.md shows the queue realtime consumes chat's events from. Regenerate after a change with
 * {@code ./mercato test -pl services/realtime -am -Dtest=ChatTopologyDocTest -Dmercato.docs.update=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ChatTopologyDocTest {

    @Test
    void docsShowTheChatIngestTopology() {
        TopologyDocBlock.verify(
                TopologyDocBlock.find("docs/messaging.md"),
                "realtime-chat",
                TopologyDoc.render(ChatIngestMessaging.topology(Exchanges.EVENTS, "realtime.chat", envelope -> {})));
    }
}
