package dev.mercato.realtime.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.realtime.RealtimeIntegrationTest;
import dev.mercato.realtime.history.Appendable;
import dev.mercato.realtime.history.EventLog;
import dev.mercato.realtime.history.Publication;
import dev.mercato.testsupport.http.SseClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A client that stops reading is dropped once its buffer is full; a reading client on the same topic gets it all. */
class SlowClientIT extends RealtimeIntegrationTest {

    @Autowired
    EventLog log;

    @Autowired
    MeterRegistry meters;

    @Test
    void aClientThatDoesNotReadIsDroppedWithoutSlowingTheOthers() throws Exception {
        var shopper = shopper();
        UUID product = UUID.randomUUID();
        String channel = "product:" + product;
        double droppedBefore = dropped();
        String padding = "x".repeat(2_000);
        int events = 400;

        try (Socket stalled = new Socket();
                SseClient reader = stream("topics=" + channel, shopper.bearer())) {
            stalled.setReceiveBufferSize(2_048);
            stalled.connect(new InetSocketAddress("localhost", port), 5_000);
            OutputStream out = stalled.getOutputStream();
            out.write(("GET /v1/stream?topics=" + channel
                            + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n" + "Authorization: Bearer "
                            + shopper.token() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> connections() >= 2);

            for (int i = 0; i < events; i++) {
                log.append(new Appendable(
                        UUID.randomUUID(),
                        null,
                        0,
                        List.of(Publication.always(
                                channel, "product.price", "{\"n\":" + i + ",\"pad\":\"" + padding + "\"}"))));
            }

            int received = 0;
            while (received < events && reader.nextEvent(Duration.ofSeconds(10)) != null) {
                received++;
            }
            assertThat(received).as("the reading client got every event").isEqualTo(events);
            await().atMost(Duration.ofSeconds(10)).until(() -> dropped() > droppedBefore);

            long read = drain(stalled.getInputStream());
            assertThat(read)
                    .as("the stalled connection was closed, not sent all %d events", events)
                    .isLessThan((long) events * padding.length());
        }
    }

    /** Reads what the server had sent until it closes the connection; -1 if it stays open. */
    private static long drain(InputStream in) throws Exception {
        byte[] buffer = new byte[8_192];
        long total = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    return total;
                }
                total += n;
            } catch (SocketTimeoutException notYet) {
                // keep reading
            } catch (java.net.SocketException reset) {
                return total;
            }
        }
        throw new AssertionError("the stalled connection is still open");
    }

    private double dropped() {
        var counter = meters.find("realtime.connections.dropped")
                .tag("reason", "slow")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double connections() {
        var gauge = meters.find("realtime.connections").gauge();
        return gauge == null ? 0 : gauge.value();
    }
}
