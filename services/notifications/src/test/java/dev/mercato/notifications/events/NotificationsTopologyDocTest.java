package dev.mercato.notifications.events;

import dev.mercato.messaging.topology.TopologyDoc;
import dev.mercato.messaging.topology.TopologyDocBlock;
import org.junit.jupiter.api.Test;

/**
 * docs/messaging.md shows what notifications declares on RabbitMQ (with its 10 attempts: nine delay queues).
 * Regenerate after a change with {@code mvn -pl services/notifications -am test -Dtest=NotificationsTopologyDocTest
 * -Dmercato.docs.update=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class NotificationsTopologyDocTest {

    @Test
    void docsShowTheNotificationsTopology() {
        TopologyDocBlock.verify(
                TopologyDocBlock.find("docs/messaging.md"),
                "notifications",
                TopologyDoc.render(NotificationsMessaging.topology(envelope -> {}, "notifications.events", 10)));
    }
}
