package dev.mercato.messaging.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QueueNamesTest {

    @Test
    void delayQueueNamesSayTheirDelay() {
        assertThat(QueueNames.retry("q", Duration.ofMillis(250))).isEqualTo("q.retry.250ms");
        assertThat(QueueNames.retry("q", Duration.ofSeconds(30))).isEqualTo("q.retry.30s");
        assertThat(QueueNames.retry("q", Duration.ofMinutes(5))).isEqualTo("q.retry.5m");
        assertThat(QueueNames.retry("q", Duration.ofHours(2))).isEqualTo("q.retry.2h");
        assertThat(QueueNames.retry("q", Duration.ofMillis(1500))).isEqualTo("q.retry.1500ms");
    }

    @Test
    void aDeadLetterQueueIsNamedAfterItsWorkQueue() {
        assertThat(QueueNames.deadLetter("orders")).isEqualTo("orders.dlq");
    }
}
