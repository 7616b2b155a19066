package dev.mercato.testsupport.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class PrivateRabbitIT {

    private static final String QUEUE = "orders.durable";
    private static final int SHARED_BROKER = 5672;

    /** One node through every transition, since a boot costs seconds of a shared machine. */
    @Test
    void keepsPersistentMessagesThroughStopAppRestartAndKillAndLeavesNothingBehind() throws Exception {
        boolean sharedBrokerUp = PrivateRabbit.accepts(SHARED_BROKER);
        long t0 = System.nanoTime();
        PrivateRabbit rabbit = PrivateRabbit.start();
        long started = elapsedMs(t0);
        try {
            assertThat(rabbit.port()).isNotEqualTo(SHARED_BROKER);
            assertThat(rabbit.nodeName()).startsWith("mercato-test-").endsWith("@localhost");
            assertThat(rabbit.rabbitmqctl("status")).contains(rabbit.nodeName());
            Connection client = connect(rabbit);

            rabbit.stopApp();
            assertThat(rabbit.isRunning()).isTrue();
            assertThat(PrivateRabbit.accepts(rabbit.port())).isFalse();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !client.isOpen());
            rabbit.startApp();
            publishPersistent(rabbit, "before restart");

            t0 = System.nanoTime();
            rabbit.restart();
            long restarted = elapsedMs(t0);
            assertThat(take(rabbit)).isEqualTo("before restart");
            publishPersistent(rabbit, "before kill");

            t0 = System.nanoTime();
            rabbit.kill();
            long killed = elapsedMs(t0);
            assertThat(rabbit.isRunning()).isFalse();
            assertThat(PrivateRabbit.accepts(rabbit.port())).isFalse();

            t0 = System.nanoTime();
            rabbit.startAgain();
            long startedAfterKill = elapsedMs(t0);
            // a confirmed persistent message is on disk, so even a crash keeps it
            assertThat(take(rabbit)).isEqualTo("before kill");

            System.out.printf(
                    "PrivateRabbit timings: start %d ms, restart %d ms, kill %d ms, start after kill %d ms%n",
                    started, restarted, killed, startedAfterKill);
        } finally {
            rabbit.close();
        }

        assertThat(processesMentioning(rabbit.nodeName())).isEmpty();
        assertThat(Files.exists(rabbit.logFile().getParent())).isFalse();
        if (sharedBrokerUp) {
            assertThat(PrivateRabbit.accepts(SHARED_BROKER))
                    .as("shared broker still up")
                    .isTrue();
        }
    }

    private static void publishPersistent(PrivateRabbit rabbit, String body) throws Exception {
        try (Connection connection = connect(rabbit);
                Channel channel = connection.createChannel()) {
            channel.queueDeclare(QUEUE, true, false, false, null);
            channel.confirmSelect();
            channel.basicPublish(
                    "", QUEUE, MessageProperties.PERSISTENT_TEXT_PLAIN, body.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(5_000);
        }
    }

    private static String take(PrivateRabbit rabbit) throws IOException, TimeoutException {
        try (Connection connection = connect(rabbit);
                Channel channel = connection.createChannel()) {
            assertThat(channel.queueDeclarePassive(QUEUE).getMessageCount()).isEqualTo(1);
            GetResponse message = channel.basicGet(QUEUE, true);
            return new String(message.getBody(), StandardCharsets.UTF_8);
        }
    }

    private static Connection connect(PrivateRabbit rabbit) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(rabbit.amqpUri());
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        factory.setAutomaticRecoveryEnabled(false);
        return factory.newConnection("private-rabbit-it");
    }

    private static String processesMentioning(String text) throws IOException, InterruptedException {
        Process pgrep = new ProcessBuilder("pgrep", "-f", "-a", text)
                .redirectErrorStream(true)
                .start();
        String found = new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        pgrep.waitFor();
        return found.strip();
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
