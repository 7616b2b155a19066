package dev.mercato.realtime.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.messaging.consumer.QueueNames;
import dev.mercato.realtime.RealtimeIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

class RetiredQueueIT extends RealtimeIntegrationTest {

    @Autowired
    AmqpAdmin admin;

    @Autowired
    RabbitTemplate broker;

    @Test
    void theOldQueueAndItsEmptyRetryQueueGoWhileItsDeadLettersStay() {
        String old = "it.realtime.retired." + UUID.randomUUID();
        String retry = QueueNames.retry(old, Duration.ofSeconds(1));
        String deadLetters = QueueNames.deadLetter(old);
        for (String queue : List.of(old, retry, deadLetters)) {
            admin.declareQueue(new Queue(queue));
        }
        broker.convertAndSend("", old, "an event nobody reads any more");
        broker.convertAndSend("", deadLetters, "a dead letter someone may want");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> messages(old) == 1 && messages(deadLetters) == 1);

        try {
            new RetiredQueue(admin, old, List.of(Duration.ofSeconds(1))).run(null);

            assertThat(admin.getQueueInfo(old)).as("the retired work queue").isNull();
            assertThat(admin.getQueueInfo(retry)).as("its empty retry queue").isNull();
            assertThat(messages(deadLetters)).as("its dead letter, kept").isEqualTo(1L);
        } finally {
            List.of(old, retry, deadLetters).forEach(admin::deleteQueue);
        }
    }

    private long messages(String queue) {
        QueueInformation information = admin.getQueueInfo(queue);
        return information == null ? -1 : information.getMessageCount();
    }
}
