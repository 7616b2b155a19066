package dev.mercato.realtime.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mercato.realtime.RealtimeIntegrationTest;
import dev.mercato.realtime.history.Appendable;
import dev.mercato.realtime.history.EventLog;
import dev.mercato.realtime.history.Publication;
import dev.mercato.testsupport.http.SseClient;
import dev.mercato.testsupport.http.WsClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A client that stops reading is dropped once its buffer is full; a reading client on the same topic gets it all. The
 * stalled clients are raw sockets with a small receive buffer: a client library would read everything it is sent.
 */
class SlowClientIT extends RealtimeIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PADDING = "x".repeat(2_000);
    private static final int EVENTS = 400;

    @Autowired
    EventLog log;

    @Autowired
    MeterRegistry meters;

    @Test
    void aClientThatDoesNotReadIsDroppedWithoutSlowingTheOthers() throws Exception {
        var shopper = shopper();
        String channel = "product:" + UUID.randomUUID();
        try (SseClient reader = stream("topics=" + channel, shopper.bearer())) {
            stallsWhileAnotherReads(
                    channel,
                    stalled -> {
                        OutputStream out = stalled.getOutputStream();
                        out.write(("GET /v1/stream?topics=" + channel
                                        + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                                        + "Authorization: Bearer " + shopper.token() + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    },
                    () -> reader.nextEvent(WAIT) != null);
        }
    }

    @Test
    void aSocketThatDoesNotReadIsDroppedWithoutSlowingTheOthers() throws Exception {
        var shopper = shopper();
        String channel = "product:" + UUID.randomUUID();
        String subscribe = "{\"type\":\"subscribe\",\"topics\":[\"" + channel + "\"]}";
        try (WsClient reader = socket("", shopper.bearer())) {
            reader.send(subscribe);
            reader.next("subscribed", WAIT);
            stallsWhileAnotherReads(
                    channel,
                    stalled -> {
                        upgrade(stalled, shopper.token());
                        sendText(stalled.getOutputStream(), subscribe);
                    },
                    () -> reader.next("event", WAIT) != null);
        }
    }

    /** A client that follows the channel but never reads, and one that reads, while 400 large events are written. */
    private void stallsWhileAnotherReads(String channel, StalledClient opening, Callable<Boolean> readOne)
            throws Exception {
        double droppedBefore = dropped();
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(2_048);
            stalled.connect(new InetSocketAddress("localhost", port), 5_000);
            opening.open(stalled);
            await().atMost(WAIT).until(() -> connections() >= 2);

            for (int i = 0; i < EVENTS; i++) {
                log.append(new Appendable(
                        UUID.randomUUID(),
                        null,
                        0,
                        List.of(Publication.always(
                                channel, "product.price", "{\"n\":" + i + ",\"pad\":\"" + PADDING + "\"}"))));
            }

            int received = 0;
            while (received < EVENTS && readOne.call()) {
                received++;
            }
            assertThat(received).as("the reading client got every event").isEqualTo(EVENTS);
            await().atMost(WAIT).until(() -> dropped() > droppedBefore);

            long read = drain(stalled.getInputStream());
            assertThat(read)
                    .as("the stalled connection was closed, not sent all %d events", EVENTS)
                    .isLessThan((long) EVENTS * PADDING.length());
        }
    }

    private interface StalledClient {
        void open(Socket socket) throws Exception;
    }

    /** The opening handshake of a WebSocket, by hand. */
    private static void upgrade(Socket socket, String token) throws Exception {
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /v1/ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                        + Base64.getEncoder().encodeToString(key) + "\r\nAuthorization: Bearer " + token
                        + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("no upgrade: " + head);
            }
            head.write(b);
        }
        assertThat(head.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 101");
    }

    /** One masked text frame under 126 bytes, as a client must send it (RFC 6455 §5.2, §5.3). */
    private static void sendText(OutputStream out, String text) throws Exception {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        assertThat(payload.length).isLessThan(126);
        byte[] mask = {1, 2, 3, 4};
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        frame.write(0x80 | payload.length);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Reads what the server had sent until it closes the connection. */
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
            } catch (SocketException reset) {
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
